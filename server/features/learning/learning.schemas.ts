/** Edge validation for the learner's pages and forms. */
import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);

export const moduleParams = z.object({ module: slug });
export const lessonParams = z.object({ module: slug, lesson: slug });
export const reflectionParams = z.object({ module: slug, lesson: slug, reflection: slug });

export const reflectionBody = z.object({
  text: z.string().max(20000, 'A reflection can be at most 20,000 characters long.').default(''),
});

/** Quiz fields are `q_<questionId>`: a string or, for multiple choice, several strings. */
export const quizBody = z.record(z.string(), z.union([z.string().max(500), z.array(z.string().max(500)).max(20)]));

/** Route parameters that do not look like slugs cannot name any content: answer 404. */
export function parseParams<T>(schema: z.ZodType<T>, params: unknown): T {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** A malformed form body is the client's error; the message of the first issue is safe to show. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message ?? 'The form could not be read.');
  return parsed.data;
}

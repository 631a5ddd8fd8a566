/** Edge validation for writing, submitting and downloading answers. */
import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import type { UploadKind } from '../uploads/index.js';

/** What an answer may attach: documents, images and plain text (judged on the bytes). */
export const ANSWER_KINDS: readonly UploadKind[] = [
  'pdf',
  'office',
  'opendocument',
  'image',
  'text',
];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(120);
const objectId = z.string().regex(/^[0-9a-f]{24}$/);

export const assignmentParams = z.object({ assignmentId: slug });
export const fileParams = z.object({ submissionId: objectId, storedName: z.string().max(100) });

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const answerBody = z.object({
  text: z.string().max(100_000, 'An answer can be at most 100,000 characters long.').default(''),
  action: z
    .enum(['draft', 'submit'], { message: 'Choose "Save draft" or "Submit".' })
    .default('draft'),
  removeFiles: list,
});

/** Parameters that cannot name anything answer 404 (ids are not confirmed either way). */
export function parseParams<T>(schema: z.ZodType<T>, params: unknown): T {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** A malformed form is the client's error; the first message is safe to show. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success)
    throw new BadRequestError(parsed.error.issues[0]?.message ?? 'The form could not be read.');
  return parsed.data;
}

/** Edge validation for the authoring forms and URL parameters. */
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.js';
import { fieldErrorsOf as sharedFieldErrorsOf } from '../../web/validate.js';
import { BLOCK_TYPES, slug } from '../curriculum/content.schemas.js';

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const lines = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  );
/** Markdown from a textarea: browsers send CRLF line ends, the files and diffs use LF. */
const markdown = (max: number) =>
  z
    .string()
    .default('')
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max));
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean));

export const moduleParams = z.object({ moduleId: objectId });
export const lessonParams = z.object({ lessonId: objectId });
export const blockParams = z.object({ lessonId: objectId, blockId: slug });
const revisionNumber = z.coerce.number().int().min(1);
export const revisionParams = z.object({ lessonId: objectId, number: revisionNumber });
/** The revision number of a module's or the programme's history route (the module id is read apart). */
export const revisionNumberParams = z.object({ number: revisionNumber });

/** Parses URL parameters; anything malformed is simply "not found". */
export function parseParams<T extends z.ZodType>(schema: T, params: unknown): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

export const version = z.coerce.number().int().min(1);

/** A new module has no version yet; an edit form carries the one it was opened at. */
export const moduleForm = z.object({
  version: version.optional(),
  slug,
  title: z.string().trim().min(1, 'Enter a title.').max(200),
  intro: markdown(20000),
  outcomes: lines.pipe(z.array(z.string().max(500)).max(20)),
  effortHours: z.coerce.number({ message: 'Enter a number of hours.' }).min(0).max(1000),
  prerequisites: list,
});

export const lessonCreateForm = z.object({
  slug,
  title: z.string().trim().min(1, 'Enter a title.').max(200),
});

export const programmeForm = z.object({
  version,
  title: z.string().trim().min(1, 'Enter a title.').max(200),
  summary: z.string().trim().max(1000).default(''),
  description: markdown(50000),
});

export const lessonDetailsForm = z.object({
  version,
  title: z.string().trim().min(1, 'Enter a title.').max(200),
  minutes: z
    .string()
    .trim()
    .default('')
    .transform((s) => (s === '' ? null : Number(s)))
    .pipe(
      z
        .number({ message: 'Enter a whole number of minutes.' })
        .int('Enter a whole number of minutes.')
        .min(1)
        .max(1000)
        .nullable(),
    ),
});

export const moveForm = z.object({
  direction: z.enum(['up', 'down']),
  version: version.optional(),
});
export const versionForm = z.object({ version });
export const publishForm = z.object({
  version,
  note: z.string().trim().min(1, 'Say in a few words what changed.').max(500),
});
export const blockTypeQuery = z.object({ type: z.enum(BLOCK_TYPES), after: slug.optional() });
export const previewForm = z.object({ markdown: z.string().max(100000).default('') });

/** Capitalises a message: shared schemas (slugs) word theirs for the importer's "file:line: reason". */
export function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The shared `fieldErrorsOf` (web/validate.ts), with each message capitalised for the forms. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(
    Object.entries(sharedFieldErrorsOf(error)).map(([key, message]) => [key, capitalise(message)]),
  );
}

/**
 * Validation at the edge for every form: parse a form body with a zod schema, or throw a
 * FormError that re-renders the view with messages beside the fields and what the person typed
 * (never passwords).
 */
import type { z } from 'zod';
import { BadRequestError, FormError } from '../lib/errors.js';

export interface FormOptions {
  view: string;
  locals?: Record<string, unknown>;
  status?: number;
}

/** Strips every password-like field before a body is shown back. */
export function safeValues(body: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (!/password|_csrf/i.test(key)) values[key] = value;
  }
  return values;
}

/** The first message of each field of a zod error, keyed by field (`_form` for the whole form). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/** The parsed form, or a FormError naming the first problem of each field. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  opts: FormOptions,
): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw refusal(parsed.error, body, opts);
}

/** The FormError for a refused form: the first problem of each field, the typed values back. */
function refusal(error: z.ZodError, body: unknown, opts: FormOptions): FormError {
  return new FormError({
    view: opts.view,
    fieldErrors: fieldErrorsOf(error),
    values: safeValues(body),
    locals: opts.locals,
    status: opts.status,
  });
}

/**
 * parseForm for pages whose locals cost queries (a check-in, the lesson editor): `locals` is
 * called only when the form is refused, so a valid post does not load the page it leaves.
 */
export async function parseFormLoading<S extends z.ZodType>(
  schema: S,
  body: unknown,
  opts: Omit<FormOptions, 'locals'> & { locals: () => Promise<Record<string, unknown>> },
): Promise<z.infer<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw refusal(parsed.error, body, { ...opts, locals: await opts.locals() });
}

/** A FormError for one field (e.g. a service said the current password is wrong). */
export function fieldError(
  opts: FormOptions,
  field: string,
  message: string,
  body?: unknown,
): FormError {
  return new FormError({
    view: opts.view,
    fieldErrors: { [field]: message },
    values: safeValues(body),
    locals: opts.locals,
    status: opts.status,
  });
}

/** For forms that are buttons or checkbox lists: the parsed body, or a 400 naming the problem. */
export function parseOrBadRequest<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new BadRequestError(parsed.error.issues[0]?.message ?? 'The form could not be understood.');
}

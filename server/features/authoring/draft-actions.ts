/**
 * The request handling that a lesson, a module's texts and the programme's texts share: a refused
 * draft save, the publish form with its refusals, picking the revision a history page shows, and
 * restoring an old revision. Each controller says what differs (pages, services, messages).
 */
import type { Request, Response } from 'express';
import { FormError, isAppError } from '../../lib/errors.js';
import type { RevisionSummary } from '../curriculum/revisions.service.js';
import { fieldErrorsOf, parseParams, publishForm, versionForm } from './authoring.schemas.js';

export interface Author {
  id: string;
  name: string;
}

/** The signed-in author, as revisions record them. */
export const authorOf = (req: Request): Author => ({ id: req.user!.id, name: req.user!.name });

/** The edit page that a refused publish shows again: its view, locals and form values. */
export interface EditPage {
  view: string;
  locals: Record<string, unknown>;
  values: Record<string, unknown>;
}

export interface PublishSteps {
  /** The edit page at the latest draft. */
  page(): Promise<EditPage>;
  /** Publishes the draft; resolves with the success message to flash. */
  publish(version: number, note: string, author: Author): Promise<string>;
  /** Error code of a form opened before someone else's save; its message gets `review` added. */
  staleCode: string;
  review: string;
}

/**
 * Handles a publish form: publishes and flashes the success message, or throws a FormError that
 * re-shows the edit page at the latest draft with the person's change note kept.
 */
export async function publishFromForm(req: Request, steps: PublishSteps): Promise<void> {
  const parsed = publishForm.safeParse(req.body);
  const refuse = async (fieldErrors: Record<string, string>, status = 422) => {
    const { view, locals, values } = await steps.page();
    return new FormError({
      view,
      status,
      fieldErrors,
      values: { ...values, note: req.body.note },
      locals,
    });
  };
  if (!parsed.success) throw await refuse(fieldErrorsOf(parsed.error));
  try {
    req.flash('success', await steps.publish(parsed.data.version, parsed.data.note, authorOf(req)));
  } catch (err) {
    if (isAppError(err) && err.status === 409) {
      const review = err.code === steps.staleCode ? steps.review : '';
      throw await refuse({ note: `${err.message}${review}` }, 409);
    }
    throw err;
  }
}

/** The revision a history page shows: the one asked for in `?revision=N`, else the newest. */
export function selectedRevision(req: Request, revisions: RevisionSummary[]): number | undefined {
  const wanted = Number(req.query.revision);
  return Number.isInteger(wanted) && revisions.some((r) => r.number === wanted)
    ? wanted
    : revisions[0]?.number;
}

/**
 * Handles a restore form: publishes revision `number` again (a stale form restores nothing and
 * says so), then goes back to the history page `back`.
 */
export async function restoreFromForm(
  req: Request,
  res: Response,
  number: number,
  steps: {
    restore(version: number, author: Author): Promise<{ revision: number }>;
    staleCode: string;
    back: string;
  },
): Promise<void> {
  const { version } = parseParams(versionForm, req.body);
  try {
    const { revision } = await steps.restore(version, authorOf(req));
    req.flash('success', `Revision ${number} restored and published as revision ${revision}.`);
  } catch (err) {
    if (!(isAppError(err) && err.code === steps.staleCode)) throw err;
    req.flash('error', `${err.message} Nothing was restored; check the latest draft first.`);
  }
  res.redirect(303, steps.back);
}

/** What a refused draft save shows again: the edit form's view and locals. */
export interface DraftForm {
  view: string;
  locals: Record<string, unknown>;
  /** The record's message for a stale save, and its latest version (undefined when creating). */
  staleMessage: string;
  latestVersion: number | undefined;
}

/**
 * How a draft save is refused: a FormError that shows `form()` again with the person's text. A
 * stale save (409) explains itself and carries the latest version, so saving again goes through.
 */
export function draftRefusal(req: Request, form: () => Promise<DraftForm>) {
  return async (fieldErrors: Record<string, string>, status = 422): Promise<FormError> => {
    const { view, locals, staleMessage, latestVersion } = await form();
    const stale = status === 409;
    return new FormError({
      view,
      status,
      message: stale
        ? `${staleMessage} Your text is below; compare it with the latest version before saving again.`
        : undefined,
      fieldErrors,
      values: stale ? { ...req.body, version: latestVersion } : req.body,
      locals,
    });
  };
}

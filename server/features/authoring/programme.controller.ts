/** Authoring: the programme's title, summary and description through draft, publish and history. */
import type { Request, Response } from 'express';
import { FormError, isAppError } from '../../lib/errors.js';
import {
  getProgrammeForEditing,
  getProgrammeRevision,
  listProgrammeRevisions,
  previewProgramme,
  PROGRAMME_STALE_MESSAGE,
  publishProgramme,
  restoreProgrammeRevision,
  saveProgrammeDraft,
} from '../curriculum/programme.service.js';
import {
  fieldErrorsOf,
  parseParams,
  programmeForm,
  programmeRevisionParams,
  publishForm,
  versionForm,
} from './authoring.schemas.js';
import {
  compareOutlineDraft,
  compareOutlineRevision,
  programmeAsText,
} from './outline-history.service.js';

const author = (req: Request) => ({ id: req.user!.id, name: req.user!.name });

/** The edit page's locals: the programme, its pending diff and the form values at its latest draft. */
async function formLocals() {
  const programme = await getProgrammeForEditing();
  return {
    title: 'Edit programme',
    programme,
    pending: compareOutlineDraft(programme, programmeAsText),
    values: { ...programme.draft, version: programme.version },
  };
}

/** GET /authoring/programme */
export async function editProgramme(_req: Request, res: Response): Promise<void> {
  res.render('authoring/programme-form', await formLocals());
}

/** POST /authoring/programme: saves the draft; a stale save (409) shows the person's text back. */
export async function saveProgramme(req: Request, res: Response): Promise<void> {
  const parsed = programmeForm.safeParse(req.body);
  const fail = async (fieldErrors: Record<string, string>, status = 422) => {
    const locals = await formLocals();
    return new FormError({
      view: 'authoring/programme-form',
      status,
      message:
        status === 409
          ? `${PROGRAMME_STALE_MESSAGE} Your text is below; compare it with the latest version before saving again.`
          : undefined,
      fieldErrors,
      values: status === 409 ? { ...req.body, version: locals.programme.version } : req.body,
      locals,
    });
  };
  if (!parsed.success) throw await fail(fieldErrorsOf(parsed.error));
  const { version, ...input } = parsed.data;
  try {
    await saveProgrammeDraft(version, input);
  } catch (err) {
    if (isAppError(err) && err.code === 'stale_programme')
      throw await fail({ _form: err.message }, 409);
    throw err;
  }
  req.flash('success', 'Programme draft saved. Learners see the change once you publish it.');
  res.redirect(303, '/authoring/programme');
}

/** POST /authoring/programme/publish */
export async function publishProgrammeAction(req: Request, res: Response): Promise<void> {
  const parsed = publishForm.safeParse(req.body);
  const refuse = async (fieldErrors: Record<string, string>, status = 422) => {
    const locals = await formLocals();
    return new FormError({
      view: 'authoring/programme-form',
      status,
      fieldErrors,
      values: { ...locals.values, note: req.body.note },
      locals,
    });
  };
  if (!parsed.success) throw await refuse(fieldErrorsOf(parsed.error));
  try {
    const revision = await publishProgramme(parsed.data.version, parsed.data.note, author(req));
    req.flash(
      'success',
      `Programme published as revision ${revision}. Learners now see these texts.`,
    );
  } catch (err) {
    if (isAppError(err) && err.status === 409) {
      const review =
        err.code === 'stale_programme' ? ' Review the latest draft above, then publish again.' : '';
      throw await refuse({ note: `${err.message}${review}` }, 409);
    }
    throw err;
  }
  res.redirect(303, '/authoring/programme');
}

/** GET /authoring/programme/preview: the draft texts as learners will see them. */
export async function previewProgrammeAction(_req: Request, res: Response): Promise<void> {
  const preview = await previewProgramme();
  res.render('authoring/programme-preview', {
    title: `Preview: ${preview.programme.draft.title}`,
    ...preview,
  });
}

/** GET /authoring/programme/history[?revision=N] */
export async function programmeHistory(req: Request, res: Response): Promise<void> {
  const programme = await getProgrammeForEditing();
  const revisions = await listProgrammeRevisions();
  const wanted = Number(req.query.revision);
  const selected =
    Number.isInteger(wanted) && revisions.some((r) => r.number === wanted)
      ? wanted
      : revisions[0]?.number;
  const comparison = selected
    ? await compareOutlineRevision(getProgrammeRevision, programmeAsText, selected)
    : null;
  res.render('authoring/outline-history', {
    title: `History: ${programme.draft.title}`,
    heading: programme.draft.title,
    base: '/authoring/programme',
    editUrl: '/authoring/programme',
    what: 'programme',
    record: programme,
    revisions,
    comparison,
  });
}

/** POST /authoring/programme/history/:number/restore */
export async function restoreProgrammeAction(req: Request, res: Response): Promise<void> {
  const { number } = parseParams(programmeRevisionParams, req.params);
  const { version } = parseParams(versionForm, req.body);
  try {
    const { revision } = await restoreProgrammeRevision(number, version, author(req));
    req.flash('success', `Revision ${number} restored and published as revision ${revision}.`);
  } catch (err) {
    if (!(isAppError(err) && err.code === 'stale_programme')) throw err;
    req.flash('error', `${err.message} Nothing was restored; check the latest draft first.`);
  }
  res.redirect(303, '/authoring/programme/history');
}

/** Authoring: the programme's title, summary and description through draft, publish and history. */
import type { Request, Response } from 'express';
import { isAppError } from '../../lib/errors.js';
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
import { fieldErrorsOf, programmeForm } from './authoring.schemas.js';
import { draftRefusal } from './draft-actions.js';
import { compareOutlineDraft, programmeAsText } from './outline-history.service.js';
import { outlinePublishing } from './outline-publishing.controller.js';

const EDIT_URL = '/authoring/programme';

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
  const fail = draftRefusal(req, async () => {
    const locals = await formLocals();
    const latestVersion = locals.programme.version;
    return {
      view: 'authoring/programme-form',
      locals,
      staleMessage: PROGRAMME_STALE_MESSAGE,
      latestVersion,
    };
  });
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
  res.redirect(303, EDIT_URL);
}

// There is one programme being authored, so its pages take no id.
const actions = outlinePublishing({
  noun: 'programme',
  idOf: () => '',
  editUrl: () => EDIT_URL,
  base: () => EDIT_URL,
  editPage: async () => {
    const locals = await formLocals();
    return { view: 'authoring/programme-form', locals, values: locals.values };
  },
  preview: async () => {
    const preview = await previewProgramme();
    return {
      view: 'authoring/programme-preview',
      title: preview.programme.draft.title,
      locals: preview,
    };
  },
  load: () => getProgrammeForEditing(),
  publish: (_id, version, note, author) => publishProgramme(version, note, author),
  listRevisions: () => listProgrammeRevisions(),
  getRevision: (_id, number) => getProgrammeRevision(number),
  restore: (_id, number, version, author) => restoreProgrammeRevision(number, version, author),
  asText: programmeAsText,
});

/** POST /authoring/programme/publish */
export const publishProgrammeAction = actions.publish;
/** GET /authoring/programme/preview: the draft texts as learners will see them. */
export const previewProgrammeAction = actions.preview;
/** GET /authoring/programme/history[?revision=N] */
export const programmeHistory = actions.history;
/** POST /authoring/programme/history/:number/restore */
export const restoreProgrammeAction = actions.restore;

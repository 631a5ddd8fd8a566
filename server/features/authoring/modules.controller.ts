/** Authoring: the programme overview and module create/edit/reorder/delete. */
import type { Request, Response } from 'express';
import { isAppError } from '../../lib/errors.js';
import {
  getModuleDraft,
  MODULE_STALE_MESSAGE,
  saveModuleDraft,
} from '../curriculum/module-publishing.service.js';
import {
  createModule,
  deleteModule,
  getModuleForEditing,
  listStructure,
  moveModule,
} from '../curriculum/structure.service.js';
import {
  fieldErrorsOf,
  moduleForm,
  moduleParams,
  moveForm,
  parseParams,
} from './authoring.schemas.js';
import { draftRefusal } from './draft-actions.js';
import { compareOutlineDraft, moduleAsText } from './outline-history.service.js';

/** GET /authoring */
export async function overview(_req: Request, res: Response): Promise<void> {
  res.render('authoring/index', { title: 'Authoring', ...(await listStructure()) });
}

/** The form's surroundings: prerequisite choices and, when editing, the module's status and pending diff. */
async function formLocals(moduleId?: string) {
  const { modules } = await listStructure();
  const module = moduleId ? await getModuleDraft(moduleId) : null;
  return {
    title: module ? `Edit ${module.draft.title}` : 'New module',
    module,
    pending: module ? compareOutlineDraft(module, moduleAsText) : null,
    prerequisiteOptions: modules
      .filter((m) => m.id !== moduleId)
      .map((m) => ({ value: m.slug, label: m.title })),
  };
}

/** The edit form's values: the draft (or published) texts at the module's current version. */
export async function moduleFormLocals(moduleId: string) {
  const locals = await formLocals(moduleId);
  const m = locals.module!;
  const values = {
    version: m.version,
    slug: m.slug,
    title: m.draft.title,
    intro: m.draft.intro,
    outcomes: m.draft.outcomes.join('\n'),
    effortHours: m.draft.effortHours,
    prerequisites: m.draft.prerequisites,
  };
  return { ...locals, values };
}

/** GET /authoring/modules/new */
export async function newModule(_req: Request, res: Response): Promise<void> {
  res.render('authoring/module-form', { ...(await formLocals()), values: { effortHours: 4 } });
}

/** GET /authoring/modules/:moduleId/edit */
export async function editModule(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  res.render('authoring/module-form', await moduleFormLocals(moduleId));
}

/**
 * POST /authoring/modules (create) and /authoring/modules/:moduleId (save the draft). A refused
 * save re-shows the form with the person's text; a stale one (409) also carries the new version.
 */
export async function saveModule(req: Request, res: Response): Promise<void> {
  const moduleId = req.params.moduleId ? parseParams(moduleParams, req.params).moduleId : undefined;
  const parsed = moduleForm.safeParse(req.body);
  const fail = draftRefusal(req, async () => {
    const locals = await formLocals(moduleId);
    const latestVersion = locals.module?.version;
    return {
      view: 'authoring/module-form',
      locals,
      staleMessage: MODULE_STALE_MESSAGE,
      latestVersion,
    };
  });
  if (!parsed.success) throw await fail(fieldErrorsOf(parsed.error));
  const { version, ...input } = parsed.data;
  if (moduleId && version === undefined)
    throw await fail({ _form: 'The form is missing its version: reload the page.' });
  try {
    if (moduleId) await saveModuleDraft(moduleId, version!, input);
    else await createModule(input);
  } catch (err) {
    if (isAppError(err) && err.code === 'stale_module')
      throw await fail({ _form: err.message }, 409);
    // Business-rule refusals (duplicate id, bad prerequisite) are shown on the form, text kept.
    if (isAppError(err) && (err.status === 409 || err.status === 400))
      throw await fail({ _form: err.message });
    throw err;
  }
  req.flash(
    'success',
    moduleId
      ? 'Module draft saved. Learners see the change once you publish it.'
      : 'Module created as a draft: learners will see it once you publish it (and it has a published lesson).',
  );
  res.redirect(303, moduleId ? `/authoring/modules/${moduleId}/edit` : '/authoring');
}

/** POST /authoring/modules/:moduleId/move */
export async function moveModuleAction(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  const { direction } = parseParams(moveForm, req.body);
  await moveModule(moduleId, direction);
  res.redirect(303, `/authoring#module-${moduleId}`);
}

/** GET /authoring/modules/:moduleId/delete: a confirmation page (works without JavaScript). */
export async function confirmDeleteModule(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  const m = await getModuleForEditing(moduleId);
  res.render('authoring/confirm', {
    title: `Delete ${m.title}?`,
    action: `/authoring/modules/${moduleId}/delete`,
    back: '/authoring',
    what: `the module “${m.title}”`,
    version: null,
  });
}

/** POST /authoring/modules/:moduleId/delete */
export async function deleteModuleAction(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  try {
    await deleteModule(moduleId);
    req.flash('success', 'Module deleted.');
  } catch (err) {
    if (!(isAppError(err) && err.status === 409)) throw err;
    req.flash('error', err.message);
  }
  res.redirect(303, '/authoring');
}

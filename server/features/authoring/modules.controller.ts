/** Authoring: the programme overview and module create/edit/reorder/delete. */
import type { Request, Response } from 'express';
import { FormError, isAppError } from '../../lib/errors.js';
import {
  createModule,
  deleteModule,
  getModuleForEditing,
  listStructure,
  moveModule,
  updateModule,
} from '../curriculum/structure.service.js';
import {
  fieldErrorsOf,
  moduleForm,
  moduleParams,
  moveForm,
  parseParams,
} from './authoring.schemas.js';

/** GET /authoring */
export async function overview(_req: Request, res: Response): Promise<void> {
  res.render('authoring/index', { title: 'Authoring', ...(await listStructure()) });
}

async function formLocals(moduleId?: string) {
  const { modules } = await listStructure();
  return {
    prerequisiteOptions: modules
      .filter((m) => m.id !== moduleId)
      .map((m) => ({ value: m.slug, label: m.title })),
  };
}

/** GET /authoring/modules/new */
export async function newModule(_req: Request, res: Response): Promise<void> {
  res.render('authoring/module-form', {
    title: 'New module',
    module: null,
    values: { effortHours: 4 },
    ...(await formLocals()),
  });
}

/** GET /authoring/modules/:moduleId/edit */
export async function editModule(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  const m = await getModuleForEditing(moduleId);
  const values = {
    slug: m.slug,
    title: m.title,
    intro: m.intro,
    outcomes: m.outcomes.join('\n'),
    effortHours: m.effortHours,
    prerequisites: m.prerequisites,
  };
  res.render('authoring/module-form', {
    title: `Edit ${m.title}`,
    module: { id: moduleId, title: m.title },
    values,
    ...(await formLocals(moduleId)),
  });
}

/** POST /authoring/modules and /authoring/modules/:moduleId */
export async function saveModule(req: Request, res: Response): Promise<void> {
  const moduleId = req.params.moduleId ? parseParams(moduleParams, req.params).moduleId : undefined;
  const parsed = moduleForm.safeParse(req.body);
  const fail = async (fieldErrors: Record<string, string>) =>
    new FormError({
      view: 'authoring/module-form',
      fieldErrors,
      values: req.body,
      locals: {
        title: moduleId ? 'Edit module' : 'New module',
        module: moduleId ? { id: moduleId, title: '' } : null,
        ...(await formLocals(moduleId)),
      },
    });
  if (!parsed.success) throw await fail(fieldErrorsOf(parsed.error));
  try {
    if (moduleId) await updateModule(moduleId, parsed.data);
    else await createModule(parsed.data);
  } catch (err) {
    // Business-rule refusals (duplicate id, bad prerequisite) are shown on the form, text kept.
    if (isAppError(err) && (err.status === 409 || err.status === 400))
      throw await fail({ _form: err.message });
    throw err;
  }
  req.flash('success', moduleId ? 'Module saved.' : 'Module created.');
  res.redirect(303, '/authoring');
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

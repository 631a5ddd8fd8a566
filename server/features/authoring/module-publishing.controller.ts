/** Authoring: publish a module's texts, preview its page as a learner, its history and restore. */
import type { Request, Response } from 'express';
import { FormError, isAppError } from '../../lib/errors.js';
import {
  getModuleDraft,
  getModuleRevision,
  listModuleRevisions,
  previewModule,
  publishModule,
  restoreModuleRevision,
} from '../curriculum/module-publishing.service.js';
import {
  fieldErrorsOf,
  moduleParams,
  moduleRevisionParams,
  parseParams,
  publishForm,
  versionForm,
} from './authoring.schemas.js';
import { moduleFormLocals } from './modules.controller.js';
import { compareOutlineRevision, moduleAsText } from './outline-history.service.js';

const author = (req: Request) => ({ id: req.user!.id, name: req.user!.name });

/** POST /authoring/modules/:moduleId/publish */
export async function publishModuleAction(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  const parsed = publishForm.safeParse(req.body);
  // A refusal re-shows the edit page at the latest draft, with the person's change note kept.
  const refuse = async (fieldErrors: Record<string, string>, status = 422) => {
    const locals = await moduleFormLocals(moduleId);
    return new FormError({
      view: 'authoring/module-form',
      status,
      fieldErrors,
      values: { ...locals.values, note: req.body.note },
      locals,
    });
  };
  if (!parsed.success) throw await refuse(fieldErrorsOf(parsed.error));
  try {
    const revision = await publishModule(
      moduleId,
      parsed.data.version,
      parsed.data.note,
      author(req),
    );
    req.flash('success', `Module published as revision ${revision}. Learners now see these texts.`);
  } catch (err) {
    if (isAppError(err) && err.status === 409) {
      const review =
        err.code === 'stale_module' ? ' Review the latest draft above, then publish again.' : '';
      throw await refuse({ note: `${err.message}${review}` }, 409);
    }
    throw err;
  }
  res.redirect(303, `/authoring/modules/${moduleId}/edit`);
}

/** GET /authoring/modules/:moduleId/preview: the module page as learners will see it once published. */
export async function previewModuleAction(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  const preview = await previewModule(moduleId);
  res.render('authoring/module-preview', {
    title: `Preview: ${preview.module.draft.title}`,
    ...preview,
  });
}

/** GET /authoring/modules/:moduleId/history[?revision=N] */
export async function moduleHistory(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  const module = await getModuleDraft(moduleId);
  const revisions = await listModuleRevisions(moduleId);
  const wanted = Number(req.query.revision);
  const selected =
    Number.isInteger(wanted) && revisions.some((r) => r.number === wanted)
      ? wanted
      : revisions[0]?.number;
  const comparison = selected
    ? await compareOutlineRevision((n) => getModuleRevision(moduleId, n), moduleAsText, selected)
    : null;
  res.render('authoring/outline-history', {
    title: `History: ${module.draft.title}`,
    heading: module.draft.title,
    base: `/authoring/modules/${moduleId}`,
    editUrl: `/authoring/modules/${moduleId}/edit`,
    what: 'module',
    record: module,
    revisions,
    comparison,
  });
}

/** POST /authoring/modules/:moduleId/history/:number/restore */
export async function restoreModuleAction(req: Request, res: Response): Promise<void> {
  const { moduleId, number } = parseParams(moduleRevisionParams, req.params);
  const { version } = parseParams(versionForm, req.body);
  try {
    const { revision } = await restoreModuleRevision(moduleId, number, version, author(req));
    req.flash('success', `Revision ${number} restored and published as revision ${revision}.`);
  } catch (err) {
    if (!(isAppError(err) && err.code === 'stale_module')) throw err;
    req.flash('error', `${err.message} Nothing was restored; check the latest draft first.`);
  }
  res.redirect(303, `/authoring/modules/${moduleId}/history`);
}

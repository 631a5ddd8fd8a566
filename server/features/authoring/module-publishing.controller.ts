/** Authoring: publish a module's texts, preview its page as a learner, its history and restore. */
import {
  getModuleDraft,
  getModuleRevision,
  listModuleRevisions,
  previewModule,
  publishModule,
  restoreModuleRevision,
} from '../curriculum/module-publishing.service.js';
import { moduleParams, parseParams } from './authoring.schemas.js';
import { moduleFormLocals } from './modules.controller.js';
import { moduleAsText } from './outline-history.service.js';
import { outlinePublishing } from './outline-publishing.controller.js';

const actions = outlinePublishing({
  noun: 'module',
  idOf: (req) => parseParams(moduleParams, req.params).moduleId,
  editUrl: (id) => `/authoring/modules/${id}/edit`,
  base: (id) => `/authoring/modules/${id}`,
  editPage: async (id) => {
    const locals = await moduleFormLocals(id);
    return { view: 'authoring/module-form', locals, values: locals.values };
  },
  preview: async (id) => {
    const preview = await previewModule(id);
    return { view: 'authoring/module-preview', title: preview.module.draft.title, locals: preview };
  },
  load: getModuleDraft,
  publish: publishModule,
  listRevisions: listModuleRevisions,
  getRevision: getModuleRevision,
  restore: restoreModuleRevision,
  asText: moduleAsText,
});

/** POST /authoring/modules/:moduleId/publish */
export const publishModuleAction = actions.publish;
/** GET /authoring/modules/:moduleId/preview: the module page as learners will see it once published. */
export const previewModuleAction = actions.preview;
/** GET /authoring/modules/:moduleId/history[?revision=N] */
export const moduleHistory = actions.history;
/** POST /authoring/modules/:moduleId/history/:number/restore */
export const restoreModuleAction = actions.restore;

/** Authoring routes: authors and admins only. */
import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import { deleteBlockAction, moveBlockAction, previewMarkdown } from './block-actions.controller.js';
import { editBlock, newBlock, saveBlock } from './blocks.controller.js';
import { lessonFileUpload } from './lesson-uploads.js';
import {
  changeModule,
  confirmDeleteLesson,
  createLessonAction,
  deleteLessonAction,
  moveLessonAction,
  newLesson,
  previewLesson,
  saveDetails,
  showEditor,
} from './lessons.controller.js';
import {
  confirmDeleteModule,
  deleteModuleAction,
  editModule,
  moveModuleAction,
  newModule,
  overview,
  saveModule,
} from './modules.controller.js';
import {
  moduleHistory,
  previewModuleAction,
  publishModuleAction,
  restoreModuleAction,
} from './module-publishing.controller.js';
import {
  editProgramme,
  previewProgrammeAction,
  programmeHistory,
  publishProgrammeAction,
  restoreProgrammeAction,
  saveProgramme,
} from './programme.controller.js';
import { history, publish, restore, uploadImage } from './publishing.controller.js';

export const authoringRouter = Router();
const authors = requireRole('author', 'admin');

authoringRouter.get('/authoring', authors, overview);
authoringRouter.post('/authoring/preview', authors, previewMarkdown);
authoringRouter.get('/authoring/programme', authors, editProgramme);
authoringRouter.post('/authoring/programme', authors, saveProgramme);
authoringRouter.post('/authoring/programme/publish', authors, publishProgrammeAction);
authoringRouter.get('/authoring/programme/preview', authors, previewProgrammeAction);
authoringRouter.get('/authoring/programme/history', authors, programmeHistory);
authoringRouter.post(
  '/authoring/programme/history/:number/restore',
  authors,
  restoreProgrammeAction,
);
authoringRouter.get('/authoring/modules/new', authors, newModule);
authoringRouter.post('/authoring/modules', authors, saveModule);
authoringRouter.get('/authoring/modules/:moduleId/edit', authors, editModule);
authoringRouter.post('/authoring/modules/:moduleId', authors, saveModule);
authoringRouter.post('/authoring/modules/:moduleId/move', authors, moveModuleAction);
authoringRouter.post('/authoring/modules/:moduleId/publish', authors, publishModuleAction);
authoringRouter.get('/authoring/modules/:moduleId/preview', authors, previewModuleAction);
authoringRouter.get('/authoring/modules/:moduleId/history', authors, moduleHistory);
authoringRouter.post(
  '/authoring/modules/:moduleId/history/:number/restore',
  authors,
  restoreModuleAction,
);
authoringRouter.get('/authoring/modules/:moduleId/delete', authors, confirmDeleteModule);
authoringRouter.post('/authoring/modules/:moduleId/delete', authors, deleteModuleAction);
authoringRouter.get('/authoring/modules/:moduleId/lessons/new', authors, newLesson);
authoringRouter.post('/authoring/modules/:moduleId/lessons', authors, createLessonAction);
authoringRouter.get('/authoring/lessons/:lessonId', authors, showEditor);
authoringRouter.post('/authoring/lessons/:lessonId', authors, saveDetails);
authoringRouter.post('/authoring/lessons/:lessonId/move', authors, moveLessonAction);
authoringRouter.post('/authoring/lessons/:lessonId/module', authors, changeModule);
authoringRouter.get('/authoring/lessons/:lessonId/delete', authors, confirmDeleteLesson);
authoringRouter.post('/authoring/lessons/:lessonId/delete', authors, deleteLessonAction);
authoringRouter.get('/authoring/lessons/:lessonId/preview', authors, previewLesson);
authoringRouter.post('/authoring/lessons/:lessonId/publish', authors, publish);
authoringRouter.get('/authoring/lessons/:lessonId/history', authors, history);
authoringRouter.post('/authoring/lessons/:lessonId/history/:number/restore', authors, restore);
authoringRouter.post(
  '/authoring/lessons/:lessonId/images',
  authors,
  lessonFileUpload('image'),
  uploadImage,
);
authoringRouter.get('/authoring/lessons/:lessonId/blocks/new', authors, newBlock);
authoringRouter.post(
  '/authoring/lessons/:lessonId/blocks',
  authors,
  lessonFileUpload('resource'),
  saveBlock,
);
authoringRouter.get('/authoring/lessons/:lessonId/blocks/:blockId', authors, editBlock);
authoringRouter.post(
  '/authoring/lessons/:lessonId/blocks/:blockId',
  authors,
  lessonFileUpload('resource'),
  saveBlock,
);
authoringRouter.post('/authoring/lessons/:lessonId/blocks/:blockId/move', authors, moveBlockAction);
authoringRouter.post(
  '/authoring/lessons/:lessonId/blocks/:blockId/delete',
  authors,
  deleteBlockAction,
);

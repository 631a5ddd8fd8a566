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

// A short name keeps each route on one line (path, guards, upload, handler).
const router = Router();
export { router as authoringRouter };
const authors = requireRole('author', 'admin');
const imageUpload = lessonFileUpload('image');
const resourceUpload = lessonFileUpload('resource');

router.get('/authoring', authors, overview);
router.post('/authoring/preview', authors, previewMarkdown);
router.get('/authoring/programme', authors, editProgramme);
router.post('/authoring/programme', authors, saveProgramme);
router.post('/authoring/programme/publish', authors, publishProgrammeAction);
router.get('/authoring/programme/preview', authors, previewProgrammeAction);
router.get('/authoring/programme/history', authors, programmeHistory);
router.post('/authoring/programme/history/:number/restore', authors, restoreProgrammeAction);
router.get('/authoring/modules/new', authors, newModule);
router.post('/authoring/modules', authors, saveModule);
router.get('/authoring/modules/:moduleId/edit', authors, editModule);
router.post('/authoring/modules/:moduleId', authors, saveModule);
router.post('/authoring/modules/:moduleId/move', authors, moveModuleAction);
router.post('/authoring/modules/:moduleId/publish', authors, publishModuleAction);
router.get('/authoring/modules/:moduleId/preview', authors, previewModuleAction);
router.get('/authoring/modules/:moduleId/history', authors, moduleHistory);
router.post('/authoring/modules/:moduleId/history/:number/restore', authors, restoreModuleAction);
router.get('/authoring/modules/:moduleId/delete', authors, confirmDeleteModule);
router.post('/authoring/modules/:moduleId/delete', authors, deleteModuleAction);
router.get('/authoring/modules/:moduleId/lessons/new', authors, newLesson);
router.post('/authoring/modules/:moduleId/lessons', authors, createLessonAction);
router.get('/authoring/lessons/:lessonId', authors, showEditor);
router.post('/authoring/lessons/:lessonId', authors, saveDetails);
router.post('/authoring/lessons/:lessonId/move', authors, moveLessonAction);
router.post('/authoring/lessons/:lessonId/module', authors, changeModule);
router.get('/authoring/lessons/:lessonId/delete', authors, confirmDeleteLesson);
router.post('/authoring/lessons/:lessonId/delete', authors, deleteLessonAction);
router.get('/authoring/lessons/:lessonId/preview', authors, previewLesson);
router.post('/authoring/lessons/:lessonId/publish', authors, publish);
router.get('/authoring/lessons/:lessonId/history', authors, history);
router.post('/authoring/lessons/:lessonId/history/:number/restore', authors, restore);
router.post('/authoring/lessons/:lessonId/images', authors, imageUpload, uploadImage);
router.get('/authoring/lessons/:lessonId/blocks/new', authors, newBlock);
router.post('/authoring/lessons/:lessonId/blocks', authors, resourceUpload, saveBlock);
router.get('/authoring/lessons/:lessonId/blocks/:blockId', authors, editBlock);
router.post('/authoring/lessons/:lessonId/blocks/:blockId', authors, resourceUpload, saveBlock);
router.post('/authoring/lessons/:lessonId/blocks/:blockId/move', authors, moveBlockAction);
router.post('/authoring/lessons/:lessonId/blocks/:blockId/delete', authors, deleteBlockAction);

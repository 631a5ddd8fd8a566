/** Curriculum routes: lesson files. (Learner pages live in the learning feature.) */
import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import { downloadAsset } from './curriculum.controller.js';

export const curriculumRouter = Router();

curriculumRouter.get('/curriculum/assets/:storedName', requireAuth, downloadAsset);

import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import {
  postGrading,
  postRelease,
  postReleaseAll,
  showGrading,
  showQueue,
} from './grading.controller.js';

export const gradingRouter = Router();

gradingRouter.get('/grading', requireRole('mentor'), showQueue);
gradingRouter.post('/grading/release-all', requireRole('mentor'), postReleaseAll);
gradingRouter.get('/grading/:submissionId', requireRole('mentor'), showGrading);
gradingRouter.post('/grading/:submissionId', requireRole('mentor'), postGrading);
gradingRouter.post('/grading/:submissionId/release', requireRole('mentor'), postRelease);

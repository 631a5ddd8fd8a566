import { Router } from 'express';
import { requireAuth, requireRole } from '../../web/guards.js';
import { answerUpload } from './answer-upload.js';
import { downloadFile, postAnswer } from './submissions.controller.js';

export const submissionsRouter = Router();

submissionsRouter.post(
  '/assignments/:assignmentId/answer',
  requireRole('innovator'),
  answerUpload,
  postAnswer,
);
submissionsRouter.get('/submissions/:submissionId/files/:storedName', requireAuth, downloadFile);

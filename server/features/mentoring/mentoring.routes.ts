/** Mentor pages: mentees overview, one mentee, cadence and one-off check-ins. */
import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import { index, postCadence, postOneOff, postStopCadence, show } from './mentoring.controller.js';

export const mentoringRouter = Router();

mentoringRouter.get('/mentoring', requireRole('mentor'), index);
mentoringRouter.get('/mentoring/:innovatorId', requireRole('mentor'), show);
mentoringRouter.post('/mentoring/:innovatorId/cadence', requireRole('mentor'), postCadence);
mentoringRouter.post(
  '/mentoring/:innovatorId/cadence/stop',
  requireRole('mentor'),
  postStopCadence,
);
mentoringRouter.post('/mentoring/:innovatorId/checkins', requireRole('mentor'), postOneOff);

/** Admin cohort pages. */
import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import {
  addAmbassador,
  addPeople,
  create,
  index,
  removePerson,
  setMentor,
  show,
  showNew,
} from './cohorts.controller.js';

export const cohortsRouter = Router();

cohortsRouter.get('/admin/cohorts', requireRole('admin'), index);
cohortsRouter.get('/admin/cohorts/new', requireRole('admin'), showNew);
cohortsRouter.post('/admin/cohorts', requireRole('admin'), create);
cohortsRouter.get('/admin/cohorts/:slug', requireRole('admin'), show);
cohortsRouter.post('/admin/cohorts/:slug/members', requireRole('admin'), addPeople);
cohortsRouter.post(
  '/admin/cohorts/:slug/members/:userId/remove',
  requireRole('admin'),
  removePerson,
);
cohortsRouter.post('/admin/cohorts/:slug/mentors', requireRole('admin'), setMentor);
cohortsRouter.post('/admin/cohorts/:slug/ambassadors', requireRole('admin'), addAmbassador);

/** Admin people pages. */
import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import {
  deactivate,
  listPage,
  reactivate,
  showPerson,
  updateCountries,
  updateRoles,
} from './users.controller.js';

export const usersRouter = Router();

usersRouter.get('/admin/people', requireRole('admin'), listPage);
usersRouter.get('/admin/people/:id', requireRole('admin'), showPerson);
usersRouter.post('/admin/people/:id/roles', requireRole('admin'), updateRoles);
usersRouter.post('/admin/people/:id/countries', requireRole('admin'), updateCountries);
usersRouter.post('/admin/people/:id/deactivate', requireRole('admin'), deactivate);
usersRouter.post('/admin/people/:id/reactivate', requireRole('admin'), reactivate);

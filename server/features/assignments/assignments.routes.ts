import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import { postDueDate, postExtension, showDueDates } from './assignments-admin.controller.js';
import { listMine, showMine } from './assignments.controller.js';

export const assignmentsRouter = Router();

assignmentsRouter.get('/assignments', requireRole('innovator'), listMine);
assignmentsRouter.get('/assignments/:assignmentId', requireRole('innovator'), showMine);
assignmentsRouter.get('/admin/assignments', requireRole('admin'), showDueDates);
assignmentsRouter.post('/admin/assignments/due-dates', requireRole('admin'), postDueDate);
assignmentsRouter.post('/admin/assignments/extensions', requireRole('admin'), postExtension);

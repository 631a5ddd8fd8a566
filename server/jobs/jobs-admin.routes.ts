/** The admin jobs page (admins only). */
import { Router } from 'express';
import { requireRole } from '../web/guards.js';
import { index, postCancel, postRetry } from './jobs-admin.controller.js';

export const jobsAdminRouter = Router();

jobsAdminRouter.get('/admin/jobs', requireRole('admin'), index);
jobsAdminRouter.post('/admin/jobs/:id/retry', requireRole('admin'), postRetry);
jobsAdminRouter.post('/admin/jobs/:id/cancel', requireRole('admin'), postCancel);

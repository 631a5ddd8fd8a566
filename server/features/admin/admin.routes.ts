/** Admin pages that belong to no other feature: the mail Outbox. */
import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import { download, index, retry, show } from './outbox.controller.js';

export const adminRouter = Router();

adminRouter.get('/admin/outbox', requireRole('admin'), index);
adminRouter.get('/admin/outbox/:id', requireRole('admin'), show);
adminRouter.get('/admin/outbox/:id/eml', requireRole('admin'), download);
adminRouter.post('/admin/outbox/:id/retry', requireRole('admin'), retry);

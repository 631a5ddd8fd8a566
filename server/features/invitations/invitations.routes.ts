/** Invitations: admins send them, invited people accept them. */
import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import { tokenLimiter } from '../auth/rate-limits.js';
import {
  accept,
  bulkInvite,
  createInvitation,
  reinvitePerson,
  showAccept,
  showInvite,
} from './invitations.controller.js';

export const invitationsRouter = Router();

invitationsRouter.get('/admin/invitations/new', requireRole('admin'), showInvite);
invitationsRouter.post('/admin/invitations', requireRole('admin'), createInvitation);
invitationsRouter.post('/admin/invitations/bulk', requireRole('admin'), bulkInvite);
invitationsRouter.post('/admin/people/:id/reinvite', requireRole('admin'), reinvitePerson);
invitationsRouter.get('/invitations/:token', showAccept);
invitationsRouter.post('/invitations/:token', tokenLimiter, accept);

/** Notification pages: inbox, mark read, settings, unsubscribe (from an email, no sign-in). */
import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import {
  inbox,
  postRead,
  postReadAll,
  postSettings,
  postUnsubscribe,
  settings,
  showUnsubscribe,
} from './notifications.controller.js';

export const notificationsRouter = Router();

notificationsRouter.get('/notifications', requireAuth, inbox);
notificationsRouter.post('/notifications/read-all', requireAuth, postReadAll);
notificationsRouter.get('/notifications/settings', requireAuth, settings);
notificationsRouter.post('/notifications/settings', requireAuth, postSettings);
notificationsRouter.get('/notifications/unsubscribe/:token', showUnsubscribe);
notificationsRouter.post('/notifications/unsubscribe/:token', postUnsubscribe);
notificationsRouter.post('/notifications/:id/read', requireAuth, postRead);

/** Check-in pages, for the mentor and the innovator in it (object-level checks in the service). */
import { Router } from 'express';
import { requireAuth, requireRole } from '../../web/guards.js';
import { calendar, postAction, postNotes, postToggle, show } from './checkins.controller.js';

export const checkinsRouter = Router();

checkinsRouter.get('/checkins/:id', requireAuth, show);
checkinsRouter.get('/checkins/:id/calendar.ics', requireAuth, calendar);
checkinsRouter.post('/checkins/:id/notes', requireRole('mentor'), postNotes);
checkinsRouter.post('/checkins/:id/actions', requireRole('mentor'), postAction);
checkinsRouter.post('/checkins/:id/actions/:itemId', requireAuth, postToggle);

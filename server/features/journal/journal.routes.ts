import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import { exportMarkdown, exportPdf, showJournal } from './journal.controller.js';

export const journalRouter = Router();

journalRouter.get('/journal', requireAuth, showJournal);
journalRouter.get('/journal/export.md', requireAuth, exportMarkdown);
journalRouter.get('/journal/export.pdf', requireAuth, exportPdf);

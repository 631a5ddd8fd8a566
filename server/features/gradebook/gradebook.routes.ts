import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import { downloadGradebook, showGradebook } from './gradebook.controller.js';

export const gradebookRouter = Router();

gradebookRouter.get('/gradebook', requireRole('mentor', 'ambassador', 'admin'), showGradebook);
gradebookRouter.get(
  '/gradebook.csv',
  requireRole('mentor', 'ambassador', 'admin'),
  downloadGradebook,
);

import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import { showDashboard } from './dashboard.controller.js';

export const dashboardRouter = Router();

dashboardRouter.get('/dashboard', requireAuth, showDashboard);

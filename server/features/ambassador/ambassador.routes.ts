import { Router } from 'express';
import { requireRole } from '../../web/guards.js';
import { showOverview } from './ambassador.controller.js';

export const ambassadorRouter = Router();

ambassadorRouter.get('/ambassador', requireRole('ambassador', 'admin'), showOverview);

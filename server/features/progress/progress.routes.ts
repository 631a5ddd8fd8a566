import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import { showLearnerProgress } from './progress.controller.js';

export const progressRouter = Router();

progressRouter.get('/progress/:userId', requireAuth, showLearnerProgress);

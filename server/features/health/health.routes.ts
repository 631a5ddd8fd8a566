import { Router } from 'express';
import { healthz } from './health.controller.js';

export const healthRouter = Router();

healthRouter.get('/healthz', healthz);

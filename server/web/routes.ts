/**
 * Mounts every feature's router, one line each. Feature owners add their line here.
 */
import type { Express } from 'express';
import { healthRouter } from '../features/health/health.routes.js';
import { homeRouter } from '../features/home/home.routes.js';

export function mountRoutes(app: Express): void {
  app.use(healthRouter);
  app.use(homeRouter);
}

import type { Request, Response } from 'express';
import { lockMessage } from '../progress/progress-summary.js';
import { buildDashboard } from './dashboard.service.js';

/** GET /dashboard: the signed-in person's learning dashboard. */
export async function showDashboard(req: Request, res: Response): Promise<void> {
  const dashboard = await buildDashboard(req.user!.id);
  res.render('dashboard/index', { title: 'Dashboard', d: dashboard, lockText: lockMessage });
}

import type { Request, Response } from 'express';
import mongoose, { type Connection } from 'mongoose';
import { checkHealth } from './health.service.js';

export const DB_CONNECTION_KEY = 'atelier.dbConnection';

/** GET /healthz: 200 {status:"ok", db:"ok"} or 503 when the database does not answer. */
export async function healthz(req: Request, res: Response): Promise<void> {
  const connection =
    (req.app.get(DB_CONNECTION_KEY) as Connection | undefined) ?? mongoose.connection;
  const report = await checkHealth(connection);
  res.set('Cache-Control', 'no-store');
  res.status(report.status === 'ok' ? 200 : 503).json(report);
}

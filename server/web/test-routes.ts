/**
 * Routes that exist only when NODE_ENV=test, for tests of the real server process (graceful
 * shutdown needs a request that stays in flight, and data to find again after a restart).
 * main.ts mounts them only in test mode; they are never part of a production app.
 */
import { Router, type Express } from 'express';
import mongoose from 'mongoose';

const COLLECTION = 'test_records';

export function mountTestRoutes(app: Express): void {
  const router = Router();
  router.get('/__test/slow', async (req, res) => {
    const ms = Math.min(Number(req.query.ms) || 1000, 30_000);
    // The shutdown test waits for this line before sending SIGTERM.
    req.log.info({ ms }, 'test: slow request started');
    await new Promise((resolve) => setTimeout(resolve, ms));
    res.json({ waited: ms });
  });
  router.post('/__test/records', async (req, res) => {
    const value = String((req.body as { value?: unknown }).value ?? '');
    await mongoose.connection.collection(COLLECTION).insertOne({ value, at: new Date() });
    res.status(201).json({ value });
  });
  router.get('/__test/records', async (_req, res) => {
    const docs = await mongoose.connection.collection(COLLECTION).find({}).toArray();
    res.json(docs.map((d) => d.value));
  });
  app.use(router);
}

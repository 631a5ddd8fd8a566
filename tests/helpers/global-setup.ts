/**
 * Starts one embedded engine for the whole jest run (unless MONGODB_URI points at a real MongoDB)
 * and hands its address to the workers through the environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const { startEmbeddedMongo } = await import('../../server/db/embedded/index.js');
  const dbPath = mkdtempSync(path.join(tmpdir(), 'atelier-test-db-'));
  const engine = await startEmbeddedMongo({ dbPath, port: 0 });
  (globalThis as { __ATELIER_ENGINE__?: unknown }).__ATELIER_ENGINE__ = engine;
  process.env.TEST_MONGODB_URI = engine.uri;
  process.env.TEST_DB_PATH = dbPath;
}

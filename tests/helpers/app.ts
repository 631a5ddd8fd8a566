/**
 * Builds the real app in-process for supertest: a test config (uploads and data in fresh temp
 * dirs, a known session secret) and sessions stored in this file's test database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type express from 'express';
import { createApp, type AppDeps } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config/env.js';
import { sessionStoreOn } from '../../server/db/session-store.js';
import { connectTestDatabase, testDbName } from './db.js';

export const TEST_SESSION_SECRET = 'test-session-secret-0123456789-abcdefghijkl';

/** A config for tests; `env` entries are settings as in .env, `overrides` replace parsed keys. */
export function testConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Config {
  const base = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: TEST_SESSION_SECRET,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'atelier-test-data-')),
    UPLOADS_DIR: mkdtempSync(path.join(tmpdir(), 'atelier-test-uploads-')),
    BASE_URL: 'http://localhost:3000',
    JOBS_ENABLED: 'false',
    ...env,
  });
  return Object.freeze({ ...base, ...overrides });
}

export interface TestApp {
  app: express.Express;
  config: Config;
}

/**
 * The app with its session store on the test database. Synchronous so it can be called at the top
 * of a file; the store connects in the background (await connectTestDatabase() to use models).
 */
export function buildTestApp(
  overrides: Partial<Config> = {},
  deps: Partial<Omit<AppDeps, 'config'>> = {},
): TestApp {
  const config = testConfig(overrides);
  // The store the server uses (read cache included), on this file's database.
  const sessionStore = deps.sessionStore ?? sessionStoreOn(connectTestDatabase(), testDbName);
  const app = createApp({ ...deps, config, sessionStore });
  return { app, config };
}

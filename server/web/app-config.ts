/**
 * The config an app was built with, reachable from a request. Middleware created at import time
 * (e.g. `uploadFiles()` in a routes file) reads it here, so tests can build apps with their own
 * config instead of the process-wide one.
 */
import type { Application, Request } from 'express';
import type { Config } from '../config/env.js';

const KEY = 'atelier.config';

export function attachConfig(app: Application, config: Config): void {
  app.set(KEY, config);
}

export function configOf(req: Request): Config {
  const config = req.app.get(KEY) as Config | undefined;
  if (!config) throw new Error('configOf(): the app was not built by createApp()');
  return config;
}

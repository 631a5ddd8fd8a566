/**
 * Starts one embedded engine for the whole jest run (unless MONGODB_URI points at a real MongoDB)
 * and hands its address to the workers through the environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbeddedMongo, EmbeddedMongoOptions } from '../../server/db/embedded/index.js';

type EngineModule = { startEmbeddedMongo(opts: EmbeddedMongoOptions): Promise<EmbeddedMongo> };
type TsxApi = { tsImport(specifier: string, parentURL: string): Promise<EngineModule> };

/**
 * Jest compiles its global setup to CommonJS, which turns `import()` into `require()` and cannot
 * load our ESM TypeScript. A native import of tsx's loader API (kept out of the compiler's sight
 * with `new Function`) loads the engine as the server does.
 */
const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<TsxApi>;

export default async function globalSetup(
  _globalConfig: unknown,
  projectConfig: { rootDir: string },
): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const root = projectConfig.rootDir;
  const tsxApi = pathToFileURL(path.join(root, 'node_modules/tsx/dist/esm/api/index.mjs')).href;
  const { tsImport } = await nativeImport(tsxApi);
  const { startEmbeddedMongo } = await tsImport(
    pathToFileURL(path.join(root, 'server/db/embedded/index.ts')).href,
    pathToFileURL(path.join(root, 'package.json')).href,
  );
  const dbPath = mkdtempSync(path.join(tmpdir(), 'atelier-test-db-'));
  const engine = await startEmbeddedMongo({ dbPath, port: 0 });
  (globalThis as { __ATELIER_ENGINE__?: unknown }).__ATELIER_ENGINE__ = engine;
  process.env.TEST_MONGODB_URI = engine.uri;
  process.env.TEST_DB_PATH = dbPath;
}

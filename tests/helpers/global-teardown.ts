import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const engine = (globalThis as { __ATELIER_ENGINE__?: { stop(): Promise<void> } })
    .__ATELIER_ENGINE__;
  if (engine) await engine.stop();
  if (process.env.TEST_DB_PATH) rmSync(process.env.TEST_DB_PATH, { recursive: true, force: true });
}

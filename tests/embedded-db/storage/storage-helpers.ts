/** Temp data directories and engines for the storage-layer tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStorageEngine } from '../../../server/db/embedded/storage/index.js';

const made: string[] = [];

/** Deletes the directories made by tempDir (call from afterAll once engines are closed). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix = 'atelier-storage-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export type TestEngine = ReturnType<typeof createStorageEngine>;

/** An opened engine over `dir` (a fresh temp dir by default); log lines are collected. */
export async function openEngine(dir = tempDir(), extra: { journalLimitBytes?: number } = {}) {
  const logs: string[] = [];
  const engine = createStorageEngine({ dbPath: dir, logger: (msg) => logs.push(msg), ...extra });
  await engine.open();
  return { engine, dir, logs };
}

export function journalFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith('journal.')).sort();
}

/**
 * First-start hooks: features register idempotent tasks (create the first admin, import the
 * sample programme) and `main` runs them, in registration order, once the database is connected.
 * Each task decides for itself whether there is anything to do (e.g. "no users yet").
 */
import type { Config } from '../config/env.js';
import type { Logger } from './logger.js';

export interface StartupContext {
  config: Config;
  logger: Logger;
}

export type StartupTask = (ctx: StartupContext) => Promise<void>;

const tasks: Array<{ name: string; fn: StartupTask }> = [];

/** Registers a named first-start task; registering the same name twice keeps the first. */
export function onFirstStart(name: string, fn: StartupTask): void {
  if (tasks.some((t) => t.name === name)) return;
  tasks.push({ name, fn });
}

/** Runs every registered task in order; a failing task stops start-up (it names the task). */
export async function runStartupTasks(ctx: StartupContext): Promise<void> {
  for (const task of tasks) {
    ctx.logger.debug({ task: task.name }, 'running start-up task');
    try {
      await task.fn(ctx);
    } catch (err) {
      throw new Error(`start-up task "${task.name}" failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
}

export function registeredStartupTasks(): string[] {
  return tasks.map((t) => t.name);
}

/**
 * Imports every `server/features/<feature>/*.startup.(ts|js)` in path order so that each can
 * register its tasks with `onFirstStart()`; features add a file, nobody edits main.
 */
export async function loadStartupTasks(): Promise<string[]> {
  const { readdirSync, existsSync } = await import('node:fs');
  const path = await import('node:path');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const featuresDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'features');
  if (!existsSync(featuresDir)) return [];
  const ext = import.meta.url.endsWith('.ts') ? '.startup.ts' : '.startup.js';
  const files = readdirSync(featuresDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(featuresDir, d.name))
        .filter((f) => f.endsWith(ext))
        .map((f) => path.join(featuresDir, d.name, f)),
    )
    .sort();
  for (const file of files) await import(pathToFileURL(file).href);
  return files;
}

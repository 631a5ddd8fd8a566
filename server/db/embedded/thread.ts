/**
 * Runs the engine in its own worker thread. Same engine, same files, same wire protocol; but
 * query work, BSON coding and journal writes no longer share the event loop with the web app,
 * so on a machine with two or more cores the app and the database run side by side, as they do
 * with a separate mongod. Acknowledged writes are durable exactly as in-process: the engine
 * answers a write only after its journal write returns.
 */
import { Worker } from 'node:worker_threads';
import { ChangeCounters } from './change-counters.js';
import type { EmbeddedMongo, EmbeddedMongoOptions, EngineLogger } from './index.js';
import { removeLockIfOurs } from './lock-file.js';

/** Messages from the engine thread. */
export type ThreadMessage =
  | { type: 'ready'; uri: string; localUri: string; port: number; owned: boolean }
  | { type: 'failed'; message: string }
  | { type: 'log'; level: keyof EngineLogger; msg: string }
  | { type: 'stopped'; error?: string };

/** Messages to the engine thread. */
export type HostMessage = { type: 'stop' };

export interface ThreadOptions extends Omit<EmbeddedMongoOptions, 'logger'> {
  logger?: EngineLogger;
  /** Called if the engine thread ends without being asked to (the app cannot go on without it). */
  onUnexpectedExit?: (reason: string) => void;
}

/**
 * The compiled thread entry sits next to this file in dist/. Run from the TypeScript sources
 * (tsx: scripts, benches), a new thread does not inherit tsx's loader, so a two-line bootstrap
 * registers it before importing the entry.
 */
function newEngineWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./thread-entry.js', import.meta.url), { workerData });
  const entry = JSON.stringify(new URL('./thread-entry.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** Starts the engine in a worker thread; resolves once it listens (or found a running engine). */
export function startEmbeddedMongoThread(opts: ThreadOptions): Promise<EmbeddedMongo> {
  const { logger, onUnexpectedExit, ...engineOpts } = opts;
  const worker = newEngineWorker(engineOpts);
  let stopping: Promise<void> | null = null;
  return new Promise((resolve, reject) => {
    let started = false;
    worker.on('message', (msg: ThreadMessage) => {
      if (msg.type === 'log') logger?.[msg.level](msg.msg);
      else if (msg.type === 'failed') reject(new Error(msg.message));
      else if (msg.type === 'ready') {
        started = true;
        if (msg.owned) process.once('exit', releaseOnExit);
        // The engine thread counts writes in the shared buffer; this thread reads the same memory.
        const counters = engineOpts.changeCounters;
        const changes = counters && msg.owned ? new ChangeCounters(counters.buffer, counters.fields) : undefined;
        resolve({ uri: msg.uri, localUri: msg.localUri, port: msg.port, owned: msg.owned, changes, stop });
      }
    });
    worker.on('error', (err) => {
      if (!started) reject(err);
      else logger?.error(`embedded-db: engine thread failed: ${err.stack ?? err.message}`);
    });
    worker.on('exit', (code) => {
      if (!started) reject(new Error(`the engine thread exited (code ${code}) before starting`));
      else if (!stopping) onUnexpectedExit?.(`the engine thread exited (code ${code})`);
    });
  });

  function releaseOnExit(): void {
    removeLockIfOurs(engineOpts.dbPath);
  }

  function stop(): Promise<void> {
    process.removeListener('exit', releaseOnExit);
    return (stopping ??= new Promise<void>((resolve, reject) => {
      worker.on('message', (msg: ThreadMessage) => {
        if (msg.type !== 'stopped') return;
        if (msg.error) reject(new Error(msg.error));
        else resolve();
      });
      worker.once('exit', () => resolve());
      worker.postMessage({ type: 'stop' } satisfies HostMessage);
    }));
  }
}

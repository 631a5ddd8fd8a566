/**
 * The storage layer's entry point: `createStorageEngine` builds an engine over a data directory
 * (call `open()` before use), `startTtlSweeper` runs TTL removal on a timer.
 */
import type { StorageEngine } from './api.js';
import { Engine, type EngineOptions } from './engine.js';

export type { EngineOptions } from './engine.js';
export { Engine } from './engine.js';
export { CorruptFileError } from './framing.js';

/** Creates (but does not open) the storage engine for `opts.dbPath`. */
export function createStorageEngine(opts: EngineOptions): StorageEngine & Engine {
  return new Engine(opts);
}

/**
 * Sweeps expired TTL documents every `intervalMs` (removals are journaled and flushed in the
 * background); returns a function that stops the timer. The timer does not keep Node alive.
 */
export function startTtlSweeper(
  engine: StorageEngine,
  intervalMs: number,
  onError?: (err: Error) => void,
): () => void {
  const timer = setInterval(() => {
    try {
      if (engine.sweepExpired(new Date()) > 0) engine.sync().catch((err: Error) => onError?.(err));
    } catch (err) {
      onError?.(err as Error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

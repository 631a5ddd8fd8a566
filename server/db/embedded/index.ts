/**
 * The embedded MongoDB-compatible engine: `startEmbeddedMongo` takes the data directory's lock,
 * opens storage, listens on loopback and sweeps TTL indexes. If another live process already
 * owns the directory, it returns that process's URI instead (owned: false), so a CLI script
 * talks to the running engine rather than opening the same files twice.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ChangeCounters } from './change-counters.js';
import { CursorRegistry } from './commands/cursors.js';
import type { EngineLogger } from './commands/context.js';
import { acquireLock } from './lock-file.js';
import { createStorageEngine, startTtlSweeper } from './storage/index.js';
import { startWireServer } from './wire/server.js';

export type { EngineLogger };

export interface EmbeddedMongoOptions {
  dbPath: string;
  /** 0 or undefined: any free port. */
  port?: number;
  /** Defaults to 127.0.0.1 (loopback only). */
  host?: string;
  logger?: EngineLogger;
  /** TTL sweep interval (default 1000 ms). */
  ttlSweepMs?: number;
  /** Idle cursor time-out (default 10 minutes, as mongod). */
  cursorTimeoutMs?: number;
  /**
   * Also listen on a Unix socket in the data directory (`mongod.sock`), for the process that
   * runs the engine: a round trip over it costs less than over TCP loopback. Other processes
   * keep using the TCP address recorded in the lock file.
   */
  localSocket?: boolean;
  /**
   * Count writes in this shared memory (see change-counters.ts), by `_id` and these other fields,
   * so that the process running the engine can tell cheaply whether what it read still holds.
   */
  changeCounters?: { buffer: SharedArrayBuffer; fields: string[] };
}

export interface EmbeddedMongo {
  uri: string;
  /** The Unix socket address when `localSocket` was asked for and is available; else `uri`. */
  localUri: string;
  port: number;
  /** False when another process owns dbPath and `uri` points at it. */
  owned: boolean;
  /** The write counters, when asked for and this call runs the engine (owned). */
  changes?: ChangeCounters;
  stop(): Promise<void>;
}

const quietLogger: EngineLogger = {
  info: () => {},
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

function uriFor(host: string, port: number): string {
  const h =
    host === '0.0.0.0' || host === ''
      ? '127.0.0.1'
      : host === '::'
        ? '[::1]'
        : host.includes(':')
          ? `[${host}]`
          : host;
  return `mongodb://${h}:${port}/?directConnection=true`;
}

function portOf(uri: string): number {
  const m = /:(\d+)\//.exec(uri);
  return m ? Number(m[1]) : 0;
}

/** Unix socket paths are limited to 107 bytes (and Windows has none): else TCP only. */
function localSocketPath(dbPath: string): string | undefined {
  const file = path.resolve(dbPath, 'mongod.sock');
  return process.platform !== 'win32' && Buffer.byteLength(file) <= 100 ? file : undefined;
}

/** Starts the engine (or finds the one already running on dbPath). */
export async function startEmbeddedMongo(opts: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const logger = opts.logger ?? quietLogger;
  const host = opts.host ?? '127.0.0.1';
  mkdirSync(opts.dbPath, { recursive: true });
  const lock = acquireLock(opts.dbPath);
  if (!lock.ok) {
    logger.info(`embedded-db: ${opts.dbPath} is owned by a running engine at ${lock.uri}`);
    return {
      uri: lock.uri,
      localUri: lock.uri,
      port: portOf(lock.uri),
      owned: false,
      stop: async () => {},
    };
  }
  const counters = opts.changeCounters;
  const changes = counters && new ChangeCounters(counters.buffer, counters.fields);
  // The storage layer only logs failures (snapshot or journal write errors): report them as errors.
  const storage = createStorageEngine({
    dbPath: opts.dbPath,
    changes,
    logger: (msg, extra) =>
      logger.error(`embedded-db: ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}`),
  });
  try {
    await storage.open();
  } catch (err) {
    lock.release();
    throw err;
  }
  const cursors = new CursorRegistry(opts.cursorTimeoutMs);
  const socketPath = opts.localSocket ? localSocketPath(opts.dbPath) : undefined;
  let server;
  try {
    server = await startWireServer({
      host,
      port: opts.port ?? 0,
      storage,
      cursors,
      logger,
      socketPath,
    });
  } catch (err) {
    cursors.close();
    await storage.close();
    lock.release();
    throw err;
  }
  const uri = uriFor(host, server.port);
  lock.setUri(uri);
  // Expired TTL documents are removed every ttlSweepMs (the timer never keeps Node alive).
  const stopSweeper = startTtlSweeper(storage, opts.ttlSweepMs ?? 1000, (err) =>
    logger.error(`embedded-db: TTL sweep failed: ${err.message}`),
  );

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      stopSweeper();
      await server.close();
      cursors.close();
      try {
        await storage.close();
      } finally {
        lock.release();
      }
    })());
  logger.info(`embedded-db: listening on ${uri} (data in ${opts.dbPath})`);
  const localUri = socketPath
    ? `mongodb://${encodeURIComponent(socketPath)}/?directConnection=true`
    : uri;
  return { uri, localUri, port: server.port, owned: true, changes, stop };
}

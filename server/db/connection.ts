/**
 * Connects mongoose to MONGODB_URI, or starts the embedded engine under <DATA_DIR>/db on a free
 * loopback port and connects to that. Logs which one, never the credentials.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config/env.js';
import type { Logger } from '../lib/logger.js';
import { WATCHED_FIELDS, watchChanges } from './read-cache.js';

export interface DatabaseHandle {
  connection: Connection;
  uri: string;
  kind: 'embedded' | 'external';
  /** Disconnects mongoose, then stops the embedded engine (which flushes its files). */
  close(): Promise<void>;
}

/** `mongodb://user:pass@host/db` -> `mongodb://***@host/db`, for logs. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1***@');
}

export async function connectDatabase(config: Config, logger: Logger): Promise<DatabaseHandle> {
  let uri = config.mongodbUri;
  let stopEngine: (() => Promise<void>) | undefined;
  const kind = uri ? 'external' : 'embedded';

  if (!uri) {
    const dbPath = path.join(config.dataDir, 'db');
    mkdirSync(dbPath, { recursive: true });
    // Imported lazily so a deployment on a real MongoDB never loads the engine. The engine runs
    // in its own thread, as mongod would run in its own process: database work and the web app
    // use two cores instead of taking turns on one.
    const { startEmbeddedMongoThread } = await import('./embedded/thread.js');
    const { ChangeCounters } = await import('./embedded/change-counters.js');
    const engine = await startEmbeddedMongoThread({
      dbPath,
      // The engine counts writes where this thread can see them: the read caches stay exact.
      changeCounters: { buffer: ChangeCounters.allocate(), fields: [...WATCHED_FIELDS] },
      port: 0,
      host: '127.0.0.1',
      localSocket: true,
      logger: {
        info: (m) => logger.debug(m),
        warn: (m) => logger.warn(m),
        error: (m) => logger.error(m),
      },
      onUnexpectedExit: (reason) => {
        // Nothing can be served or saved without the database: stop, and let the supervisor
        // (systemd, docker, npm start in a terminal) show it and restart.
        logger.fatal({ reason }, 'database: the embedded engine stopped unexpectedly');
        process.exit(1);
      },
    });
    uri = engine.localUri;
    // Only an engine this process runs has counters; another process's engine has none.
    if (engine.changes) watchChanges(engine.changes);
    stopEngine = async () => {
      watchChanges(null);
      await engine.stop();
    };
    if (engine.owned)
      logger.info({ dbPath, port: engine.port }, 'database: embedded engine started');
    else
      logger.info(
        { dbPath, port: engine.port },
        'database: using the engine already running on this data directory',
      );
  }
  uri = withDatabase(uri, 'atelier');

  try {
    await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  } catch (err) {
    await stopEngine?.();
    throw err;
  }
  logger.info({ kind, uri: redactUri(uri) }, `database: connected (${kind})`);

  return {
    connection: mongoose.connection,
    uri,
    kind,
    async close() {
      await mongoose.disconnect();
      await stopEngine?.();
    },
  };
}

/** Adds a database name to an address that has none (mongoose would otherwise use "test"). */
export function withDatabase(uri: string, name: string): string {
  // Not `new URL()`: replica-set addresses list several host:port pairs, which URL rejects.
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) return uri;
  const [, hosts, dbPath, query = ''] = match;
  if (dbPath && dbPath !== '/') return uri;
  return `${hosts}/${name}${query}`;
}

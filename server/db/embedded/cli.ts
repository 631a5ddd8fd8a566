/**
 * `npm run db -- --dbpath <dir> --port <port> [--host <host>]`: runs the embedded engine in the
 * foreground (for mongosh or Compass) until SIGINT/SIGTERM, then flushes and exits.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmbeddedMongo, type EngineLogger } from './index.js';

const { values } = parseArgs({
  options: {
    dbpath: { type: 'string', default: 'data/db' },
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number between 0 and 65535, got '${values.port}'`);
  process.exit(2);
}

const logger: EngineLogger = {
  info: () => {},
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

mkdirSync(values.dbpath, { recursive: true });
const engine = await startEmbeddedMongo({
  dbPath: values.dbpath,
  port,
  host: values.host,
  logger,
}).catch((err: Error) => {
  console.error(`cannot start the embedded database: ${err.message}`);
  process.exit(1);
});
if (!engine.owned) {
  console.error(`${values.dbpath} is already served by a running engine at ${engine.uri}`);
  process.exit(1);
}
console.log(`listening on ${engine.uri.replace('/?directConnection=true', '')}`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  engine
    .stop()
    .then(() => process.exit(0))
    .catch((err: Error) => {
      console.error(`stop after ${signal} failed: ${err.message}`);
      process.exit(1);
    });
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

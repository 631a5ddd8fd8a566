/**
 * Boot: config -> database -> first-start tasks -> listen -> jobs. On SIGTERM/SIGINT: stop
 * accepting, let requests in flight finish (bounded by SHUTDOWN_TIMEOUT_MS), stop jobs, close the
 * database (the embedded engine flushes its files), exit 0.
 */
import { createServer, type Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, getConfig, type Config } from './config/env.js';
import { connectDatabase } from './db/connection.js';
import { createSessionStore, ensureSessionIndex } from './db/session-store.js';
import { startJobs } from './jobs/index.js';
import { logger, setLogLevel } from './lib/logger.js';
import { loadStartupTasks, runStartupTasks } from './lib/startup.js';
import { mountTestRoutes } from './web/test-routes.js';

function listen(server: Server, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  setLogLevel(config.logLevel);
  if (config.baseUrl.startsWith('https://') && !config.trustProxy) {
    logger.warn(
      'BASE_URL is https: if a proxy terminates TLS, set TRUST_PROXY=true or sign-in cookies will not be sent',
    );
  }

  // Signals are caught from here on: one arriving during start-up is acted on once it is done.
  const lifecycle: { shutdown?: (signal: NodeJS.Signals) => Promise<void> } = {};
  let pendingSignal: NodeJS.Signals | undefined;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping || pendingSignal) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    if (!lifecycle.shutdown) {
      pendingSignal = signal;
      logger.info({ signal }, 'signal received during start-up: stopping once started');
      return;
    }
    stopping = true;
    void lifecycle.shutdown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const db = await connectDatabase(config, logger);
  try {
    await loadStartupTasks();
    await runStartupTasks({ config, logger });
  } catch (err) {
    await db.close(); // leave the embedded engine's files closed cleanly before exiting
    throw err;
  }

  await ensureSessionIndex(db.connection);
  const sessionStore = createSessionStore(db.connection);
  const app = createApp({
    config,
    sessionStore,
    dbConnection: db.connection,
    extraRoutes: config.isTest ? mountTestRoutes : undefined,
  });
  const server = createServer(app);
  await listen(server, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, database: db.kind }, `Atelier is listening on http://localhost:${port}`);

  // Jobs start once the server answers; web-only instances set JOBS_ENABLED=false.
  const jobsReady = config.jobsEnabled
    ? startJobs({ config, logger, connection: db.connection })
    : Promise.resolve(undefined);

  lifecycle.shutdown = async (signal) => {
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    await closeServer(server, config.shutdownTimeoutMs);
    try {
      const jobs = await jobsReady;
      await jobs?.stop();
      await db.close();
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    logger.info('stopped cleanly');
    process.exit(0);
  };
  if (pendingSignal) {
    stopping = true;
    void lifecycle.shutdown(pendingSignal);
  }
  await jobsReady;
}

/** Stops accepting, lets requests in flight finish, and cuts the rest at the time limit. */
async function closeServer(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections become idle once their last request finishes: close them as they do.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  const timer = setTimeout(() => {
    logger.warn({ timeoutMs }, 'requests still running at the time limit: closing them');
    server.closeAllConnections();
  }, timeoutMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
  clearInterval(idleSweep);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'start-up failed');
  process.stderr.write(`Atelier could not start: ${(err as Error).message}\n`);
  process.exit(1);
});

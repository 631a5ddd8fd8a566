/**
 * Background jobs for main.ts: `startJobs({ config, logger, connection })` starts processing
 * (JOBS_ENABLED) and installs the recurring jobs; `stop()` lets jobs in flight finish (bounded by
 * SHUTDOWN_TIMEOUT_MS) and leaves the others locked-free for the next start.
 */
import type { Connection } from 'mongoose';
import type { Config } from '../config/env.js';
import type { Logger } from '../lib/logger.js';
import { createAgenda, ensureJobIndexes, setAgenda } from './agenda.js';
import { RECURRING } from './registry.js';

export interface StartJobsContext {
  config: Config;
  logger: Logger;
  connection: Connection;
  /** Polling interval in ms (tests use a short one). */
  processEvery?: number;
  /**
   * Lock lifetime in ms (default 5 minutes). Tests use a short one: Agenda 6 arms an uncleared
   * liveness timer of lockLifetime/2 for every job it runs, which would keep the process up.
   */
  lockLifetime?: number;
}

export interface RunningJobs {
  stop(): Promise<void>;
}

/** Starts the process's Agenda: polls for due jobs and keeps the recurring ones scheduled. */
export async function startJobs(ctx: StartJobsContext): Promise<RunningJobs> {
  const agenda = createAgenda(ctx.connection, {
    processEvery: ctx.processEvery,
    lockLifetime: ctx.lockLifetime,
  });
  setAgenda(agenda);
  await ensureJobIndexes(ctx.connection);
  await agenda.start();
  // every() upserts by name: starting again (or a second worker) keeps one job of each.
  for (const r of RECURRING) await agenda.every(r.every, r.name, {}, { skipImmediate: true });
  ctx.logger.info({ recurring: RECURRING.length }, 'jobs: started');
  return {
    async stop() {
      const result = await agenda.drain({
        timeout: ctx.config.shutdownTimeoutMs,
        closeConnection: false,
      });
      if (result.timedOut)
        ctx.logger.warn({ running: result.running }, 'jobs: still running at shutdown');
      ctx.logger.info('jobs: stopped');
    },
  };
}

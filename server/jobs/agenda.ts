/**
 * The one Agenda instance. It lives on the app's own database (mongoose's connection), in the
 * `agendaJobs` collection. Two modes: every process can *schedule* (enqueue writes a job
 * document), only a process started with JOBS_ENABLED *processes* jobs (startProcessing).
 */
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import mongoose, { type Connection } from 'mongoose';
import { logger } from '../lib/logger.js';
import { defineJobs } from './registry.js';

export const JOBS_COLLECTION = 'agendaJobs';

export interface AgendaOptions {
  /** How often Agenda polls for due jobs, in ms (a number: agenda misreads some strings). */
  processEvery?: number;
  /** How long a job stays locked before another process may take it over (crash recovery). */
  lockLifetime?: number;
  maxConcurrency?: number;
  /** How many jobs this process may hold locked at once (default 200). */
  lockLimit?: number;
  name?: string;
  /** Process only these jobs (default: every job of the registry). */
  jobs?: readonly string[];
}

let current: Agenda | undefined;
let currentDb: unknown;

/** A new Agenda on `connection`'s database with every job of the registry defined. */
export function createAgenda(connection: Connection, opts: AgendaOptions = {}): Agenda {
  const db = connection.db;
  if (!db) throw new Error('createAgenda: the database is not connected yet');
  const agenda = new Agenda({
    // mongoose bundles its own copy of the driver; the Db object is the same at run time.
    backend: new MongoBackend({
      mongo: db as never,
      collection: JOBS_COLLECTION,
      // ensureJobIndexes() creates the backend's lock index (the same key and name) with ours.
      ensureIndex: false,
    }),
    name: opts.name ?? `atelier-${process.pid}`,
    // Agenda locks more jobs only on these polls (not when a job finishes): with 5 s and 100
    // locked, a backlog ran at 20 jobs/s at best. A poll is one indexed lock query per job name.
    processEvery: opts.processEvery ?? 1_000,
    defaultLockLifetime: opts.lockLifetime ?? 5 * 60_000,
    // Jobs wait on the database, not the CPU: 50 in flight keep it busy (20 left it idle).
    maxConcurrency: opts.maxConcurrency ?? 50,
    defaultConcurrency: 5,
    // Lock a bounded batch per poll: with a backlog, jobs start running while more are locked,
    // and a second worker process gets its share instead of one process locking everything.
    lockLimit: opts.lockLimit ?? 200,
  });
  defineJobs(agenda, opts.jobs);
  agenda.on('fail', (err: Error, job) => {
    logger.error(
      { err, job: job.attrs.name, data: job.attrs.data, failCount: job.attrs.failCount },
      'job failed',
    );
  });
  agenda.on('retry exhausted', (err: Error, job) => {
    logger.error({ err, job: job.attrs.name, data: job.attrs.data }, 'job gave up after retries');
  });
  agenda.on('error', (err: Error) => logger.error({ err }, 'agenda error'));
  return agenda;
}

/**
 * Indexes for how we address jobs: unique keys (enqueue/schedule with `key`) and cancelling a
 * person's reminders. Created once per connection; harmless if they exist.
 */
export async function ensureJobIndexes(connection: Connection): Promise<void> {
  const jobs = connection.collection(JOBS_COLLECTION);
  await jobs.createIndex(
    { name: 1, nextRunAt: 1, priority: -1, lockedAt: 1, disabled: 1 },
    { name: 'findAndLockNextJobIndex' },
  );
  await jobs.createIndex({ 'data.key': 1, name: 1 }, { name: 'atelier_job_key' });
  await jobs.createIndex({ name: 1, 'data.innovatorId': 1 }, { name: 'atelier_job_person' });
}

/**
 * The process's Agenda, created on first use on mongoose's default connection (the one every
 * model uses). Recreated if that connection's database changed (tests reconnect per file).
 */
export function getAgenda(): Agenda {
  const db = mongoose.connection.db;
  if (!current || currentDb !== db) {
    current = createAgenda(mongoose.connection);
    currentDb = db;
    void ensureJobIndexes(mongoose.connection).catch((err: unknown) =>
      logger.warn({ err }, 'could not create the job indexes'),
    );
  }
  return current;
}

/** Replaces the process's Agenda (startJobs installs the processing one; tests their own). */
export function setAgenda(agenda: Agenda | undefined): void {
  current = agenda;
  currentDb = agenda ? mongoose.connection.db : undefined;
}

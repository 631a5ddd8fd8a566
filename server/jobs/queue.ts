/**
 * The only way services schedule work: enqueue() (run as soon as possible), schedule() (run at a
 * time) and cancelJobs(). A `key` makes the job unique: scheduling the same key again moves the
 * existing job instead of adding a second one.
 */
import type { Job } from 'agenda';
import { getAgenda } from './agenda.js';

export interface ScheduleOptions {
  /** Unique key: one job per (name, key). */
  key?: string;
  /** With a key: keep an existing job as it is (do not move or re-arm it). */
  insertOnly?: boolean;
}

type JobData = Record<string, unknown>;

async function save(
  when: Date,
  name: string,
  data: JobData,
  opts: ScheduleOptions,
): Promise<Job<JobData>> {
  const agenda = getAgenda();
  const job = agenda.create(name, opts.key ? { ...data, key: opts.key } : data);
  job.schedule(when);
  if (opts.key) job.unique({ 'data.key': opts.key }, { insertOnly: opts.insertOnly ?? false });
  await job.save();
  return job;
}

/** Runs `name` with `data` as soon as a worker is free. */
export function enqueue(name: string, data: JobData, opts: ScheduleOptions = {}) {
  return save(new Date(), name, data, opts);
}

/** Runs `name` with `data` at `when` (or now, if `when` is past). */
export function schedule(when: Date, name: string, data: JobData, opts: ScheduleOptions = {}) {
  return save(when, name, data, opts);
}

/** Removes the jobs named `name` whose data matches `data` (e.g. { innovatorId }). */
export function cancelJobs(name: string, data: JobData): Promise<number> {
  return getAgenda().cancel({ name, data });
}

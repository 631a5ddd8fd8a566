/** What the admin jobs page shows and does: jobs by state; retry or cancel a failed job. */
import { isValidObjectId, Types } from 'mongoose';
import mongoose from 'mongoose';
import { NotFoundError } from '../lib/errors.js';
import { getAgenda, JOBS_COLLECTION } from './agenda.js';

export const JOB_STATES = [
  'failed',
  'running',
  'queued',
  'scheduled',
  'repeating',
  'completed',
] as const;
export type JobStateName = (typeof JOB_STATES)[number];

export interface JobRow {
  id: string;
  name: string;
  state: string;
  data: string;
  nextRunAt: Date | null;
  lastRunAt?: Date;
  failCount?: number;
  failReason?: string;
  failedAt?: Date;
}

/** Jobs in one state (most recent first for failed/completed, soonest first otherwise). */
export async function listJobs(
  state: JobStateName,
  limit = 100,
): Promise<{ jobs: JobRow[]; total: number }> {
  const desc = state === 'failed' || state === 'completed';
  const result = await getAgenda().queryJobs({
    state,
    limit,
    sort: desc ? { lastRunAt: 'desc' as const } : { nextRunAt: 'asc' as const },
  });
  return {
    total: result.total,
    jobs: result.jobs.map((j) => ({
      id: String(j._id),
      name: j.name,
      state: j.state,
      data: JSON.stringify(j.data ?? {}, null, 1).slice(0, 2000),
      nextRunAt: j.nextRunAt ?? null,
      lastRunAt: j.lastRunAt,
      failCount: j.failCount,
      failReason: j.failReason,
      failedAt: j.failedAt,
    })),
  };
}

/** Counts per state, for the page's tabs. */
export async function jobCounts(): Promise<Record<JobStateName, number>> {
  const overview = await getAgenda().getJobsOverview();
  const out = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobStateName, number>;
  for (const o of overview) for (const s of JOB_STATES) out[s] += o[s] ?? 0;
  return out;
}

async function requireFailed(id: string) {
  if (!isValidObjectId(id)) throw new NotFoundError('That job does not exist.');
  const { jobs } = await getAgenda().queryJobs({ id, state: 'failed' });
  if (jobs.length === 0) throw new NotFoundError('That job does not exist or has not failed.');
  return jobs[0];
}

/** Runs a failed job again now (its failure count restarts). */
export async function retryJob(id: string): Promise<void> {
  await requireFailed(id);
  await mongoose.connection.collection(JOBS_COLLECTION).updateOne(
    { _id: new Types.ObjectId(id) },
    {
      $set: { nextRunAt: new Date() },
      $unset: { failedAt: '', failReason: '', failCount: '', lockedAt: '' },
    },
  );
}

/** Removes a failed job. */
export async function cancelJob(id: string): Promise<void> {
  await requireFailed(id);
  await getAgenda().cancel({ id });
}

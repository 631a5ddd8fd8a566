/** /admin/jobs: scheduled, running and failed jobs; retry or cancel a failed one. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.js';
import { cancelJob, jobCounts, JOB_STATES, listJobs, retryJob } from './jobs-admin.service.js';

const query = z.object({ state: z.enum(JOB_STATES).catch('failed').default('failed') });
const params = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });

function jobId(req: Request): string {
  const parsed = params.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError('That job does not exist.');
  return parsed.data.id;
}

export async function index(req: Request, res: Response): Promise<void> {
  const { state } = query.parse(req.query);
  const [{ jobs, total }, counts] = await Promise.all([listJobs(state), jobCounts()]);
  res.render('jobs/index', {
    title: 'Background jobs',
    state,
    states: JOB_STATES,
    jobs,
    total,
    counts,
  });
}

export async function postRetry(req: Request, res: Response): Promise<void> {
  await retryJob(jobId(req));
  req.flash('success', 'The job will run again shortly.');
  res.redirect(303, '/admin/jobs?state=failed');
}

export async function postCancel(req: Request, res: Response): Promise<void> {
  await cancelJob(jobId(req));
  req.flash('success', 'The job was removed.');
  res.redirect(303, '/admin/jobs?state=failed');
}

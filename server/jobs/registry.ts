/**
 * The job registry: every job the platform runs, one line each. Features keep their job in a
 * `*.job.ts` beside their service; adding a job means adding it to the list below.
 */
import { exponential, type Agenda, type Job } from 'agenda';
import { sendEmailJob } from '../features/notifications/send-email.job.js';
import { notificationDigestJob } from '../features/notifications/notification-digest.job.js';
import { deadlineReminderJob } from '../features/reminders/deadline-reminder.job.js';
import { reminderPlanJob } from '../features/reminders/reminder-plan.job.js';
import { checkinPlanJob } from '../features/checkins/checkin-plan.job.js';
import { checkinFollowUpJob } from '../features/checkins/checkin-follow-up.job.js';
import { mentorDigestJob } from '../features/digests/mentor-digest.job.js';
import { inactivityNudgeJob } from '../features/digests/inactivity-nudge.job.js';
import { ambassadorSummaryJob } from '../features/digests/ambassador-summary.job.js';
import { mailRetryJob } from '../features/notifications/mail-retry.job.js';
import type { JobSpec } from './job-spec.js';

/** Every job spec (a function, so import cycles through services resolve before it is read). */
export function allJobs(): JobSpec<never>[] {
  return [
    sendEmailJob,
    notificationDigestJob,
    deadlineReminderJob,
    reminderPlanJob,
    checkinPlanJob,
    checkinFollowUpJob,
    mentorDigestJob,
    inactivityNudgeJob,
    ambassadorSummaryJob,
    mailRetryJob,
  ] as JobSpec<never>[];
}

/**
 * Defines the registry's jobs on `agenda` (all, or those named in `only`: a worker dedicated to
 * some jobs leaves the others to other processes), with retries and backoff.
 */
export function defineJobs(agenda: Agenda, only?: readonly string[]): void {
  for (const spec of allJobs()) {
    if (only && !only.includes(spec.name)) continue;
    agenda.define(spec.name, async (job: Job<never>) => spec.handler(job.attrs.data, job), {
      concurrency: spec.concurrency ?? 5,
      lockLifetime: spec.lockLifetime,
      backoff: exponential({
        delay: spec.retryDelay ?? 30_000,
        factor: 2,
        maxRetries: spec.maxRetries ?? 5,
        jitter: 0.1,
      }),
    });
  }
}

/** The names of the recurring jobs and how often they run (installed by startJobs). */
export const RECURRING: ReadonlyArray<{ name: string; every: string }> = [
  { name: 'checkin-plan', every: '1 hour' },
  { name: 'reminder-plan', every: '6 hours' },
  { name: 'notification-digest', every: '1 hour' },
  { name: 'mentor-digest', every: '1 hour' },
  { name: 'inactivity-nudge', every: '6 hours' },
  { name: 'ambassador-summary', every: '1 hour' },
  { name: 'mail-retry', every: '5 minutes' },
];

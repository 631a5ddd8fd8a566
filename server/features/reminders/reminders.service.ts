/**
 * Deadline reminders: for each innovator and assignment not yet submitted, a job N days before
 * the due date and an overdue notice after it. One job per (innovator, assignment, which), keyed,
 * so rescheduling moves it; a submission removes them.
 */
import { schedule, cancelJobs } from '../../jobs/queue.js';
import { deadlinesOf } from '../assignments/assignments.api.js';
import { getCohort, listInnovators } from '../cohorts/cohorts.service.js';
import { reminderSettings } from './reminders.config.js';

const DAY = 86_400_000;
export const REMINDER_JOB = 'deadline-reminder';

export interface ReminderData {
  innovatorId: string;
  assignmentId: string;
  /** 'before' (with days) or 'overdue'. */
  type: 'before' | 'overdue';
  days: number;
  /** The due date the reminder was planned for (ISO); a changed date makes it stale. */
  dueAt: string;
}

const jobKey = (d: Pick<ReminderData, 'innovatorId' | 'assignmentId' | 'type' | 'days'>) =>
  `reminder:${d.innovatorId}:${d.assignmentId}:${d.type === 'overdue' ? 'overdue' : `${d.days}d`}`;

/** Removes every pending reminder of one innovator for one assignment. */
export function cancelReminders(innovatorId: string, assignmentId: string): Promise<number> {
  return cancelJobs(REMINDER_JOB, { innovatorId, assignmentId });
}

/**
 * (Re)plans one innovator's reminders for one assignment from the current due date; reminders
 * whose time has passed are not planned (an overdue notice still is, while it is ahead).
 */
export async function planReminders(
  innovatorId: string,
  assignmentId: string,
  now = new Date(),
): Promise<number> {
  const deadline = (await deadlinesOf(innovatorId)).find((d) => d.assignmentId === assignmentId);
  await cancelReminders(innovatorId, assignmentId);
  if (!deadline || deadline.submitted) return 0;
  const { daysBefore, overdueAfterDays } = reminderSettings();
  const due = deadline.dueAt.getTime();
  const wanted: Array<{ at: number; data: ReminderData }> = [
    ...daysBefore.map((days) => ({
      at: due - days * DAY,
      data: {
        innovatorId,
        assignmentId,
        type: 'before' as const,
        days,
        dueAt: deadline.dueAt.toISOString(),
      },
    })),
    {
      at: due + overdueAfterDays * DAY,
      data: {
        innovatorId,
        assignmentId,
        type: 'overdue' as const,
        days: overdueAfterDays,
        dueAt: deadline.dueAt.toISOString(),
      },
    },
  ];
  let planned = 0;
  for (const w of wanted) {
    if (w.at <= now.getTime()) continue;
    await schedule(new Date(w.at), REMINDER_JOB, { ...w.data }, { key: jobKey(w.data) });
    planned += 1;
  }
  return planned;
}

/** Plans every assignment's reminders for one innovator. */
export async function planRemindersFor(innovatorId: string, now = new Date()): Promise<number> {
  let planned = 0;
  for (const d of await deadlinesOf(innovatorId))
    planned += await planReminders(innovatorId, d.assignmentId, now);
  return planned;
}

/** A cohort's due date for an assignment changed: replan for each innovator in it. */
export async function replanCohort(cohortId: string, assignmentId: string): Promise<void> {
  const cohort = await getCohort(cohortId);
  if (!cohort) return;
  for (const person of await listInnovators({ cohortId }))
    await planReminders(person.id, assignmentId);
}

/** Plans every active innovator's reminders (the reminder-plan job; idempotent). */
export async function planAllReminders(now = new Date()): Promise<number> {
  let planned = 0;
  for (const person of await listInnovators()) planned += await planRemindersFor(person.id, now);
  return planned;
}

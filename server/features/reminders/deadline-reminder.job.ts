/**
 * deadline-reminder: tells the innovator (and, when overdue, their mentor) about a due date.
 * Skips stale jobs (the date changed since planning) and submitted work; notify()'s unique key
 * (which includes the due date) makes a second run send nothing.
 */
import { defineJob } from '../../jobs/job-spec.js';
import { mentorOf } from '../cohorts/cohorts.service.js';
import { notify } from '../notifications/notifications.service.js';
import { getUser } from '../users/users.service.js';
import { currentDeadline } from './current-deadline.js';
import type { ReminderData } from './reminders.service.js';

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Sends the reminder described by `data`, if still relevant; returns how many were notified. */
export async function runDeadlineReminder(data: ReminderData): Promise<number> {
  const deadline = await currentDeadline(data.innovatorId, data.assignmentId);
  if (!deadline || deadline.submitted) return 0;
  if (deadline.dueAt.toISOString() !== data.dueAt) return 0;
  const url = `/assignments/${encodeURIComponent(data.assignmentId)}`;
  const base = `reminder:${data.innovatorId}:${data.assignmentId}:${data.dueAt}`;
  if (data.type === 'before') {
    const sent = await notify({
      userId: data.innovatorId,
      kind: 'deadline-reminder',
      key: `${base}:${data.days}d`,
      title: `“${deadline.title}” is due in ${data.days} day${data.days === 1 ? '' : 's'}`,
      body: `Your assignment “${deadline.title}” is due on ${when(deadline.dueAt)}. Submit it before then, or ask your mentor if you need more time.`,
      url,
    });
    return sent ? 1 : 0;
  }
  let count = 0;
  const innovatorNotice = await notify({
    userId: data.innovatorId,
    kind: 'overdue',
    key: `${base}:overdue`,
    title: `“${deadline.title}” is overdue`,
    body: `Your assignment “${deadline.title}” was due on ${when(deadline.dueAt)}. Submit it as soon as you can, or talk to your mentor.`,
    url,
  });
  if (innovatorNotice) count += 1;
  const mentorId = await mentorOf(data.innovatorId);
  if (mentorId) {
    const innovator = await getUser(data.innovatorId);
    const mentorNotice = await notify({
      userId: mentorId,
      kind: 'overdue',
      key: `${base}:overdue:mentor`,
      title: `${innovator?.name ?? 'Your mentee'}: “${deadline.title}” is overdue`,
      body: `${innovator?.name ?? 'Your mentee'} has not submitted “${deadline.title}”, due on ${when(deadline.dueAt)}.`,
      url: '/mentoring',
    });
    if (mentorNotice) count += 1;
  }
  return count;
}

export const deadlineReminderJob = defineJob<ReminderData>({
  name: 'deadline-reminder',
  handler: async (data) => {
    await runDeadlineReminder(data);
  },
  // Many fall due together (a cohort's deadline): the handler waits on the database, so it may
  // use every slot of the worker (maxConcurrency 50).
  concurrency: 50,
});

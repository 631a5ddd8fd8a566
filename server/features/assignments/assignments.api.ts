/**
 * What other features ask of assignments (the dashboard, certificates, scheduling). Plug-in:
 *   setDashboardSlots({ upcomingDeadlines, latestFeedback });   // dashboard.slots.ts
 *   setFinalProjectCheck(finalProjectAcceptedAt);                // progress/completion-rules.ts
 * Scheduling (reminders) uses deadlinesOf() and isSubmitted(), and listens with
 * onAssignmentEvent() for due-date changes, extensions and submissions.
 */
import type { DeadlineItem, FeedbackItem } from '../dashboard/dashboard.slots.js';
import { listAssignments } from '../curriculum/curriculum.service.js';
import { releasedGradesOf } from '../grading/grading.service.js';
import { latestVersion } from '../submissions/submissions.service.js';
import { getUsers } from '../users/users.service.js';
import { innovatorAssignments } from './assignments.service.js';
import type { GradebookStatus } from '../submissions/submission.view.js';

export { onAssignmentEvent, type AssignmentEvent } from './assignment-events.js';

export interface DeadlineRecord {
  assignmentId: string;
  title: string;
  dueAt: Date;
  source: 'curriculum' | 'cohort' | 'extension';
  status: GradebookStatus;
  /** A final version was submitted (reminders stop). */
  submitted: boolean;
}

/** An innovator's due date and submission state for every assignment (none outside a cohort). */
export async function deadlinesOf(innovatorId: string): Promise<DeadlineRecord[]> {
  const items = await innovatorAssignments(innovatorId);
  return items.flatMap((i) =>
    i.due
      ? [
          {
            assignmentId: i.record.assignment.id,
            title: i.record.assignment.title,
            dueAt: i.due.dueAt,
            source: i.due.source,
            status: i.status,
            submitted: i.latest !== null && i.latest.submittedAt !== null,
          },
        ]
      : [],
  );
}

/** Whether the innovator has submitted a final version of the assignment (any version). */
export async function isSubmitted(innovatorId: string, assignmentId: string): Promise<boolean> {
  const latest = await latestVersion(innovatorId, assignmentId);
  return latest !== null && latest.submittedAt !== null;
}

/** Dashboard: the next deadlines of work not yet submitted (overdue ones first), at most `limit`. */
export async function upcomingDeadlines(userId: string, limit = 3): Promise<DeadlineItem[]> {
  const now = Date.now();
  return (await deadlinesOf(userId))
    .filter((d) => d.status === 'missing' || d.status === 'draft' || d.status === 'returned')
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .slice(0, limit)
    .map((d) => ({
      title: d.title,
      href: `/assignments/${encodeURIComponent(d.assignmentId)}`,
      dueAt: d.dueAt,
      status:
        d.dueAt.getTime() < now ? 'overdue' : d.status === 'missing' ? 'not started' : d.status,
    }));
}

/** Dashboard: the latest released feedback, newest first. */
export async function latestFeedback(userId: string, limit = 3): Promise<FeedbackItem[]> {
  const grades = (await releasedGradesOf(userId)).slice(0, limit);
  const [mentors, assignments] = await Promise.all([
    getUsers(grades.map((g) => g.mentorId)),
    listAssignments(),
  ]);
  return grades.map((g) => ({
    title:
      assignments.find((a) => a.assignment.id === g.assignmentId)?.assignment.title ??
      g.assignmentId,
    href: `/assignments/${encodeURIComponent(g.assignmentId)}`,
    from: mentors.find((m) => m.id === g.mentorId)?.name ?? 'Your mentor',
    at: g.releasedAt!,
    summary:
      g.decision === 'accept'
        ? `Accepted, ${g.total} of ${g.maxTotal} points`
        : 'Returned for revision',
  }));
}

/** When the innovator's final project was accepted (grade released), or null. */
export async function finalProjectAcceptedAt(
  userId: string,
  programmeSlug?: string,
): Promise<Date | null> {
  const finals = (await listAssignments(programmeSlug))
    .filter((a) => a.assignment.final)
    .map((a) => a.assignment.id);
  const accepted = (await releasedGradesOf(userId)).filter(
    (g) => g.decision === 'accept' && finals.includes(g.assignmentId),
  );
  if (accepted.length === 0) return null;
  return new Date(Math.min(...accepted.map((g) => g.releasedAt!.getTime())));
}

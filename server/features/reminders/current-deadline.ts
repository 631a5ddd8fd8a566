/**
 * One innovator's current deadline for one assignment, cheaply: reminder jobs run by the
 * thousand when a cohort's deadline approaches, so the assignment's title and rule are memoised
 * for a few seconds (curriculum changes are rare; a stale title for 10 s is harmless).
 */
import { isSubmitted } from '../assignments/assignments.api.js';
import { dueDateFor } from '../assignments/due-dates.service.js';
import { findAssignment } from '../curriculum/curriculum.service.js';

const MEMO_MS = 10_000;
const memo = new Map<
  string,
  { at: number; value: Promise<{ title: string; dueDays: number } | null> }
>();

function assignmentRule(assignmentId: string) {
  const hit = memo.get(assignmentId);
  if (hit && Date.now() - hit.at < MEMO_MS) return hit.value;
  const value = findAssignment(assignmentId).then((r) =>
    r ? { title: r.assignment.title, dueDays: r.assignment.dueDays } : null,
  );
  memo.set(assignmentId, { at: Date.now(), value });
  return value;
}

export interface CurrentDeadline {
  title: string;
  dueAt: Date;
  submitted: boolean;
}

/** The due date in force and whether it was submitted; null without a cohort or assignment. */
export async function currentDeadline(
  innovatorId: string,
  assignmentId: string,
): Promise<CurrentDeadline | null> {
  const rule = await assignmentRule(assignmentId);
  if (!rule) return null;
  const [due, submitted] = await Promise.all([
    dueDateFor(innovatorId, { id: assignmentId, dueDays: rule.dueDays }),
    isSubmitted(innovatorId, assignmentId),
  ]);
  return due ? { title: rule.title, dueAt: due.dueAt, submitted } : null;
}

/**
 * Progress figures for many innovators at once: lessons completed, assignments accepted and the
 * last sign of activity. A fixed handful of queries whatever the number of innovators, through
 * the owning features' list-taking services (never their models).
 */
import { listAssignments } from '../curriculum/curriculum.service.js';
import { getCourseOutline } from '../learning/course-outline.service.js';
import { summariseProgress } from '../progress/progress-summary.js';
import { listProgressOfUsers } from '../progress/progress.service.js';
import { latestVersionsOf } from '../submissions/submissions.service.js';
import type { PublicUser } from '../users/users.service.js';

export interface InnovatorFigures {
  lessons: { completed: number; total: number; percent: number };
  assignments: { accepted: number; total: number };
  /** Latest lesson visit, change to a submission or sign-in; null when never active. */
  lastActivity: Date | null;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Figures for each of `people` (innovators), keyed by id. */
export async function figuresFor(people: PublicUser[]): Promise<Map<string, InnovatorFigures>> {
  const ids = people.map((p) => p.id);
  const outline = await getCourseOutline();
  const [records, assignments, versions] = await Promise.all([
    outline ? listProgressOfUsers(ids, outline.programmeSlug) : Promise.resolve([]),
    outline ? listAssignments(outline.programmeSlug) : Promise.resolve([]),
    latestVersionsOf(ids),
  ]);
  const assignmentIds = new Set(assignments.map((a) => a.assignment.id));
  const recordsOf = groupBy(records, (r) => String(r.user));
  const versionsOf = groupBy(versions, (v) => v.innovatorId);

  const out = new Map<string, InnovatorFigures>();
  for (const person of people) {
    const mine = recordsOf.get(person.id) ?? [];
    const work = versionsOf.get(person.id) ?? [];
    // The progress feature's own summary, so these numbers match the learner's progress page.
    const summary = outline ? summariseProgress(outline, mine) : null;
    // Same definition as the mentoring feature's lastActivityOf(), computed from batch reads.
    const times = [
      ...mine.map((r) => r.lastVisitedAt?.getTime() ?? 0),
      ...work.map((v) => v.updatedAt.getTime()),
      person.lastLoginAt?.getTime() ?? 0,
    ].filter((t) => t > 0);
    out.set(person.id, {
      lessons: {
        completed: summary?.completed ?? 0,
        total: summary?.total ?? 0,
        percent: summary?.percent ?? 0,
      },
      assignments: {
        // 'accepted' is only set when the mentor releases an accepting decision.
        accepted: work.filter((v) => v.status === 'accepted' && assignmentIds.has(v.assignmentId))
          .length,
        total: assignmentIds.size,
      },
      lastActivity: times.length ? new Date(Math.max(...times)) : null,
    });
  }
  return out;
}

/**
 * When a person was last active: the latest of a lesson visit, a submission change and a
 * sign-in. (A `lastActivityAt(userId)` in the progress feature would replace the first part.)
 */
import { getCourseOutline } from '../learning/course-outline.service.js';
import { listProgress } from '../progress/progress.service.js';
import { latestVersionsOf } from '../submissions/submissions.service.js';
import { getUser } from '../users/users.service.js';

/** The latest sign of activity of `userId`, or null if none. */
export async function lastActivityOf(userId: string): Promise<Date | null> {
  const outline = await getCourseOutline();
  const [records, versions, person] = await Promise.all([
    outline ? listProgress(userId, outline.programmeSlug) : Promise.resolve([]),
    latestVersionsOf([userId]),
    getUser(userId),
  ]);
  const times = [
    ...records.map((r) => r.lastVisitedAt?.getTime() ?? 0),
    ...versions.map((v) => v.updatedAt.getTime()),
    person?.lastLoginAt?.getTime() ?? 0,
  ].filter((t) => t > 0);
  return times.length ? new Date(Math.max(...times)) : null;
}

/** Last activity of several people, keyed by id. */
export async function lastActivities(userIds: string[]): Promise<Map<string, Date | null>> {
  const out = new Map<string, Date | null>();
  for (const id of userIds) out.set(id, await lastActivityOf(id));
  return out;
}

/**
 * Who may see or grade an innovator's work. Answers are booleans; callers turn "no" into
 * NotFoundError (404) so that ids of other people's work are never confirmed.
 */
import { canMentorSee } from '../cohorts/cohorts.service.js';

export type Viewer = Pick<Express.User, 'id' | 'roles' | 'countries'>;

/** The innovator themself, their current mentor, or an admin (read-only). */
export async function canViewWork(viewer: Viewer, innovatorId: string): Promise<boolean> {
  if (viewer.id === innovatorId) return true;
  if (viewer.roles.includes('admin')) return true;
  return viewer.roles.includes('mentor') && canMentorSee(viewer.id, innovatorId);
}

/** Only the innovator's current mentor grades their work. */
export async function canGradeWork(viewer: Viewer, innovatorId: string): Promise<boolean> {
  return (
    viewer.id !== innovatorId &&
    viewer.roles.includes('mentor') &&
    canMentorSee(viewer.id, innovatorId)
  );
}

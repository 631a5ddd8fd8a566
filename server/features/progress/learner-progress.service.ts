/**
 * A learner's progress as someone else sees it (their mentor, an ambassador of their country, an
 * admin). Anyone else gets NotFoundError, so the page does not confirm the person exists.
 */
import { NotFoundError } from '../../lib/errors.js';
import { canMentorSee, canViewPerson } from '../cohorts/cohorts.service.js';
import { getCourseOutline } from '../learning/course-outline.service.js';
import { getUser } from '../users/users.service.js';
import { summariseProgress, type ProgrammeSummary } from './progress-summary.js';
import { listProgress } from './progress.service.js';

export interface LessonDetail {
  timeSpentMinutes: number;
  quizAttempts: number;
  bestScore: number | null;
}

export interface LearnerProgress {
  learner: { id: string; name: string };
  programmeTitle: string;
  summary: ProgrammeSummary;
  /** Per lesson slug: time and quiz figures for the table. */
  details: Record<string, LessonDetail>;
}

/** Whether `viewer` may read `learnerId`'s progress: self, admin, their mentor, their country's ambassador. */
export async function canViewProgress(viewer: Express.User, learnerId: string): Promise<boolean> {
  if (viewer.id === learnerId || viewer.roles.includes('admin')) return true;
  if (viewer.roles.includes('mentor') && (await canMentorSee(viewer.id, learnerId))) return true;
  // Ambassadors follow their country's people read-only; canViewPerson applies that rule.
  return viewer.roles.includes('ambassador') && (await canViewPerson(viewer, learnerId));
}

/** The learner's progress for a permitted viewer; NotFoundError otherwise. */
export async function learnerProgressFor(viewer: Express.User, learnerId: string): Promise<LearnerProgress> {
  const [allowed, learner, outline] = await Promise.all([canViewProgress(viewer, learnerId), getUser(learnerId), getCourseOutline()]);
  if (!allowed || !learner || !outline) throw new NotFoundError();
  const records = await listProgress(learnerId, outline.programmeSlug);
  const details: Record<string, LessonDetail> = {};
  for (const r of records) {
    const scores = (r.quizAttempts ?? []).map((a) => a.score);
    details[r.lesson] = {
      timeSpentMinutes: Math.round((r.timeSpentSeconds ?? 0) / 60),
      quizAttempts: scores.length,
      bestScore: scores.length ? Math.max(...scores) : null,
    };
  }
  return { learner: { id: learner.id, name: learner.name }, programmeTitle: outline.title, summary: summariseProgress(outline, records), details };
}

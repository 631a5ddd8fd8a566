/** The learner's dashboard: where to continue, progress bars, other features' panels, activity. */
import { getCertificate, type CertificateRecord } from '../certificates/certificates.service.js';
import { countReflections } from '../journal/journal.service.js';
import { getCourseOutline } from '../learning/course-outline.service.js';
import type { CourseOutline } from '../learning/course.types.js';
import { summariseProgress, type ProgrammeSummary } from '../progress/progress-summary.js';
import { listProgress } from '../progress/progress.service.js';
import type { LessonProgressRecord } from '../progress/progress.model.js';
import { dashboardSlots, type CheckInItem, type DeadlineItem, type FeedbackItem } from './dashboard.slots.js';

export interface ActivityItem {
  at: Date;
  text: string;
  href: string;
}

export interface Dashboard {
  programmeTitle: string | null;
  summary: ProgrammeSummary | null;
  isNew: boolean;
  deadlines: DeadlineItem[];
  feedback: FeedbackItem[];
  nextCheckIn: CheckInItem | null;
  activity: ActivityItem[];
  reflections: number;
  certificate: CertificateRecord | null;
}

const ACTIVITY_LIMIT = 6;

/** Recent events from the progress records, newest first. */
export function recentActivity(outline: CourseOutline, records: readonly LessonProgressRecord[]): ActivityItem[] {
  const lessons = new Map(outline.modules.flatMap((m) => m.lessons.map((l) => [l.slug, { ...l, moduleSlug: m.slug }] as const)));
  const items: ActivityItem[] = [];
  for (const r of records) {
    const lesson = lessons.get(r.lesson);
    if (!lesson) continue;
    const href = `/learn/${lesson.moduleSlug}/${lesson.slug}`;
    items.push({ at: r.firstOpenedAt, text: `Started “${lesson.title}”`, href });
    if (r.completedAt) items.push({ at: r.completedAt, text: `Completed “${lesson.title}”`, href });
    for (const a of r.quizAttempts ?? []) {
      items.push({ at: a.submittedAt, text: `Quiz in “${lesson.title}”: ${a.score}%${a.passed ? ', passed' : ''}`, href: `${href}#quiz` });
    }
  }
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, ACTIVITY_LIMIT);
}

/** Everything the dashboard shows for one learner. */
export async function buildDashboard(userId: string): Promise<Dashboard> {
  const slots = dashboardSlots();
  const outline = await getCourseOutline();
  const [records, deadlines, feedback, nextCheckIn, reflections, certificate] = await Promise.all([
    outline ? listProgress(userId, outline.programmeSlug) : Promise.resolve([]),
    slots.upcomingDeadlines(userId),
    slots.latestFeedback(userId),
    slots.nextCheckIn(userId),
    outline ? countReflections(userId, outline.programmeSlug) : Promise.resolve(0),
    outline ? getCertificate(userId, outline.programmeSlug) : Promise.resolve(null),
  ]);
  return {
    programmeTitle: outline?.title ?? null,
    summary: outline ? summariseProgress(outline, records) : null,
    isNew: records.length === 0,
    deadlines,
    feedback,
    nextCheckIn,
    activity: outline ? recentActivity(outline, records) : [],
    reflections,
    certificate,
  };
}

/**
 * Pure computation of where a learner stands: lesson statuses, module completion and locks,
 * overall progress and the lesson to continue with. Content changes are handled by construction:
 * totals come from the current outline, records for removed lessons are simply ignored.
 */
import { deepFreeze } from '../../lib/freeze.js';
import type { CourseOutline, OutlineLesson, OutlineModule } from '../learning/course.types.js';

export type LessonStatus = 'not_started' | 'in_progress' | 'completed';

export const STATUS_LABELS: Record<LessonStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
};

/** The few fields of a progress record the summary needs. */
export interface ProgressFacts {
  lesson: string;
  firstOpenedAt: Date;
  lastVisitedAt: Date;
  completedAt?: Date | null;
}

export interface LessonSummary {
  slug: string;
  title: string;
  moduleSlug: string;
  position: number;
  status: LessonStatus;
  completedAt?: Date;
}

export interface ModuleSummary {
  slug: string;
  title: string;
  position: number;
  total: number;
  completed: number;
  percent: number;
  status: LessonStatus;
  locked: boolean;
  /** Prerequisite modules still to complete, in programme order. */
  missing: { slug: string; title: string }[];
  lessons: LessonSummary[];
}

export interface ProgrammeSummary {
  total: number;
  completed: number;
  percent: number;
  modules: ModuleSummary[];
  allModulesComplete: boolean;
  /** The next unfinished lesson to open, or null when everything is done. */
  continueAt: LessonSummary | null;
  /** Latest time any lesson was completed (the programme's content completion date). */
  lastCompletedAt: Date | null;
}

function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}

function lessonStatus(record: ProgressFacts | undefined): LessonStatus {
  if (!record) return 'not_started';
  return record.completedAt ? 'completed' : 'in_progress';
}

function summariseModule(mod: OutlineModule, index: number, byLesson: Map<string, ProgressFacts>): ModuleSummary {
  const lessons = mod.lessons.map((l: OutlineLesson, i) => {
    const record = byLesson.get(l.slug);
    return {
      slug: l.slug,
      title: l.title,
      moduleSlug: mod.slug,
      position: i + 1,
      status: lessonStatus(record),
      completedAt: record?.completedAt ?? undefined,
    };
  });
  const completed = lessons.filter((l) => l.status === 'completed').length;
  const started = lessons.some((l) => l.status !== 'not_started');
  // A module with no published lessons has nothing left to do, so it never blocks completion.
  const status: LessonStatus = completed === lessons.length ? 'completed' : started ? 'in_progress' : 'not_started';
  return {
    slug: mod.slug,
    title: mod.title,
    position: index + 1,
    total: lessons.length,
    completed,
    percent: percent(completed, lessons.length),
    status,
    locked: false,
    missing: [],
    lessons,
  };
}

/** Where the learner picks up: the last lesson they touched if unfinished, else the next one after it. */
function findContinue(modules: ModuleSummary[], records: readonly ProgressFacts[]): LessonSummary | null {
  const open = modules.filter((m) => !m.locked).flatMap((m) => m.lessons);
  const ordered = modules.flatMap((m) => m.lessons);
  const touched = (r: ProgressFacts) => Math.max(r.lastVisitedAt.getTime(), r.completedAt?.getTime() ?? 0);
  const known = new Set(ordered.map((l) => l.slug));
  const latest = records
    .filter((r) => known.has(r.lesson))
    .reduce<ProgressFacts | null>((best, r) => (!best || touched(r) > touched(best) ? r : best), null);
  if (latest) {
    const at = ordered.findIndex((l) => l.slug === latest.lesson);
    const current = ordered[at];
    if (current && current.status !== 'completed' && open.includes(current)) return current;
    const after = ordered.slice(at + 1).find((l) => l.status !== 'completed' && open.includes(l));
    if (after) return after;
  }
  return open.find((l) => l.status !== 'completed') ?? null;
}

/**
 * Summaries of frozen record lists (the read cache's shared copies), per outline: a learner's
 * pages reuse one summary until their records or the published outline change (either gives a
 * new object). Entries go when their record list is dropped.
 */
const memo = new WeakMap<readonly ProgressFacts[], { outline: CourseOutline; summary: ProgrammeSummary }>();

/** Summarises a learner's progress through the outline. The result is frozen (it may be shared). */
export function summariseProgress(outline: CourseOutline, records: readonly ProgressFacts[]): ProgrammeSummary {
  const known = memo.get(records);
  if (known?.outline === outline) return known.summary;
  const summary = deepFreeze(summarise(outline, records));
  if (Object.isFrozen(records)) memo.set(records, { outline, summary });
  return summary;
}

function summarise(outline: CourseOutline, records: readonly ProgressFacts[]): ProgrammeSummary {
  const byLesson = new Map(records.map((r) => [r.lesson, r]));
  const modules = outline.modules.map((m, i) => summariseModule(m, i, byLesson));
  const bySlug = new Map(modules.map((m) => [m.slug, m]));
  for (const [i, mod] of outline.modules.entries()) {
    const summary = modules[i]!;
    // A prerequisite that no longer exists in the programme cannot be met, so it does not lock.
    summary.missing = mod.prerequisites
      .map((slug) => bySlug.get(slug))
      .filter((m): m is ModuleSummary => m !== undefined && m.status !== 'completed')
      .map((m) => ({ slug: m.slug, title: m.title }));
    summary.locked = summary.missing.length > 0;
  }
  const total = modules.reduce((n, m) => n + m.total, 0);
  const completed = modules.reduce((n, m) => n + m.completed, 0);
  const completions = modules.flatMap((m) => m.lessons.flatMap((l) => (l.completedAt ? [l.completedAt.getTime()] : [])));
  return {
    total,
    completed,
    percent: percent(completed, total),
    modules,
    allModulesComplete: modules.length > 0 && modules.every((m) => m.status === 'completed'),
    continueAt: findContinue(modules, records),
    lastCompletedAt: completions.length ? new Date(Math.max(...completions)) : null,
  };
}

/** "Complete Strategic planning first" / "Complete A and B first". */
export function lockMessage(missing: { title: string }[]): string {
  const names = missing.map((m) => m.title);
  const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `Complete ${list} first`;
}

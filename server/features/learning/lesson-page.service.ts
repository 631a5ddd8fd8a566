/**
 * The lesson page: content from the curriculum, the learner's status, position, neighbours,
 * quiz state and saved reflections. Opening it records the visit in the progress record.
 */
import { NotFoundError } from '../../lib/errors.js';
import { reflectionsFor } from '../journal/journal.service.js';
import { lockMessage, STATUS_LABELS, summariseProgress, type LessonStatus } from '../progress/progress-summary.js';
import { listProgress, recordLessonVisit } from '../progress/progress.service.js';
import { getCourseOutline, getLessonContent } from './course-outline.service.js';
import type { CourseOutline, LessonBlockView, LessonRef, OutlineModule } from './course.types.js';
import { buildQuizState, type QuizState } from './quiz-view.js';

export type PageBlock =
  | Exclude<LessonBlockView, { type: 'reflection' } | { type: 'quiz' }>
  | { type: 'reflection'; id: string; promptHtml: string; text: string; savedAt: Date | null }
  | { type: 'quiz'; id: string; state: QuizState };

export interface Link {
  href: string;
  title: string;
}

export interface LessonPage {
  kind: 'lesson';
  ref: LessonRef;
  programmeTitle: string;
  module: { slug: string; title: string };
  lesson: { slug: string; title: string; minutes?: number };
  toc: { id: string; text: string; level: number }[];
  position: number;
  total: number;
  status: LessonStatus;
  statusLabel: string;
  completedAt: Date | null;
  canMarkComplete: boolean;
  hasQuiz: boolean;
  blocks: PageBlock[];
  prev: Link | null;
  next: Link | null;
}

export interface LockedPage {
  kind: 'locked';
  module: { slug: string; title: string };
  message: string;
  missing: { slug: string; title: string }[];
}

/** Finds a module of the outline or throws NotFoundError (the same page for "absent" and "hidden"). */
export function requireModule(outline: CourseOutline | null, moduleSlug: string): OutlineModule {
  const mod = outline?.modules.find((m) => m.slug === moduleSlug);
  if (!mod) throw new NotFoundError('We could not find that module.');
  return mod;
}

function neighbours(outline: CourseOutline, mod: OutlineModule, index: number): { prev: Link | null; next: Link | null } {
  const at = (i: number) => mod.lessons[i];
  const before = at(index - 1);
  const after = at(index + 1);
  const nextModule = outline.modules[outline.modules.indexOf(mod) + 1];
  return {
    prev: before
      ? { href: `/learn/${mod.slug}/${before.slug}`, title: before.title }
      : { href: `/learn/${mod.slug}`, title: `Module overview: ${mod.title}` },
    next: after
      ? { href: `/learn/${mod.slug}/${after.slug}`, title: after.title }
      : nextModule
        ? { href: `/learn/${nextModule.slug}`, title: `Next module: ${nextModule.title}` }
        : { href: '/dashboard', title: 'Back to your dashboard' },
  };
}

/** Opens a lesson for a learner: the page's data, or a lock explanation; records the visit. */
export async function openLesson(userId: string, moduleSlug: string, lessonSlug: string): Promise<LessonPage | LockedPage> {
  const outline = await getCourseOutline();
  const mod = requireModule(outline, moduleSlug);
  const index = mod.lessons.findIndex((l) => l.slug === lessonSlug);
  const content = index >= 0 ? await getLessonContent(moduleSlug, lessonSlug) : null;
  if (!outline || !content) throw new NotFoundError('We could not find that lesson.');

  const records = await listProgress(userId, outline.programmeSlug);
  const summary = summariseProgress(outline, records);
  const modSummary = summary.modules.find((m) => m.slug === mod.slug)!;
  if (modSummary.locked) {
    return { kind: 'locked', module: { slug: mod.slug, title: mod.title }, message: lockMessage(modSummary.missing), missing: modSummary.missing };
  }

  const ref: LessonRef = { programme: outline.programmeSlug, module: mod.slug, lesson: lessonSlug };
  const record = records.find((r) => r.lesson === lessonSlug) ?? null;
  const reflectionIds = content.blocks.flatMap((b) => (b.type === 'reflection' ? [b.id] : []));
  const [answers] = await Promise.all([
    reflectionsFor(userId, outline.programmeSlug, reflectionIds),
    recordLessonVisit(userId, ref, records),
  ]);

  const blocks: PageBlock[] = content.blocks.map((b) => {
    if (b.type === 'reflection') {
      const saved = answers.get(b.id);
      return { ...b, text: saved?.text ?? '', savedAt: saved?.updatedAt ?? null };
    }
    if (b.type === 'quiz') {
      const attempts = (record?.quizAttempts ?? []).filter((a) => a.quizId === b.quiz.id);
      return { type: 'quiz', id: b.id, state: buildQuizState(b.quiz, attempts, Boolean(record?.quizPassedAt)) };
    }
    return b;
  });
  const hasQuiz = content.blocks.some((b) => b.type === 'quiz');
  const status: LessonStatus = record?.completedAt ? 'completed' : 'in_progress';
  return {
    kind: 'lesson',
    ref,
    programmeTitle: outline.title,
    module: { slug: mod.slug, title: mod.title },
    lesson: { slug: lessonSlug, title: content.title, minutes: content.minutes },
    toc: content.toc,
    position: index + 1,
    total: mod.lessons.length,
    status,
    statusLabel: STATUS_LABELS[status],
    completedAt: record?.completedAt ?? null,
    canMarkComplete: !hasQuiz && status !== 'completed',
    hasQuiz,
    blocks,
    ...neighbours(outline, mod, index),
  };
}

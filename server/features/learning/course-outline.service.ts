/**
 * The learner's view of the published curriculum, read through the curriculum's read service and
 * kept in memory. Every lesson page needs the whole outline (statuses, locks, position) and the
 * lesson's rendered blocks; reading and rebuilding them per request would cost more than the rest
 * of the page. Entries are keyed on the curriculum's content version, which moves on after any
 * write to programmes, modules or lessons in this process (publish, restore, reorder, import...),
 * so a publish is visible on the next request here with no time-out to wait for.
 *
 * With the embedded engine the key also holds the engine's write counters for those three
 * collections, which see every process's writes (the import script run beside a live server):
 * entries are then exact and never expire. On MONGODB_URI a write made by another instance is not
 * seen that way, so entries are also re-read after COURSE_CACHE_TTL_MS, which bounds how stale
 * another instance can be. Tests that write content behind mongoose's back on MONGODB_URI call
 * `clearCourseCache()`.
 */
import { collectionsStamp } from '../../db/read-cache.js';
import { contentCollections, contentVersion, findQuiz, getLesson, getModule, getPublishedProgramme, type LessonView } from '../curriculum/curriculum.service.js';
import type { CourseOutline, LessonBlockView, LessonContentView, ModuleContentView, Quiz } from './course.types.js';

/** How long another process's curriculum writes can stay unseen here (on MONGODB_URI). */
export const COURSE_CACHE_TTL_MS = 30_000;

interface Entry<T> {
  version: string;
  expires: number;
  value: Promise<T>;
}

const cache = new Map<string, Entry<unknown>>();

/** Returns the cached value for `key`, loading it (once, even under concurrent calls) when stale. */
function memo<T>(key: string, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const stamps = collectionsStamp(contentCollections());
  const version = `${contentVersion()}/${stamps ?? ''}`;
  const hit = cache.get(key) as Entry<T> | undefined;
  if (hit && hit.version === version && hit.expires > now) return hit.value;
  // The version is taken before loading: a write landing during the load makes this entry stale.
  const value = load();
  cache.set(key, { version, expires: stamps === null ? now + COURSE_CACHE_TTL_MS : Infinity, value });
  // A failed load must not be served from the cache (unless a newer load already replaced it).
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}

/** Forgets every cached outline, module and lesson. */
export function clearCourseCache(): void {
  cache.clear();
}

/** The published programme as modules and lessons in order; null when nothing is published. */
export function getCourseOutline(): Promise<CourseOutline | null> {
  return memo('outline', async () => {
    const programme = await getPublishedProgramme();
    if (!programme || programme.modules.length === 0) return null;
    return {
      programmeSlug: programme.slug,
      title: programme.title,
      modules: programme.modules.map((m) => ({
        slug: m.slug,
        title: m.title,
        effortHours: m.effortHours,
        prerequisites: m.prerequisites,
        lessons: m.lessons.map((l) => ({
          slug: l.slug,
          title: l.title,
          moduleSlug: m.slug,
          minutes: l.minutes ?? undefined,
          quizId: l.quizIds[0],
          reflections: l.reflections,
        })),
      })),
    };
  });
}

async function toBlocks(lesson: LessonView): Promise<LessonBlockView[]> {
  const blocks: LessonBlockView[] = [];
  for (const b of lesson.blocks) {
    switch (b.type) {
      case 'text':
      case 'video':
        blocks.push({ type: 'html', id: b.id, html: b.html });
        break;
      case 'resource':
        blocks.push({ type: 'resource', id: b.id, title: b.title, href: b.href, sizeBytes: b.size });
        break;
      case 'reflection':
        blocks.push({ type: 'reflection', id: b.id, promptHtml: b.promptHtml });
        break;
      case 'quiz': {
        // The page only ever gets the answer-free view built from this (quiz-view.ts).
        const record = await findQuiz(b.quiz.id);
        if (record) blocks.push({ type: 'quiz', id: b.id, quiz: record.quiz as Quiz });
        break;
      }
      case 'assignment':
        blocks.push({ type: 'assignment', id: b.id, assignmentId: b.assignment.id, title: b.assignment.title, html: b.assignment.instructionsHtml });
        break;
    }
  }
  return blocks;
}

/** A published lesson's rendered blocks (quizzes with answers, for the server only), or null. */
export function getLessonContent(moduleSlug: string, lessonSlug: string): Promise<LessonContentView | null> {
  return memo(`lesson:${moduleSlug}/${lessonSlug}`, async () => {
    const lesson = await getLesson(moduleSlug, lessonSlug);
    if (!lesson) return null;
    return {
      title: lesson.title,
      minutes: lesson.minutes ?? undefined,
      blocks: await toBlocks(lesson),
      toc: lesson.showToc ? lesson.toc.map((h) => ({ id: h.id, text: h.text, level: h.level })) : [],
    };
  });
}

/** A published module's intro and outcomes, or null. */
export function getModuleContent(moduleSlug: string): Promise<ModuleContentView | null> {
  return memo(`module:${moduleSlug}`, async () => {
    const m = await getModule(moduleSlug);
    if (!m) return null;
    return { slug: m.slug, title: m.title, introHtml: m.introHtml, outcomes: m.outcomes, effortHours: m.effortHours };
  });
}

/**
 * READ SERVICE for learners and the other features (learning, assignments, certificates...).
 * Everything here returns PUBLISHED content only (lessons' `published`, modules' and the
 * programme's top-level texts, never their `draft`); drafts are the authoring feature's business.
 * `programmeSlug` is optional everywhere: without it the first programme (by order) is used.
 *
 *   getPublishedProgramme(programmeSlug?)        -> ProgrammeView | null   (with its modules)
 *   listModules(programmeSlug?)                  -> ModuleSummary[]        (published modules with >= 1 published lesson)
 *   getModule(moduleSlug, programmeSlug?)        -> ModuleView | null      (intro rendered)
 *   getLesson(moduleSlug, lessonSlug, programmeSlug?) -> LessonView | null (blocks rendered, cached per revision)
 *   findQuiz(quizId)                             -> QuizRecord | null      (WITH answers: server-side grading only)
 *   findAssignment(assignmentId)                 -> AssignmentRecord | null
 *   listAssignments(programmeSlug?)              -> AssignmentRecord[]     (programme order)
 *
 * Ids (module/lesson slugs, quiz/assignment/reflection ids) are stable across edits: key progress
 * and submissions on them (or on lesson ids, which never change either).
 */
import type { Types } from 'mongoose';
import { namespaceOf } from '../../db/read-cache.js';
import { renderMarkdown } from '../content/markdown.js';
import type { LessonContent } from './content.schemas.js';
import type { AssignmentRecord, LessonSummary, LessonView, Located, ModuleSummary, ModuleView, ProgrammeView, QuizRecord } from './curriculum.types.js';
import { normalizeContent } from './content-hash.js';
import { imageSizeLookup } from './lesson-assets.service.js';
import { renderLesson } from './lesson-render.js';
import { Lesson, type LessonAttrs } from './lesson.model.js';
import { CourseModule, type ModuleAttrs } from './module.model.js';
import { Programme } from './programme.model.js';
import { cachedForRevision, cachedRender, hasCachedRender } from './render-cache.js';

/** Moves on after any curriculum write in this process: the key for caches of published content. */
export { contentVersion } from './content-version.js';

/** The collections the published curriculum is read from, for caches keyed on their writes. */
export function contentCollections(): string[] {
  return [Programme, CourseModule, Lesson].map(namespaceOf);
}
export type { AssignmentRecord, LessonSummary, LessonView, Located, ModuleSummary, ModuleView, ProgrammeView, QuizRecord };

// Modules created in authoring stay hidden until their first publish (older records lack the flag).
const VISIBLE_MODULE = { neverPublished: { $ne: true } };

type PublishedLesson = Pick<LessonAttrs, 'slug' | 'order' | 'publishedRevision' | 'publishedAt'> & { _id: Types.ObjectId; module: Types.ObjectId; published: LessonContent };

async function programmeId(programmeSlug?: string): Promise<Types.ObjectId | null> {
  const programme = programmeSlug
    ? await Programme.findOne({ slug: programmeSlug }, { _id: 1 }).lean()
    : await Programme.findOne({}, { _id: 1 }).sort({ order: 1, slug: 1 }).lean();
  return programme?._id ?? null;
}

async function publishedLessons(filter: Record<string, unknown>): Promise<PublishedLesson[]> {
  const rows = await Lesson.find({ ...filter, publishedRevision: { $gt: 0 } }, { draft: 0 }).sort({ order: 1 }).lean();
  // Parsing (zod) is cached per published revision: a revision's content never changes.
  return rows.map((r) => ({ ...r, published: cachedForRevision('content', String(r._id), r.publishedRevision, () => normalizeContent(r.published)) }));
}

function summarise(lesson: PublishedLesson): LessonSummary {
  const blocks = lesson.published.blocks;
  return {
    id: String(lesson._id),
    slug: lesson.slug,
    order: lesson.order,
    title: lesson.published.title,
    minutes: lesson.published.minutes,
    revision: lesson.publishedRevision,
    quizIds: blocks.flatMap((b) => (b.type === 'quiz' ? [b.quiz.id] : [])),
    assignmentIds: blocks.flatMap((b) => (b.type === 'assignment' ? [b.assignment.id] : [])),
    reflections: blocks.flatMap((b) => (b.type === 'reflection' ? [{ id: b.id, prompt: b.prompt }] : [])),
  };
}

function moduleSummary(m: ModuleAttrs & { _id: Types.ObjectId }, lessons: PublishedLesson[]): ModuleSummary {
  return {
    id: String(m._id),
    slug: m.slug,
    order: m.order,
    title: m.title,
    outcomes: m.outcomes,
    effortHours: m.effortHours,
    prerequisites: m.prerequisites,
    lessons: lessons.filter((l) => l.module.equals(m._id)).map(summarise),
  };
}

/** Modules of a programme that have at least one published lesson, in order, with their lessons. */
export async function listModules(programmeSlug?: string): Promise<ModuleSummary[]> {
  const programme = await programmeId(programmeSlug);
  if (!programme) return [];
  const [modules, lessons] = await Promise.all([
    CourseModule.find({ programme, ...VISIBLE_MODULE }).sort({ order: 1 }).lean(),
    publishedLessons({ programme }),
  ]);
  return modules.map((m) => moduleSummary(m, lessons)).filter((m) => m.lessons.length > 0);
}

/** The programme with its description rendered and its published modules. */
export async function getPublishedProgramme(programmeSlug?: string): Promise<ProgrammeView | null> {
  const id = await programmeId(programmeSlug);
  const programme = id ? await Programme.findById(id).lean() : null;
  if (!programme) return null;
  return {
    id: String(programme._id),
    slug: programme.slug,
    title: programme.title,
    summary: programme.summary,
    descriptionHtml: renderMarkdown(programme.description).html,
    modules: await listModules(programme.slug),
  };
}

/** One published module with its intro rendered, or null. */
export async function getModule(moduleSlug: string, programmeSlug?: string): Promise<ModuleView | null> {
  const programme = await programmeId(programmeSlug);
  const m = programme ? await CourseModule.findOne({ programme, slug: moduleSlug, ...VISIBLE_MODULE }).lean() : null;
  if (!m) return null;
  const summary = moduleSummary(m, await publishedLessons({ module: m._id }));
  if (summary.lessons.length === 0) return null;
  return { ...summary, intro: m.intro, introHtml: renderMarkdown(m.intro).html };
}

/** One published lesson rendered for learners (HTML cached per published revision), or null. */
export async function getLesson(moduleSlug: string, lessonSlug: string, programmeSlug?: string): Promise<LessonView | null> {
  const programme = await programmeId(programmeSlug);
  const m = programme ? await CourseModule.findOne({ programme, slug: moduleSlug, ...VISIBLE_MODULE }).lean() : null;
  if (!m) return null;
  const siblings = await publishedLessons({ module: m._id });
  const index = siblings.findIndex((l) => l.slug === lessonSlug);
  if (index < 0) return null;
  const lesson = siblings[index];
  const id = String(lesson._id);
  // Image sizes are read only for a render; a revision's images never change, so neither do they.
  const imageSize = hasCachedRender(id, lesson.publishedRevision) ? undefined : await imageSizeLookup(lesson.published);
  const rendered = cachedRender(id, lesson.publishedRevision, () => renderLesson(lesson.published, imageSize));
  const link = (l: PublishedLesson | undefined) => (l ? { slug: l.slug, title: l.published.title } : null);
  return {
    ...rendered,
    id,
    slug: lesson.slug,
    title: lesson.published.title,
    minutes: lesson.published.minutes,
    revision: lesson.publishedRevision,
    publishedAt: lesson.publishedAt,
    module: { id: String(m._id), slug: m.slug, title: m.title, order: m.order },
    position: { index: index + 1, total: siblings.length },
    previous: link(siblings[index - 1]),
    next: link(siblings[index + 1]),
  };
}

async function locateBlocks(filter: Record<string, unknown>): Promise<Array<{ lesson: PublishedLesson; module: ModuleAttrs }>> {
  const lessons = await publishedLessons(filter);
  const modules = await CourseModule.find({ _id: { $in: lessons.map((l) => l.module) }, ...VISIBLE_MODULE }).lean();
  const found: Array<{ lesson: PublishedLesson; module: ModuleAttrs }> = [];
  for (const lesson of lessons) {
    const module = modules.find((m) => m._id.equals(lesson.module));
    if (module) found.push({ lesson, module });
  }
  return found.sort((a, b) => a.module.order - b.module.order || a.lesson.order - b.lesson.order);
}

function located(lesson: PublishedLesson, m: ModuleAttrs): Located {
  return { lessonId: String(lesson._id), lessonSlug: lesson.slug, lessonTitle: lesson.published.title, moduleSlug: m.slug, moduleTitle: m.title, moduleOrder: m.order };
}

/** The published quiz with its answers, for grading on the server. Never send it to a page. */
export async function findQuiz(quizId: string): Promise<QuizRecord | null> {
  for (const { lesson, module } of await locateBlocks({ 'published.blocks.quiz.id': quizId })) {
    const block = lesson.published.blocks.find((b) => b.type === 'quiz' && b.quiz.id === quizId);
    if (block?.type === 'quiz') return { ...located(lesson, module), quiz: block.quiz };
  }
  return null;
}

/** The published assignment (instructions, rubric, dueDays...) with where it lives. */
export async function findAssignment(assignmentId: string): Promise<AssignmentRecord | null> {
  for (const { lesson, module } of await locateBlocks({ 'published.blocks.assignment.id': assignmentId })) {
    const block = lesson.published.blocks.find((b) => b.type === 'assignment' && b.assignment.id === assignmentId);
    if (block?.type === 'assignment') return { ...located(lesson, module), assignment: block.assignment };
  }
  return null;
}

/** Every published assignment of a programme, in module and lesson order. */
export async function listAssignments(programmeSlug?: string): Promise<AssignmentRecord[]> {
  const programme = await programmeId(programmeSlug);
  if (!programme) return [];
  return (await locateBlocks({ programme })).flatMap(({ lesson, module }) =>
    lesson.published.blocks.flatMap((b) => (b.type === 'assignment' ? [{ ...located(lesson, module), assignment: b.assignment }] : [])),
  );
}

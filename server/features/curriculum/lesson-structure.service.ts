/**
 * WRITE SERVICE for lessons' place in the programme's structure (used by authoring): lessons
 * created in a module, reordered, moved to another module and deleted, at once. Lesson CONTENT goes
 * through lesson-store.service.ts (drafts, publish, revisions); modules are in structure.service.ts.
 */
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { normalizeContent } from './content-hash.js';
import type { LessonContent } from './content.schemas.js';
import { LessonRevision } from './lesson-revision.model.js';
import { createLesson } from './lesson-store.service.js';
import { Lesson, type LessonDoc } from './lesson.model.js';
import { CourseModule } from './module.model.js';
import { invalidateLesson } from './render-cache.js';
import { getModuleForEditing, isId, moveAmong } from './structure.service.js';

export interface EditableLesson {
  id: string;
  moduleId: string;
  moduleSlug: string;
  moduleTitle: string;
  slug: string;
  version: number;
  publishedRevision: number;
  /** The draft differs from what learners see (or nothing is published yet). */
  hasUnpublishedChanges: boolean;
  draft: LessonContent;
}

/** A lesson with its draft, for the editor. */
export async function getLessonForEditing(lessonId: string): Promise<EditableLesson> {
  const lesson = isId(lessonId) ? await Lesson.findById(lessonId).lean() : null;
  if (!lesson) throw new NotFoundError('That lesson does not exist.');
  const m = await CourseModule.findById(lesson.module, { slug: 1, title: 1 }).lean();
  return {
    id: String(lesson._id),
    moduleId: String(lesson.module),
    moduleSlug: m?.slug ?? '',
    moduleTitle: m?.title ?? '',
    slug: lesson.slug,
    version: lesson.version,
    publishedRevision: lesson.publishedRevision,
    hasUnpublishedChanges: lesson.draftHash !== lesson.publishedHash,
    draft: normalizeContent(lesson.draft),
  };
}

/** Creates a draft lesson (not visible to learners until published) at the end of a module. */
export async function createLessonInModule(moduleId: string, input: { slug: string; title: string }): Promise<LessonDoc> {
  const m = await getModuleForEditing(moduleId);
  if (await Lesson.exists({ programme: m.programme, slug: input.slug })) throw new ConflictError(`A lesson with the id "${input.slug}" already exists in this programme.`);
  const last = await Lesson.findOne({ module: m._id }).sort({ order: -1 }).lean();
  const content: LessonContent = { title: input.title, minutes: null, blocks: [{ id: 'text-1', type: 'text', markdown: '' }], translations: {} };
  return createLesson({ programme: m.programme, module: m._id, slug: input.slug, order: (last?.order ?? 0) + 1, content });
}

/** Moves a lesson one place up or down within its module. */
export async function moveLesson(lessonId: string, direction: 'up' | 'down'): Promise<void> {
  const lesson = await getLessonForEditing(lessonId);
  await moveAmong(Lesson, { module: lesson.moduleId }, lessonId, direction);
}

/** Deletes a lesson with its revisions (its stored files stay until a clean-up job exists). */
export async function deleteLesson(lessonId: string): Promise<void> {
  const lesson = await getLessonForEditing(lessonId);
  await Lesson.deleteOne({ _id: lesson.id });
  await LessonRevision.deleteMany({ lesson: lesson.id });
  invalidateLesson(lesson.id);
}

/**
 * Whether another lesson of the programme already uses `blockId` (quiz, assignment, resource and
 * reflection ids are programme-wide: progress and submissions refer to them).
 */
export async function isBlockIdUsedElsewhere(lessonId: string, blockId: string): Promise<boolean> {
  const lesson = await Lesson.findById(lessonId, { programme: 1 }).lean();
  if (!lesson) throw new NotFoundError('That lesson does not exist.');
  const used = await Lesson.exists({
    programme: lesson.programme,
    _id: { $ne: lesson._id },
    $or: [{ 'draft.blocks.id': blockId }, { 'published.blocks.id': blockId }],
  });
  return Boolean(used);
}

/** Moves a lesson to the end of another module of the same programme (its slug and progress stay). */
export async function moveLessonToModule(lessonId: string, moduleId: string): Promise<void> {
  const lesson = await getLessonForEditing(lessonId);
  const target = await getModuleForEditing(moduleId);
  const source = await getModuleForEditing(lesson.moduleId);
  if (!target.programme.equals(source.programme)) throw new BadRequestError('That module belongs to another programme.');
  if (target._id.equals(source._id)) return;
  const last = await Lesson.findOne({ module: target._id }).sort({ order: -1 }).lean();
  await Lesson.updateOne({ _id: lesson.id }, { $set: { module: target._id, order: (last?.order ?? 0) + 1 } });
}

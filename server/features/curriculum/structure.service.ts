/**
 * WRITE SERVICE for the programme's structure (used by authoring): modules and lessons created,
 * renamed, reordered, moved and deleted, at once. Lesson CONTENT goes through lesson-store.service.ts
 * and module TEXTS through module-publishing.service.ts (drafts, publish, revisions). Slugs of
 * published things never change: progress and submissions key on them.
 */
import { Types } from 'mongoose';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { normalizeContent } from './content-hash.js';
import type { LessonContent } from './content.schemas.js';
import { LessonRevision } from './lesson-revision.model.js';
import { createLesson } from './lesson-store.service.js';
import { Lesson, type LessonDoc } from './lesson.model.js';
import { CourseModule, type ModuleDoc } from './module.model.js';
import { ModuleRevision } from './outline-revision.model.js';
import { Programme } from './programme.model.js';
import { invalidateLesson } from './render-cache.js';

export interface ModuleInput {
  slug: string;
  title: string;
  intro: string;
  outcomes: string[];
  effortHours: number;
  prerequisites: string[];
}

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

export interface StructureModule {
  id: string;
  slug: string;
  order: number;
  /** The draft title when one is pending (authors see their latest text). */
  title: string;
  /** Created in authoring and never published: learners do not see it. */
  neverPublished: boolean;
  /** Published, with a draft of its texts waiting to be published. */
  hasUnpublishedChanges: boolean;
  publishedRevision: number;
  effortHours: number;
  prerequisites: string[];
  lessons: Array<{ id: string; slug: string; order: number; title: string; publishedRevision: number; hasUnpublishedChanges: boolean; blockCount: number }>;
}

const isId = (id: string) => Types.ObjectId.isValid(id);

/** The programme being authored: the first one (by order). */
function firstProgramme() {
  return Programme.findOne().sort({ order: 1, slug: 1 });
}

/** The first programme, created empty on the first module of an empty database. */
async function ensureProgramme() {
  return (await firstProgramme()) ?? Programme.create({ slug: 'programme', title: 'New programme', summary: '', description: '' });
}

/** Every module (drafts included) with its lessons, for the authoring overview. */
export async function listStructure(): Promise<{ programme: { id: string; slug: string; title: string; hasUnpublishedChanges: boolean }; modules: StructureModule[] }> {
  const programme = await firstProgramme();
  if (!programme) return { programme: { id: '', slug: '', title: 'No programme yet', hasUnpublishedChanges: false }, modules: [] };
  const modules = await CourseModule.find({ programme: programme._id }).sort({ order: 1 }).lean();
  const lessons = await Lesson.find({ programme: programme._id }, { slug: 1, order: 1, module: 1, draft: 1, publishedRevision: 1, draftHash: 1, publishedHash: 1 }).sort({ order: 1 }).lean();
  return {
    programme: { id: String(programme._id), slug: programme.slug, title: programme.draft?.title ?? programme.title, hasUnpublishedChanges: Boolean(programme.draft) },
    modules: modules.map((m) => ({
      id: String(m._id),
      slug: m.slug,
      order: m.order,
      title: m.draft?.title ?? m.title,
      neverPublished: m.neverPublished === true,
      hasUnpublishedChanges: m.neverPublished !== true && Boolean(m.draft),
      publishedRevision: m.publishedRevision ?? 0,
      effortHours: m.draft?.effortHours ?? m.effortHours,
      prerequisites: m.draft?.prerequisites ?? m.prerequisites,
      lessons: lessons
        .filter((l) => l.module.equals(m._id))
        .map((l) => ({ id: String(l._id), slug: l.slug, order: l.order, title: l.draft.title, publishedRevision: l.publishedRevision, hasUnpublishedChanges: l.draftHash !== l.publishedHash, blockCount: l.draft.blocks.length })),
    })),
  };
}

/** A module for its edit form. */
export async function getModuleForEditing(moduleId: string): Promise<ModuleDoc> {
  const m = isId(moduleId) ? await CourseModule.findById(moduleId) : null;
  if (!m) throw new NotFoundError('That module does not exist.');
  return m;
}

/** Refuses a prerequisite that is the module itself or not a module of the programme. */
export async function checkPrerequisites(programme: Types.ObjectId, slug: string, prerequisites: string[]): Promise<void> {
  if (prerequisites.includes(slug)) throw new BadRequestError('A module cannot be its own prerequisite.');
  const known = await CourseModule.countDocuments({ programme, slug: { $in: prerequisites } });
  if (known !== new Set(prerequisites).size) throw new BadRequestError('A prerequisite is not a module of this programme.');
}

/** Creates a module at the end of the programme, as a draft learners do not see until published. */
export async function createModule(input: ModuleInput): Promise<ModuleDoc> {
  const programme = await ensureProgramme();
  if (await CourseModule.exists({ programme: programme._id, slug: input.slug })) throw new ConflictError(`A module with the id "${input.slug}" already exists.`);
  await checkPrerequisites(programme._id, input.slug, input.prerequisites);
  const last = await CourseModule.findOne({ programme: programme._id }).sort({ order: -1 }).lean();
  const { slug, ...fields } = input;
  // The top-level (published) texts are required by the schema; neverPublished hides them.
  return CourseModule.create({ ...fields, slug, draft: fields, neverPublished: true, programme: programme._id, order: (last?.order ?? 0) + 1 });
}

/**
 * Changes a module's id (slug) at once, only while none of its lessons is published (so learners
 * cannot see the module yet); prerequisites naming it, published or draft, follow the new id.
 */
export async function renameModule(moduleId: string, slug: string): Promise<void> {
  const m = await getModuleForEditing(moduleId);
  if (slug === m.slug) return;
  if (await Lesson.exists({ module: m._id, publishedRevision: { $gt: 0 } })) throw new ConflictError('The id of a module with published lessons cannot change (progress depends on it).');
  if (await CourseModule.exists({ programme: m.programme, slug })) throw new ConflictError(`A module with the id "${slug}" already exists.`);
  await CourseModule.updateOne({ _id: m._id }, { $set: { slug } });
  // Two passes: the positional operator takes one array predicate per update.
  await CourseModule.updateMany({ programme: m.programme, prerequisites: m.slug }, { $set: { 'prerequisites.$': slug } });
  await CourseModule.updateMany({ programme: m.programme, 'draft.prerequisites': m.slug }, { $set: { 'draft.prerequisites.$': slug } });
}

/**
 * Moves an item one place in `direction` (a no-op at either end) and renumbers the list 1..n, so
 * gaps or ties left by imports and deletes disappear. Only changed orders are written.
 */
async function reorder(items: Array<{ _id: Types.ObjectId; order: number }>, id: string, direction: 'up' | 'down', update: (id: Types.ObjectId, order: number) => Promise<unknown>): Promise<void> {
  const index = items.findIndex((i) => String(i._id) === id);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= items.length) return;
  const list = [...items];
  [list[index], list[target]] = [list[target], list[index]];
  for (const [position, item] of list.entries()) if (item.order !== position + 1) await update(item._id, position + 1);
}

/** Moves a module one place up or down. */
export async function moveModule(moduleId: string, direction: 'up' | 'down'): Promise<void> {
  const m = await getModuleForEditing(moduleId);
  const all = await CourseModule.find({ programme: m.programme }, { order: 1 }).sort({ order: 1 }).lean();
  await reorder(all, moduleId, direction, (id, order) => CourseModule.updateOne({ _id: id }, { $set: { order } }));
}

/** Deletes an empty module; one with lessons is refused (progress and submissions hang on them). */
export async function deleteModule(moduleId: string): Promise<void> {
  const m = await getModuleForEditing(moduleId);
  if (await Lesson.exists({ module: m._id })) throw new ConflictError('Delete or move the module’s lessons first.');
  const namedBy = { programme: m.programme, $or: [{ prerequisites: m.slug }, { 'draft.prerequisites': m.slug }] };
  if (await CourseModule.exists(namedBy)) throw new ConflictError('Another module names this one as a prerequisite; remove that first.');
  await m.deleteOne();
  await ModuleRevision.deleteMany({ owner: m._id });
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
  const all = await Lesson.find({ module: lesson.moduleId }, { order: 1 }).sort({ order: 1 }).lean();
  await reorder(all, lessonId, direction, (id, order) => Lesson.updateOne({ _id: id }, { $set: { order } }));
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

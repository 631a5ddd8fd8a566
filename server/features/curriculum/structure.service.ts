/**
 * WRITE SERVICE for the programme's structure (used by authoring): the overview, and modules
 * created, renamed, reordered and deleted, at once; lessons' place in it is in
 * lesson-structure.service.ts. Module TEXTS go through module-publishing.service.ts (drafts,
 * publish, revisions). Slugs of published things never change: progress and submissions key on them.
 */
import { Types, type Model, type QueryFilter } from 'mongoose';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { Lesson } from './lesson.model.js';
import { CourseModule, type ModuleDoc } from './module.model.js';
import { ModuleRevision } from './outline-revision.model.js';
import { Programme } from './programme.model.js';

export interface ModuleInput {
  slug: string;
  title: string;
  intro: string;
  outcomes: string[];
  effortHours: number;
  prerequisites: string[];
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

/** Whether `id` can be a record id: a malformed one is "not found", not a server error. */
export const isId = (id: string) => Types.ObjectId.isValid(id);

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
 * Moves a module or lesson one place in `direction` among the records matching `siblings` (a
 * no-op at either end) and renumbers them 1..n, so gaps or ties left by imports and deletes
 * disappear. Only changed orders are written.
 */
export async function moveAmong<T extends { order: number }>(model: Model<T>, siblings: QueryFilter<T>, id: string, direction: 'up' | 'down'): Promise<void> {
  const items = await model.find(siblings, { order: 1 }).sort({ order: 1 }).lean<Array<{ _id: Types.ObjectId; order: number }>>();
  const index = items.findIndex((i) => String(i._id) === id);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= items.length) return;
  [items[index], items[target]] = [items[target], items[index]];
  for (const [position, item] of items.entries()) if (item.order !== position + 1) await model.updateOne({ _id: item._id }, { $set: { order: position + 1 } });
}

/** Moves a module one place up or down. */
export async function moveModule(moduleId: string, direction: 'up' | 'down'): Promise<void> {
  const m = await getModuleForEditing(moduleId);
  await moveAmong(CourseModule, { programme: m.programme }, moduleId, direction);
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

/**
 * WRITE SERVICE for a module's texts (title, intro, outcomes, effort, prerequisites) through draft
 * and publish, used by authoring and by the importer. Saves go to the draft; publishing (with a
 * change note) makes them what learners see and records a ModuleRevision; restore publishes an old
 * revision again. The module's id (slug) and order are structure, changed at once (structure.service.ts).
 */
import type { Types } from 'mongoose';
import { NotFoundError } from '../../lib/errors.js';
import { renderMarkdown } from '../content/markdown.js';
import type { LessonSummary } from './curriculum.types.js';
import type { RevisionMeta } from './lesson-store.service.js';
import { Lesson } from './lesson.model.js';
import { CourseModule, MODULE_FIELD_KEYS, type ModuleFields } from './module.model.js';
import { ModuleRevision } from './outline-revision.model.js';
import * as outline from './outline-store.service.js';
import type { RevisionSummary } from './revisions.service.js';
import { checkPrerequisites, renameModule, type ModuleInput } from './structure.service.js';

export const MODULE_STALE_MESSAGE = 'This module changed since you opened it.';

const spec: outline.OutlineSpec<ModuleFields> = { noun: 'module', model: CourseModule, revisions: ModuleRevision, keys: MODULE_FIELD_KEYS, staleMessage: MODULE_STALE_MESSAGE };

export interface EditableModule extends outline.OutlineState<ModuleFields> {
  slug: string;
  programme: Types.ObjectId;
}

/** A module's published and draft texts with its version, for the edit form. */
export async function getModuleDraft(moduleId: string): Promise<EditableModule> {
  const state = await outline.loadOutline(spec, moduleId);
  const m = await CourseModule.findById(state.id, { slug: 1, programme: 1 }).lean();
  if (!m) throw new NotFoundError('That module does not exist.');
  return { ...state, slug: m.slug, programme: m.programme };
}

/**
 * Saves the form: the texts go to the draft; a changed id (allowed only while no lesson is
 * published, so learners cannot see the module) applies at once. Returns the new version.
 */
export async function saveModuleDraft(moduleId: string, expectedVersion: number, input: ModuleInput): Promise<number> {
  const m = await getModuleDraft(moduleId);
  // Checked before the rename so a stale form changes nothing at all.
  if (m.version !== expectedVersion) throw outline.staleOutline(spec);
  await checkPrerequisites(m.programme, input.slug, input.prerequisites);
  if (input.slug !== m.slug) await renameModule(moduleId, input.slug);
  const { slug: _slug, ...fields } = input;
  return outline.saveOutlineDraft(spec, moduleId, expectedVersion, fields);
}

/** Publishes the module's draft with the author's change note; returns the revision number. */
export function publishModule(moduleId: string, expectedVersion: number, note: string, author: { id: string; name: string }): Promise<number> {
  return outline.publishOutlineDraft(spec, moduleId, expectedVersion, note, author);
}

/**
 * For the importer: makes `fields` the module's published texts and records a revision with
 * `meta` (e.g. kind 'import', note "Imported from files"). Call it after creating or updating the
 * module; it writes nothing when the texts are already published as they are. Returns the
 * current revision number.
 */
export function publishModuleFields(moduleId: string | Types.ObjectId, fields: ModuleFields, meta: RevisionMeta): Promise<number> {
  return outline.publishImportedOutline(spec, moduleId, fields, meta);
}

/** Revisions of a module, newest first. */
export function listModuleRevisions(moduleId: string): Promise<RevisionSummary[]> {
  return outline.listOutlineRevisions(spec, moduleId);
}

/** One revision of a module with its texts. */
export function getModuleRevision(moduleId: string, number: number): Promise<RevisionSummary & { fields: ModuleFields }> {
  return outline.getOutlineRevision(spec, moduleId, number);
}

/** Publishes an old revision's texts again as a new revision (guarded by the form's version). */
export function restoreModuleRevision(moduleId: string, number: number, expectedVersion: number, author: { id: string; name: string }): Promise<{ revision: number }> {
  return outline.restoreOutlineRevision(spec, moduleId, number, expectedVersion, author);
}

/** What the module page will show learners once the draft is published. */
export interface ModulePreview {
  module: EditableModule;
  introHtml: string;
  /** The module's published lessons (drafts are not shown to learners either). */
  lessons: Pick<LessonSummary, 'slug' | 'title'>[];
  /** 1-based place among the programme's modules, and how many there are. */
  position: number;
  moduleCount: number;
}

/** The module page as learners would see it with the draft texts: intro rendered, published lessons. */
export async function previewModule(moduleId: string): Promise<ModulePreview> {
  const m = await getModuleDraft(moduleId);
  const lessons = await Lesson.find({ module: m.id, publishedRevision: { $gt: 0 } }, { slug: 1, 'published.title': 1 })
    .sort({ order: 1 })
    .lean<Array<{ slug: string; published: { title: string } | null }>>();
  const siblings = await CourseModule.find({ programme: m.programme }, { _id: 1 }).sort({ order: 1 }).lean();
  return {
    module: m,
    introHtml: renderMarkdown(m.draft.intro).html,
    lessons: lessons.map((l) => ({ slug: l.slug, title: l.published?.title ?? l.slug })),
    position: siblings.findIndex((s) => String(s._id) === m.id) + 1,
    moduleCount: siblings.length,
  };
}

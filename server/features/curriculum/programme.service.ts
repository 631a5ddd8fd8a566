/**
 * WRITE SERVICE for the programme's own texts (title, summary, description) through draft and
 * publish, used by authoring and by the importer. Saves go to the draft; publishing (with a change
 * note) makes them what learners see (the programme title on dashboards and certificates included)
 * and records a ProgrammeRevision; restore publishes an old revision again.
 */
import type { Types } from 'mongoose';
import { NotFoundError } from '../../lib/errors.js';
import { renderMarkdown } from '../content/markdown.js';
import type { RevisionMeta } from './lesson-store.service.js';
import { ProgrammeRevision } from './outline-revision.model.js';
import * as outline from './outline-store.service.js';
import { PROGRAMME_FIELD_KEYS, Programme, type ProgrammeFields } from './programme.model.js';
import type { RevisionSummary } from './revisions.service.js';

export type ProgrammeInput = ProgrammeFields;
export const PROGRAMME_STALE_MESSAGE = 'The programme changed since you opened it.';

const spec: outline.OutlineSpec<ProgrammeFields> = { noun: 'programme', model: Programme, revisions: ProgrammeRevision, keys: PROGRAMME_FIELD_KEYS, staleMessage: PROGRAMME_STALE_MESSAGE };

export interface EditableProgramme extends outline.OutlineState<ProgrammeFields> {
  slug: string;
}

/** The programme being authored: the first one (by order). */
async function editedProgramme(): Promise<{ id: string; slug: string }> {
  const p = await Programme.findOne({}, { slug: 1 }).sort({ order: 1, slug: 1 }).lean();
  if (!p) throw new NotFoundError('There is no programme yet: create a module first.');
  return { id: String(p._id), slug: p.slug };
}

/** The programme being authored (the first one) with its published and draft texts, or NotFoundError. */
export async function getProgrammeForEditing(): Promise<EditableProgramme> {
  const { id, slug } = await editedProgramme();
  return { ...(await outline.loadOutline(spec, id)), slug };
}

/** Saves the programme's texts as a draft if nobody saved since `expectedVersion`; returns the new version. */
export async function saveProgrammeDraft(expectedVersion: number, input: ProgrammeInput): Promise<number> {
  return outline.saveOutlineDraft(spec, (await editedProgramme()).id, expectedVersion, input);
}

/** Publishes the programme's draft with the author's change note; returns the revision number. */
export async function publishProgramme(expectedVersion: number, note: string, author: { id: string; name: string }): Promise<number> {
  return outline.publishOutlineDraft(spec, (await editedProgramme()).id, expectedVersion, note, author);
}

/**
 * For the importer: makes `fields` the programme's published texts (a pending draft is replaced)
 * and records a revision with `meta`; writes nothing when they are already published as they are.
 * Returns the current revision number.
 */
export function publishProgrammeFields(programmeId: string | Types.ObjectId, fields: ProgrammeFields, meta: RevisionMeta): Promise<number> {
  return outline.publishImportedOutline(spec, programmeId, fields, meta);
}

/** Revisions of the programme being authored, newest first. */
export async function listProgrammeRevisions(): Promise<RevisionSummary[]> {
  return outline.listOutlineRevisions(spec, (await editedProgramme()).id);
}

/** One revision of the programme with its texts. */
export async function getProgrammeRevision(number: number): Promise<RevisionSummary & { fields: ProgrammeFields }> {
  return outline.getOutlineRevision(spec, (await editedProgramme()).id, number);
}

/** Publishes an old revision's texts again as a new revision (guarded by the form's version). */
export async function restoreProgrammeRevision(number: number, expectedVersion: number, author: { id: string; name: string }): Promise<{ revision: number }> {
  return outline.restoreOutlineRevision(spec, (await editedProgramme()).id, number, expectedVersion, author);
}

/** The programme's draft description rendered as learners would get it. */
export async function previewProgramme(): Promise<{ programme: EditableProgramme; descriptionHtml: string }> {
  const programme = await getProgrammeForEditing();
  return { programme, descriptionHtml: renderMarkdown(programme.draft.description).html };
}

/**
 * WRITE SERVICE for the programme's own texts (title, summary, description) through draft and
 * publish, used by authoring and by the importer. Saves go to the draft; publishing (with a change
 * note) makes them what learners see (the programme title on dashboards and certificates included)
 * and records a ProgrammeRevision; restore publishes an old revision again.
 */
import type { Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { renderMarkdown } from '../content/markdown.js';
import type { RevisionMeta } from './lesson-store.service.js';
import { ProgrammeRevision } from './outline-revision.model.js';
import {
  getOutlineRevision,
  listOutlineRevisions,
  loadOutline,
  publishOutline,
  restoreOutlineRevision,
  sameFields,
  saveOutlineDraft,
  type OutlineSpec,
  type OutlineState,
} from './outline-store.service.js';
import { PROGRAMME_FIELD_KEYS, Programme, type ProgrammeFields } from './programme.model.js';
import type { RevisionSummary } from './revisions.service.js';

export type ProgrammeInput = ProgrammeFields;
export const PROGRAMME_STALE_MESSAGE = 'The programme changed since you opened it.';

const spec: OutlineSpec<ProgrammeFields> = {
  model: Programme,
  revisions: ProgrammeRevision,
  keys: PROGRAMME_FIELD_KEYS,
  staleMessage: PROGRAMME_STALE_MESSAGE,
  staleCode: 'stale_programme',
  missingMessage: 'That programme does not exist.',
};

export interface EditableProgramme extends OutlineState<ProgrammeFields> {
  slug: string;
}

/** The programme being authored (the first one) with its published and draft texts, or NotFoundError. */
export async function getProgrammeForEditing(): Promise<EditableProgramme> {
  const p = await Programme.findOne({}, { slug: 1 }).sort({ order: 1, slug: 1 }).lean();
  if (!p) throw new NotFoundError('There is no programme yet: create a module first.');
  return { ...(await loadOutline(spec, p._id)), slug: p.slug };
}

/** Saves the programme's texts as a draft if nobody saved since `expectedVersion`; returns the new version. */
export async function saveProgrammeDraft(expectedVersion: number, input: ProgrammeInput): Promise<number> {
  const current = await getProgrammeForEditing();
  return saveOutlineDraft(spec, current.id, expectedVersion, input);
}

/** Publishes the programme's draft with the author's change note; returns the revision number. */
export async function publishProgramme(expectedVersion: number, note: string, author: { id: string; name: string }): Promise<number> {
  const current = await getProgrammeForEditing();
  if (current.version !== expectedVersion) throw new ConflictError(PROGRAMME_STALE_MESSAGE, { code: 'stale_programme' });
  if (!current.hasDraft) throw new ConflictError('There are no unpublished changes to publish.');
  return (await publishOutline(spec, current.id, expectedVersion, current.draft, { kind: 'publish', author, note })).revision;
}

/**
 * For the importer: makes `fields` the programme's published texts (a pending draft is replaced)
 * and records a revision with `meta`; writes nothing when they are already published as they are.
 * Returns the current revision number.
 */
export async function publishProgrammeFields(programmeId: string | Types.ObjectId, fields: ProgrammeFields, meta: RevisionMeta): Promise<number> {
  const p = await loadOutline(spec, programmeId);
  if (p.publishedRevision > 0 && sameFields(spec, p.published, fields)) return p.publishedRevision;
  return (await publishOutline(spec, programmeId, null, fields, meta)).revision;
}

/** Revisions of the programme being authored, newest first. */
export async function listProgrammeRevisions(): Promise<RevisionSummary[]> {
  return listOutlineRevisions(spec, (await getProgrammeForEditing()).id);
}

/** One revision of the programme with its texts. */
export async function getProgrammeRevision(number: number): Promise<RevisionSummary & { fields: ProgrammeFields }> {
  return getOutlineRevision(spec, (await getProgrammeForEditing()).id, number);
}

/** Publishes an old revision's texts again as a new revision (guarded by the form's version). */
export async function restoreProgrammeRevision(number: number, expectedVersion: number, author: { id: string; name: string }): Promise<{ revision: number }> {
  return restoreOutlineRevision(spec, (await getProgrammeForEditing()).id, number, expectedVersion, author);
}

/** The programme's draft description rendered as learners would get it. */
export async function previewProgramme(): Promise<{ programme: EditableProgramme; descriptionHtml: string }> {
  const programme = await getProgrammeForEditing();
  return { programme, descriptionHtml: renderMarkdown(programme.draft.description).html };
}

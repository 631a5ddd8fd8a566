/**
 * Draft and publish for the short texts of modules and of the programme ("outline" fields), the
 * same way lesson-store.service.ts does it for lesson content. The published copy stays in the
 * record's top-level fields (what learners, the importer and the exporter read); unpublished
 * edits wait in `draft` (null = nothing pending). `version` counts draft saves and publishes and
 * is the edit form's concurrency token; `publishedRevision` is the number of the latest revision.
 * Writes are conditional on `version`, so a stale form can never overwrite a newer save.
 */
import { Types, type Model } from 'mongoose';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { canonicalJson } from './content-hash.js';
import type { RevisionMeta } from './lesson-store.service.js';
import type { OutlineRevisionAttrs } from './outline-revision.model.js';
import type { RevisionSummary } from './revisions.service.js';

/** Note of the revision that keeps texts published before revisions were recorded. */
export const BASELINE_NOTE = 'Published before revisions were recorded';

/** What differs between modules and the programme. */
export interface OutlineSpec<F> {
  /** 'module' or 'programme': names the error code (stale_module) and the not-found message. */
  noun: 'module' | 'programme';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- CourseModule and Programme share the draft fields, but mongoose Model generics do not unify
  model: Model<any>;
  revisions: Model<OutlineRevisionAttrs>;
  keys: readonly (keyof F & string)[];
  staleMessage: string;
}

type Author = { id: string; name: string };

/** A record's published and draft texts with its versions. */
export interface OutlineState<F> {
  id: string;
  version: number;
  publishedRevision: number;
  neverPublished: boolean;
  published: F;
  /** The texts the author edits: the draft when one is pending, else the published copy. */
  draft: F;
  /** Whether there is something to publish (unpublished changes, or never published). */
  hasDraft: boolean;
}

function pick<F>(spec: OutlineSpec<F>, source: Record<string, unknown>): F {
  const out: Record<string, unknown> = {};
  for (const key of spec.keys) out[key] = source[key];
  return JSON.parse(JSON.stringify(out)) as F;
}

/** Whether two sets of fields are the same text (key order and array copies do not matter). */
function sameFields<F>(spec: OutlineSpec<F>, a: F, b: F): boolean {
  return canonicalJson(pick(spec, a as Record<string, unknown>)) === canonicalJson(pick(spec, b as Record<string, unknown>));
}

// Records written before drafts existed have no `version`: they count as version 1. Writes then
// $set version to expected + 1 (an $inc of a missing field would give 1, not 2).
function versionFilter(expected: number): Record<string, unknown> {
  return expected === 1 ? { $or: [{ version: 1 }, { version: { $exists: false } }] } : { version: expected };
}

const missing = <F>(spec: OutlineSpec<F>) => new NotFoundError(`That ${spec.noun} does not exist.`);

/** The ConflictError of a form opened before someone else's save or publish. */
export function staleOutline<F>(spec: OutlineSpec<F>): ConflictError {
  return new ConflictError(spec.staleMessage, { code: `stale_${spec.noun}` });
}

function objectId<F>(spec: OutlineSpec<F>, id: string | Types.ObjectId): Types.ObjectId {
  if (!Types.ObjectId.isValid(id)) throw missing(spec);
  return new Types.ObjectId(id);
}

/** The record's texts and versions, or NotFoundError. */
export async function loadOutline<F>(spec: OutlineSpec<F>, id: string | Types.ObjectId): Promise<OutlineState<F>> {
  const doc = (await spec.model.findById(objectId(spec, id)).lean()) as Record<string, unknown> | null;
  if (!doc) throw missing(spec);
  const published = pick(spec, doc);
  const draft = doc.draft ? pick(spec, doc.draft as Record<string, unknown>) : published;
  const neverPublished = doc.neverPublished === true;
  return {
    id: String(doc._id),
    version: (doc.version as number | undefined) ?? 1,
    publishedRevision: (doc.publishedRevision as number | undefined) ?? 0,
    neverPublished,
    published,
    draft,
    hasDraft: neverPublished || Boolean(doc.draft),
  };
}

async function staleOrMissing<F>(spec: OutlineSpec<F>, id: Types.ObjectId): Promise<Error> {
  return (await spec.model.exists({ _id: id })) ? staleOutline(spec) : missing(spec);
}

/** Saves `fields` as the draft if nobody saved since `expectedVersion`; returns the new version. */
export async function saveOutlineDraft<F>(spec: OutlineSpec<F>, id: string, expectedVersion: number, fields: F): Promise<number> {
  const current = await loadOutline(spec, id);
  // A draft equal to what learners already see is no draft: the status goes back to "published".
  const draft = current.neverPublished || !sameFields(spec, fields, current.published) ? pick(spec, fields as Record<string, unknown>) : null;
  const _id = objectId(spec, id);
  const updated = await spec.model
    .findOneAndUpdate({ _id, ...versionFilter(expectedVersion) }, { $set: { draft, version: expectedVersion + 1 } }, { returnDocument: 'after', projection: { version: 1 } })
    .lean();
  if (!updated) throw await staleOrMissing(spec, _id);
  return (updated as { version: number }).version;
}

/**
 * Makes `fields` the published texts (draft cleared) and records a revision; returns its number.
 * `expectedVersion` null means "whatever the current version is" (import). A record published
 * before revisions existed first gets its old texts kept as revision 1, so history shows the change.
 */
export async function publishOutline<F>(
  spec: OutlineSpec<F>,
  id: string | Types.ObjectId,
  expectedVersion: number | null,
  fields: F,
  meta: RevisionMeta,
): Promise<{ revision: number; version: number }> {
  const current = await loadOutline(spec, id);
  const _id = objectId(spec, id);
  const baseline = current.publishedRevision === 0 && !current.neverPublished && !sameFields(spec, current.published, fields);
  const number = (baseline ? 1 : current.publishedRevision) + 1;
  const published = pick(spec, fields as Record<string, unknown>);
  const expected = expectedVersion ?? current.version;
  const updated = await spec.model
    .findOneAndUpdate(
      { _id, ...versionFilter(expected) },
      { $set: { ...published, draft: null, neverPublished: false, publishedRevision: number, publishedAt: new Date(), version: expected + 1 } },
      { returnDocument: 'after', projection: { version: 1 } },
    )
    .lean();
  if (!updated) throw await staleOrMissing(spec, _id);
  if (baseline) await recordRevision(spec, _id, 1, current.published, { kind: 'import', note: BASELINE_NOTE, author: null });
  await recordRevision(spec, _id, number, published, meta);
  return { revision: number, version: (updated as { version: number }).version };
}

/** Publishes the pending draft with the author's change note; returns the revision number. */
export async function publishOutlineDraft<F>(spec: OutlineSpec<F>, id: string, expectedVersion: number, note: string, author: Author): Promise<number> {
  const current = await loadOutline(spec, id);
  if (current.version !== expectedVersion) throw staleOutline(spec);
  if (!current.hasDraft) throw new ConflictError('There are no unpublished changes to publish.');
  return (await publishOutline(spec, id, expectedVersion, current.draft, { kind: 'publish', author, note })).revision;
}

/**
 * For the importer: makes `fields` the published texts (a pending draft is replaced, as import
 * does for lessons) and records a revision with `meta`; writes nothing when they are already
 * published as they are. Returns the current revision number.
 */
export async function publishImportedOutline<F>(spec: OutlineSpec<F>, id: string | Types.ObjectId, fields: F, meta: RevisionMeta): Promise<number> {
  const current = await loadOutline(spec, id);
  // A module created in the browser and never published gets published even if its texts match.
  if (current.publishedRevision > 0 && !current.neverPublished && sameFields(spec, current.published, fields)) return current.publishedRevision;
  return (await publishOutline(spec, id, null, fields, meta)).revision;
}

async function recordRevision<F>(spec: OutlineSpec<F>, owner: Types.ObjectId, number: number, fields: F, meta: RevisionMeta): Promise<void> {
  await spec.revisions.create({
    owner,
    number,
    kind: meta.kind,
    fields: fields as Record<string, unknown>,
    author: meta.author ? new Types.ObjectId(meta.author.id) : null,
    authorName: meta.author?.name ?? '',
    note: meta.note,
  });
}

/** Revisions of a record, newest first. */
export async function listOutlineRevisions<F>(spec: OutlineSpec<F>, id: string): Promise<RevisionSummary[]> {
  const rows = await spec.revisions.find({ owner: objectId(spec, id) }, { fields: 0 }).sort({ number: -1 }).lean();
  return rows.map((r) => ({ number: r.number, kind: r.kind, authorName: r.authorName, note: r.note, createdAt: r.createdAt }));
}

/** One revision with its texts, or NotFoundError. */
export async function getOutlineRevision<F>(spec: OutlineSpec<F>, id: string, number: number): Promise<RevisionSummary & { fields: F }> {
  const r = await spec.revisions.findOne({ owner: objectId(spec, id), number }).lean();
  if (!r) throw new NotFoundError('That revision does not exist.');
  return { number: r.number, kind: r.kind, authorName: r.authorName, note: r.note, createdAt: r.createdAt, fields: pick(spec, r.fields) };
}

/** Publishes revision `number`'s texts again as a new revision (history is never rewritten). */
export async function restoreOutlineRevision<F>(
  spec: OutlineSpec<F>,
  id: string,
  number: number,
  expectedVersion: number,
  author: Author,
): Promise<{ revision: number }> {
  const old = await getOutlineRevision(spec, id, number);
  const { revision } = await publishOutline(spec, id, expectedVersion, old.fields, { kind: 'restore', author, note: `Restored revision ${number}` });
  return { revision };
}

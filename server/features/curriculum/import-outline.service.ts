/**
 * The import's writes of the programme's and modules' texts. They go through draft and publish
 * like an author's edits (publishProgrammeFields / publishModuleFields), so each change the files
 * bring is a revision "Imported from files" in the history. Whether to write follows the same rule
 * as for lessons (import-decision.ts): an unchanged file leaves browser edits alone; a changed file
 * wins. A module's id and order are structure and follow the files at once.
 */
import type { Types } from 'mongoose';
import type { ParsedModule, ParsedProgramme } from './files/read-programme.js';
import { decideImport, IMPORT_NOTE, textsHash, type ImportDecision } from './import-decision.js';
import { moduleTextsHash } from './import-removal.service.js';
import { publishModuleFields } from './module-publishing.service.js';
import { CourseModule, type ModuleFields } from './module.model.js';
import { publishProgrammeFields } from './programme.service.js';
import { Programme, type ProgrammeFields } from './programme.model.js';

const IMPORT_META = { kind: 'import' as const, note: IMPORT_NOTE, author: null };

export interface OutlineOutcome {
  id: Types.ObjectId;
  /** Browser work left alone ('kept') or replaced by the file ('overwritten'). */
  report?: ImportDecision['report'];
}

interface StoredTexts {
  importedHash?: string | null;
  draft?: object | null;
  neverPublished?: boolean;
  publishedRevision?: number;
}

/**
 * Applies the decision to one stored record: publishes the file's texts when they win, records
 * the import hash (never a change of the record: no timestamp), and gives texts published before
 * revisions existed their first revision when the file still matches them.
 */
async function syncTexts<F>(
  existing: StoredTexts & { _id: Types.ObjectId },
  fields: F,
  hashes: { file: string; published: string | null; draft: string | null },
  publish: (id: Types.ObjectId, fields: F) => Promise<unknown>,
  recordImported: (hash: string) => Promise<unknown>,
): Promise<ImportDecision> {
  const decision = decideImport(hashes.file, { imported: existing.importedHash ?? null, published: hashes.published, draft: hashes.draft });
  const matches = hashes.published === hashes.file;
  if (decision.write || (matches && !existing.draft && !existing.publishedRevision)) await publish(existing._id, fields);
  if ((decision.write || matches) && existing.importedHash !== hashes.file) await recordImported(hashes.file);
  return decision;
}

/** Creates the programme or brings its texts in line with the file (see the file comment). */
export async function upsertProgramme(p: ParsedProgramme, order: number): Promise<OutlineOutcome> {
  const fields: ProgrammeFields = { title: p.title, summary: p.summary, description: p.description };
  const file = textsHash(fields);
  const record = (id: Types.ObjectId) => (hash: string) => Programme.updateOne({ _id: id }, { $set: { importedHash: hash } }, { timestamps: false });
  const existing = await Programme.findOne({ slug: p.slug }).lean();
  if (!existing) {
    const created = await Programme.create({ slug: p.slug, order, ...fields });
    await publishProgrammeFields(created._id, fields, IMPORT_META);
    await record(created._id)(file);
    return { id: created._id };
  }
  const hashes = { file, published: textsHash(pickProgramme(existing)), draft: existing.draft ? textsHash(pickProgramme(existing.draft)) : null };
  const decision = await syncTexts(existing, fields, hashes, (id, f) => publishProgrammeFields(id, f, IMPORT_META), record(existing._id));
  return { id: existing._id, report: decision.report };
}

function pickProgramme(p: ProgrammeFields): ProgrammeFields {
  return { title: p.title, summary: p.summary, description: p.description };
}

/** Creates the module or brings its order and texts in line with the file (see the file comment). */
export async function upsertModule(programme: Types.ObjectId, m: ParsedModule): Promise<OutlineOutcome> {
  const fields: ModuleFields = { title: m.title, intro: m.intro, outcomes: m.outcomes, effortHours: m.effortHours, prerequisites: m.prerequisites };
  const file = moduleTextsHash(fields);
  const record = (id: Types.ObjectId) => (hash: string) => CourseModule.updateOne({ _id: id }, { $set: { importedHash: hash } }, { timestamps: false });
  const existing = await CourseModule.findOne({ programme, slug: m.slug }).lean();
  if (!existing) {
    const created = await CourseModule.create({ programme, slug: m.slug, order: m.order, ...fields });
    await publishModuleFields(created._id, fields, IMPORT_META);
    await record(created._id)(file);
    return { id: created._id };
  }
  if (existing.order !== m.order) await CourseModule.updateOne({ _id: existing._id }, { $set: { order: m.order } });
  // A module made in the browser and never published has nothing learners see yet.
  const hashes = { file, published: existing.neverPublished ? null : moduleTextsHash(existing), draft: existing.draft ? moduleTextsHash(existing.draft) : null };
  const decision = await syncTexts(existing, fields, hashes, (id, f) => publishModuleFields(id, f, IMPORT_META), record(existing._id));
  return { id: existing._id, report: decision.report };
}

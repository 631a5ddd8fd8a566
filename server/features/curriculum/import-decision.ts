/**
 * What a re-import does with one lesson, module or programme that already exists, decided from
 * hashes alone. Files are the reviewed source, but authors also edit in the browser, so:
 * - the file did not change since the last import (its hash equals `imported`): whatever differs
 *   in the database was done in the browser and stays ("kept");
 * - the file changed: it wins and is published, and when that replaces browser work (a published
 *   browser edit, or a pending draft that differs from the file) the import says so ("overwritten").
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './content-hash.js';

export interface ImportedState {
  /** Hash of what the last import wrote (null: never imported, or imported before hashes were kept). */
  imported: string | null;
  /** Hash of what learners see (null: never published). */
  published: string | null;
  /** Hash of a pending draft that differs from the published copy (null: nothing pending). */
  draft: string | null;
}

export interface ImportDecision {
  /** Publish the file's content. */
  write: boolean;
  /** What to tell the person importing: browser work left alone, or replaced by the file. */
  report?: 'kept' | 'overwritten';
}

/** Decides a re-import from the file's hash and the stored hashes (see the file comment). */
export function decideImport(file: string, state: ImportedState): ImportDecision {
  const pendingElsewhere = state.draft !== null && state.draft !== file;
  if (state.published === file) return pendingElsewhere ? { write: false, report: 'kept' } : { write: false };
  if (state.imported === file) return { write: false, report: 'kept' };
  // Without an import hash nobody can tell a browser publish from an older import: only a
  // pending draft counts as browser work then.
  const browserPublished = state.imported !== null && state.published !== state.imported;
  return pendingElsewhere || browserPublished ? { write: true, report: 'overwritten' } : { write: true };
}

/** sha256 of a record's texts in canonical form (what `importedHash` holds for modules and programmes). */
export function textsHash(texts: object): string {
  return createHash('sha256').update(canonicalJson(JSON.parse(JSON.stringify(texts)))).digest('hex');
}

/** The change note of every revision an import records. */
export const IMPORT_NOTE = 'Imported from files';

/** How the import reports a record it left alone because the browser changed it and the file did not. */
export const KEPT_BROWSER = 'changed in the browser since the last import; the file did not change, so the browser version stays';

/**
 * The single-statement update logic shared by `update` and `findAndModify`: compile the update
 * once, apply it to one stored document, or build the upsert document. Everything here is
 * synchronous, so selecting and writing a document cannot interleave with another command.
 */
import type { Collation } from '../bson-order.js';
import { bsonSize, MAX_BSON_SIZE } from '../codec.js';
import { MongoCommandError } from '../errors.js';
import { applyReplacement, applyUpdate, type Applied } from '../query/update-apply.js';
import { isOperatorUpdate, parseUpdate, type UpdateEntry } from '../query/update-parse.js';
import {
  applyPipeline,
  idFirst,
  upsertBase,
  upsertWithOperators,
  upsertWithReplacement,
} from '../query/upsert.js';
import { isDocument } from '../query/values.js';
import type { CollectionStore, Doc } from '../storage/api.js';

export interface CompiledUpdate {
  kind: 'operators' | 'replacement' | 'pipeline';
  entries: UpdateEntry[];
  raw: Doc | Doc[];
}

/** Validates the `u` of an update statement (operator document, replacement or pipeline). */
export function compileUpdate(u: unknown): CompiledUpdate {
  if (Array.isArray(u)) return { kind: 'pipeline', entries: [], raw: u as Doc[] };
  if (!isDocument(u))
    throw new MongoCommandError(
      'FailedToParse',
      'Update argument must be either an object or an array',
    );
  if (isOperatorUpdate(u)) return { kind: 'operators', entries: parseUpdate(u), raw: u };
  // Since 5.0 `$`-prefixed field names are storable (the first key decides operator vs replacement).

  return { kind: 'replacement', entries: [], raw: u };
}

export interface StatementOptions {
  query: Doc;
  arrayFilters?: Doc[];
  collation?: Collation | null;
  /** The command's `let` variables (pipeline updates read them as `$$name`). */
  variables?: Doc;
}

/** The updated version of `doc` (not yet stored). */
export function updatedDoc(doc: Doc, cu: CompiledUpdate, o: StatementOptions): Applied {
  if (cu.kind === 'operators')
    return applyUpdate(doc, cu.entries, {
      query: o.query,
      arrayFilters: o.arrayFilters,
      collation: o.collation,
    });
  if (cu.kind === 'replacement') return applyReplacement(doc, cu.raw as Doc);
  const next = applyPipeline(doc, cu.raw as Doc[], o.variables);
  return applyReplacement(doc, next);
}

function buildUpsertDoc(cu: CompiledUpdate, o: StatementOptions): Doc {
  if (cu.kind === 'operators')
    return upsertWithOperators(o.query, cu.entries, {
      arrayFilters: o.arrayFilters,
      collation: o.collation,
    });
  if (cu.kind === 'replacement') return upsertWithReplacement(o.query, cu.raw as Doc);
  return idFirst(applyPipeline(idFirst(upsertBase(o.query)), cu.raw as Doc[], o.variables));
}

/** The document an upsert inserts when nothing matched (size-checked like any write). */
export function upsertDoc(cu: CompiledUpdate, o: StatementOptions): Doc {
  const doc = buildUpsertDoc(cu, o);
  checkSize(doc);
  return doc;
}

/** Applies the update to one stored document and stores it when it changed. */
export function updateStored(
  coll: CollectionStore,
  doc: Doc,
  cu: CompiledUpdate,
  o: StatementOptions,
): Applied {
  const res = updatedDoc(doc, cu, o);
  if (res.modified) {
    checkSize(res.doc);
    coll.replace(res.doc);
  }
  return res;
}

/** mongod refuses a write whose resulting document exceeds 16 MB. */
export function checkSize(doc: Doc): void {
  const size = bsonSize(doc);
  if (size > MAX_BSON_SIZE) {
    throw new MongoCommandError(
      'BSONObjectTooLarge',
      `Resulting document after update is larger than ${MAX_BSON_SIZE}`,
    );
  }
}

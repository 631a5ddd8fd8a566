/**
 * Builds the document an upsert inserts: the query's equality conditions (top level, `$and`,
 * single-clause `$or`, `{$eq: v}`, one-element `$in`) become fields, then the update applies
 * with `$setOnInsert` enabled; a replacement keeps only the query's `_id`. `_id` is generated if
 * still missing and always placed first.
 */
import { ObjectId } from 'bson';
import { MongoCommandError } from '../errors.js';
import { runPipeline } from './aggregate-context.js';
import { applyReplacement, applyUpdate, type ApplyOptions } from './update-apply.js';
import type { UpdateEntry } from './update-parse.js';
import { cloneValue, getField, isDocument, setField, type Doc } from './values.js';

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    let next = getField(cur, parts[i]);
    if (!isDocument(next)) setField(cur, parts[i], (next = {}));
    cur = next as Doc;
  }
  setField(cur, parts[parts.length - 1], cloneValue(value));
}

function addEqualities(q: Doc, base: Doc): void {
  for (const [k, v] of Object.entries(q)) {
    if (k === '$and' && Array.isArray(v)) v.forEach((x) => isDocument(x) && addEqualities(x, base));
    else if (k === '$or' && Array.isArray(v) && v.length === 1 && isDocument(v[0]))
      addEqualities(v[0], base);
    else if (k.startsWith('$')) continue;
    else if (isDocument(v) && Object.keys(v)[0]?.startsWith('$')) {
      if ('$eq' in v) setPath(base, k, v.$eq);
      // mongod rewrites a one-element $in to an equality, so an upsert copies it too.
      else if (Array.isArray(v.$in) && v.$in.length === 1 && !(v.$in[0] instanceof RegExp)) {
        setPath(base, k, v.$in[0]);
      }
    } else if (!(v instanceof RegExp)) setPath(base, k, v);
  }
}

/** `_id` first, as mongod stores it. */
export function idFirst(doc: Doc): Doc {
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** The query's equality fields as a document (the starting point of every upsert). */
export function upsertBase(query: Doc): Doc {
  const base: Doc = {};
  addEqualities(query, base);
  return base;
}

/** The document an upsert with an operator update inserts. */
export function upsertWithOperators(query: Doc, entries: UpdateEntry[], opts: ApplyOptions): Doc {
  const base: Doc = {};
  addEqualities(query, base);
  // Only a query-given _id is fixed before the update; otherwise `$set: {_id}` may still choose it.
  const start = base._id !== undefined ? idFirst(base) : base;
  const { doc } = applyUpdate(start, entries, { ...opts, isInsert: true, query });
  return idFirst(doc);
}

/** The document an upsert with a replacement document inserts. */
export function upsertWithReplacement(query: Doc, replacement: Doc): Doc {
  const base: Doc = {};
  addEqualities(query, base);
  const id = replacement._id !== undefined ? replacement._id : base._id;
  const seed: Doc = id === undefined ? {} : { _id: id };
  return idFirst(applyReplacement(seed, replacement).doc);
}

/** Runs a pipeline-style update ($set/$unset/... stages) on one document via mingo. */
export function applyPipeline(doc: Doc, pipeline: Doc[], variables?: Doc): Doc {
  const allowed = new Set([
    '$addFields',
    '$set',
    '$project',
    '$unset',
    '$replaceRoot',
    '$replaceWith',
  ]);
  for (const stage of pipeline) {
    const name = isDocument(stage) ? Object.keys(stage)[0] : undefined;
    if (!name || !allowed.has(name)) {
      throw new MongoCommandError(
        'InvalidOptions',
        `${String(name)} is not allowed to be used within an update`,
      );
    }
  }
  const [out] = runPipeline(pipeline, [doc], { variables });
  if (!out) return doc;
  return doc._id !== undefined
    ? { _id: doc._id, ...Object.fromEntries(Object.entries(out).filter(([k]) => k !== '_id')) }
    : idFirst(out);
}

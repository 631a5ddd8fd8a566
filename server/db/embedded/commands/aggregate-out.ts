/**
 * The writing stages of aggregate: `$out` (replace a collection with the results) and `$merge`
 * (upsert the results into a collection by `on` fields, with whenMatched/whenNotMatched).
 */
import { valuesEqual } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { getPath } from '../query/paths.js';
import { applyPipeline } from '../query/upsert.js';
import { isDocument } from '../query/values.js';
import type { CollectionStore, Doc } from '../storage/api.js';
import { durable, type CommandContext } from './context.js';
import { prepareForInsert } from './insert.js';

function target(spec: unknown, db: string): [string, string] {
  if (typeof spec === 'string') return [db, spec];
  if (isDocument(spec) && typeof spec.coll === 'string') return [String(spec.db ?? db), spec.coll];
  throw new MongoCommandError(
    'FailedToParse',
    'the output collection must be a string or {db, coll}',
  );
}

/** `$out`: the target collection is replaced by the results. */
export async function runOut(
  out: unknown,
  results: Doc[],
  ctx: CommandContext,
  db: string,
): Promise<void> {
  const [outDb, outName] = target(out, db);
  ctx.storage.dropCollection(outDb, outName);
  const coll = ctx.storage.ensureCollection(outDb, outName);
  for (const d of results) coll.insert(prepareForInsert(d, () => false));
  await durable(ctx, {});
}

function findMatch(coll: CollectionStore, on: string[], doc: Doc): Doc | undefined {
  const filter: Doc = {};
  for (const f of on) {
    const v = getPath(doc, f);
    if (v === undefined || Array.isArray(v)) {
      throw new MongoCommandError(
        'BadValue',
        `$merge write error: 'on' field '${f}' cannot be missing, null, undefined or an array`,
      );
    }
    filter[f] = v;
  }
  for (const d of coll.candidates(filter))
    if (on.every((f) => valuesEqual(getPath(d, f), filter[f]))) return d;
  return undefined;
}

/** `$merge`: each result updates or inserts one document of the target collection. */
export async function runMerge(
  spec: unknown,
  results: Doc[],
  ctx: CommandContext,
  db: string,
): Promise<void> {
  const s: Doc = isDocument(spec) && 'into' in spec ? spec : { into: spec };
  const [outDb, outName] = target(s.into, db);
  const on =
    s.on === undefined ? ['_id'] : Array.isArray(s.on) ? (s.on as string[]) : [String(s.on)];
  const whenMatched = s.whenMatched ?? 'merge';
  const whenNotMatched = s.whenNotMatched ?? 'insert';
  const coll = ctx.storage.ensureCollection(outDb, outName);
  for (const doc of results) {
    const existing = findMatch(coll, on, doc);
    if (!existing) {
      if (whenNotMatched === 'discard') continue;
      if (whenNotMatched === 'fail')
        throw new MongoCommandError(
          'BadValue',
          '$merge could not find a matching document in the target collection for at least one document in the source collection',
        );
      coll.insert(prepareForInsert(doc, () => false));
      continue;
    }
    if (whenMatched === 'keepExisting') continue;
    if (whenMatched === 'fail') {
      throw new MongoCommandError(
        'DuplicateKey',
        `E11000 duplicate key error collection: ${outDb}.${outName} index: _id_ dup key: { _id: ${JSON.stringify(existing._id)} }`,
        { keyPattern: { _id: 1 }, keyValue: { _id: existing._id } },
      );
    }
    let next: Doc;
    if (Array.isArray(whenMatched))
      next = applyPipeline(existing, whenMatched as Doc[], { new: doc });
    else if (whenMatched === 'replace') next = { ...doc, _id: existing._id };
    else next = { ...existing, ...doc, _id: existing._id };
    coll.replace(prepareForInsert(next, () => false));
  }
  await durable(ctx, {});
}

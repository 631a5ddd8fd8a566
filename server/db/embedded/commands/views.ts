/**
 * Read-only views (`create` with `viewOn` and `pipeline`): reading a view runs its pipeline over
 * the source collection (itself possibly a view). Writes to views are not supported.
 */
import { MongoCommandError } from '../errors.js';
import { runPipeline } from '../query/aggregate-context.js';
import type { CollectionStore, Doc } from '../storage/api.js';
import type { CommandContext } from './context.js';

/** What reads need from a collection; a view provides the same over its computed documents. */
export type ReadSource = Pick<CollectionStore, 'candidates' | 'all' | 'count' | 'info'>;

/** The collection or view `name` of `db` to read from, or undefined when it does not exist. */
export function readSource(
  ctx: CommandContext,
  db: string,
  name: string,
  depth = 0,
): ReadSource | undefined {
  const coll = ctx.storage.getCollection(db, name);
  const viewOn = coll?.info.options.viewOn;
  if (!coll || typeof viewOn !== 'string') return coll;
  if (depth > 20)
    throw new MongoCommandError(
      'BadValue',
      `View depth too deep or view cycle detected at ${db}.${name}`,
    );
  const pipeline = Array.isArray(coll.info.options.pipeline)
    ? (coll.info.options.pipeline as Doc[])
    : [];
  let docs: Doc[] | null = null;
  const materialize = (): Doc[] => {
    if (docs) return docs;
    const source = Array.from(readSource(ctx, db, viewOn, depth + 1)?.all() ?? []);
    const resolve = (other: string) =>
      Array.from(readSource(ctx, db, other, depth + 1)?.all() ?? []);
    const out = pipeline.length ? runPipeline(pipeline, source, { resolve }) : source;
    docs = out;
    return out;
  };
  return {
    info: coll.info,
    candidates: () => materialize(),
    all: () => materialize(),
    count: () => materialize().length,
  };
}

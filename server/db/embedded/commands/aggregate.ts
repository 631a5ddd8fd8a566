/**
 * aggregate through mingo's Aggregator. Leading `$match` stages are run by the engine's own
 * matcher over index candidates (countDocuments is `$match` + `$group`); `$match` and `$sort`
 * later in the pipeline are the engine's too, so their semantics equal find's. `$collStats`
 * answers from the storage layer, `$out` replaces a collection, `$lookup` reads same-db
 * collections. mingo sees numbers as JS numbers (see README: values).
 */
import { hostname } from 'node:os';
import { Binary, Long } from 'bson';
import type { Collation } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { runPipeline } from '../query/aggregate-context.js';
import { isDocument, toNumber } from '../query/values.js';
import type { Doc } from '../storage/api.js';
import { runMerge, runOut } from './aggregate-out.js';
import type { CommandContext, CommandTable } from './context.js';
import { collectionFigures } from './stats.js';
import { collationArg, dbName, letArg, selectDocs } from './util.js';
import { readSource } from './views.js';

function collStatsStage(stage: Doc, db: string, name: string, ctx: CommandContext): Doc[] {
  const coll = ctx.storage.getCollection(db, name);
  if (!coll)
    throw new MongoCommandError(
      'NamespaceNotFound',
      `Unable to retrieve storageStats in $collStats stage :: caused by :: Collection [${db}.${name}] not found.`,
    );
  const f = collectionFigures(coll);
  const out: Doc = { ns: `${db}.${name}`, host: hostname(), localTime: new Date() };
  const spec = isDocument(stage.$collStats) ? stage.$collStats : {};
  if (spec.count !== undefined) out.count = { count: f.count };
  if (spec.storageStats !== undefined) {
    out.storageStats = {
      size: f.size,
      count: f.count,
      avgObjSize: f.count ? Math.floor(f.size / f.count) : 0,
      storageSize: f.size,
      nindexes: f.nindexes,
      totalIndexSize: f.totalIndexSize,
      indexSizes: f.indexSizes,
      totalSize: f.size + f.totalIndexSize,
    };
  }
  return [out];
}

/** The documents entering the pipeline and the stages left to run on them. */
function pipelineInput(cmd: Doc, ctx: CommandContext, env: Env): { input: Doc[]; rest: Doc[] } {
  let rest = cmd.pipeline as Doc[];
  const { db, name } = env;
  if (!name && isDocument(rest[0]) && '$listLocalSessions' in rest[0]) {
    // Sessions are not tracked; the caller's own session is the one this server knows of.
    const lsid = isDocument(cmd.lsid) ? cmd.lsid : null;
    const sessions = lsid
      ? [{ _id: { id: lsid.id, uid: new Binary(Buffer.alloc(32)) }, lastUse: new Date() }]
      : [];
    return { input: sessions, rest: rest.slice(1) };
  }
  if (name && isDocument(rest[0]) && '$indexStats' in rest[0]) {
    // Tools (Compass) read this for the index list; usage counters are not tracked.
    const specs = ctx.storage.getCollection(db, name)?.listIndexes() ?? [];
    const since = ctx.server.startedAt;
    const stats = specs.map((spec) => ({
      name: spec.name,
      key: spec.key,
      host: hostname(),
      accesses: { ops: Long.ZERO, since },
      spec,
    }));
    return { input: stats, rest: rest.slice(1) };
  }
  if (name && isDocument(rest[0]) && '$collStats' in rest[0]) {
    return { input: collStatsStage(rest[0], db, name, ctx), rest: rest.slice(1) };
  }
  // Leading $match stages run over index candidates (countDocuments is $match + $group).
  let filter: Doc = {};
  while (rest.length > 0 && isDocument(rest[0]) && isDocument(rest[0].$match)) {
    const m = rest[0].$match as Doc;
    filter = Object.keys(filter).length ? { $and: [filter, m] } : m;
    rest = rest.slice(1);
  }
  const coll = name ? readSource(ctx, db, name) : undefined;
  return {
    input: selectDocs(coll, filter, { collation: env.collation, variables: env.variables }),
    rest,
  };
}

interface Env {
  db: string;
  name: string | null;
  collation: Collation | null;
  variables: Doc | undefined;
}

async function aggregate(cmd: Doc, ctx: CommandContext): Promise<Doc> {
  const db = dbName(cmd);
  const name = typeof cmd.aggregate === 'string' ? cmd.aggregate : null;
  if (!Array.isArray(cmd.pipeline)) {
    throw new MongoCommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  }
  if (!isDocument(cmd.cursor) && cmd.explain !== true) {
    throw new MongoCommandError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const coll = name ? readSource(ctx, db, name) : undefined;
  const env: Env = { db, name, collation: collationArg(cmd, coll), variables: letArg(cmd) };
  const { input, rest } = pipelineInput(cmd, ctx, env);
  let pipeline = rest;
  // A final $out / $merge writes the results instead of returning them.
  const last = pipeline[pipeline.length - 1];
  const writer = isDocument(last) && ('$out' in last || '$merge' in last) ? last : undefined;
  if (writer) pipeline = pipeline.slice(0, -1);
  const resolve = (other: string) => Array.from(readSource(ctx, db, other)?.all() ?? []);
  const results =
    pipeline.length === 0
      ? input
      : runPipeline(pipeline, input, {
          collation: env.collation,
          variables: env.variables,
          resolve,
        });
  const ns = `${db}.${name ?? '$cmd.aggregate'}`;
  if (writer) {
    if ('$out' in writer) await runOut(writer.$out, results, ctx, db);
    else await runMerge(writer.$merge, results, ctx, db);
    return { cursor: { firstBatch: [], id: Long.ZERO, ns }, ok: 1 };
  }
  const batchSize =
    isDocument(cmd.cursor) && cmd.cursor.batchSize !== undefined
      ? toNumber(cmd.cursor.batchSize)
      : undefined;
  const { id, batch } = ctx.cursors.open(ns, results, null, batchSize);
  return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
}

export const aggregateCommands: CommandTable = { aggregate };

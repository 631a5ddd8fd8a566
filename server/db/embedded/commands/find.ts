/**
 * Reads: find (with cursors), getMore, killCursors, count, distinct, explain.
 */
import { Long } from 'bson';
import { compareWithCollation } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { compileFilter } from '../query/match.js';
import { expandedValues } from '../query/paths.js';
import { compileProjection } from '../query/project.js';
import { isDocument } from '../query/values.js';
import type { Doc } from '../storage/api.js';
import type { CommandContext, CommandTable } from './context.js';
import { readSource } from './views.js';
import { collName, collationArg, dbName, docArg, numArg, selectDocs, letArg } from './util.js';

function find(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const name = collName(cmd, 'find');
  const filter = docArg(cmd, 'filter') ?? {};
  const coll = readSource(ctx, db, name);
  const collation = collationArg(cmd, coll);
  let limit = numArg(cmd, 'limit');
  let singleBatch = cmd.singleBatch === true;
  if (limit !== undefined && limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const skip = numArg(cmd, 'skip');
  if (skip !== undefined && skip < 0)
    throw new MongoCommandError(
      'BadValue',
      "BSON field 'skip' value must be >= 0, actual value '" + skip + "'",
    );
  const batchSize = numArg(cmd, 'batchSize');
  if (batchSize !== undefined && batchSize < 0)
    throw new MongoCommandError(
      'BadValue',
      "BSON field 'batchSize' value must be >= 0, actual value '" + batchSize + "'",
    );
  const project = compileProjection(docArg(cmd, 'projection'), filter, { collation });
  const docs = selectDocs(coll, filter, {
    collation,
    sort: docArg(cmd, 'sort'),
    skip,
    limit,
    variables: letArg(cmd),
  });
  const ns = `${db}.${name}`;
  const { id, batch } = ctx.cursors.open(ns, docs, project, batchSize, singleBatch);
  return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
}

function getMore(cmd: Doc, ctx: CommandContext): Doc {
  const id = cmd.getMore;
  if (!(id instanceof Long))
    throw new MongoCommandError('TypeMismatch', "Field 'getMore' must be of type long");
  const db = dbName(cmd);
  // Not collName(): db-level cursors live in pseudo-collections such as '$cmd.aggregate'.
  const name = cmd.collection;
  if (typeof name !== 'string')
    throw new MongoCommandError('TypeMismatch', "BSON field 'getMore.collection' is missing");
  const ns = ctx.cursors.nsOf(id);
  if (ns !== undefined && ns !== `${db}.${name}`) {
    throw new MongoCommandError(
      'BadValue',
      `Requested getMore on namespace '${db}.${name}', but cursor belongs to a different namespace ${ns}`,
    );
  }
  const res = ctx.cursors.more(id, numArg(cmd, 'batchSize'));
  if (!res) throw new MongoCommandError('CursorNotFound', `cursor id ${id.toString()} not found`);
  return { cursor: { nextBatch: res.batch, id: res.id, ns: res.ns }, ok: 1 };
}

function killCursors(cmd: Doc, ctx: CommandContext): Doc {
  const ids = Array.isArray(cmd.cursors) ? cmd.cursors : [];
  const killed: unknown[] = [];
  const notFound: unknown[] = [];
  for (const id of ids) {
    if (id instanceof Long && ctx.cursors.kill(id)) killed.push(id);
    else notFound.push(id);
  }
  return {
    cursorsKilled: killed,
    cursorsNotFound: notFound,
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
}

function count(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const name = collName(cmd, 'count');
  const coll = readSource(ctx, db, name);
  const query = docArg(cmd, 'query');
  const skip = numArg(cmd, 'skip') ?? 0;
  const limit = Math.abs(numArg(cmd, 'limit') ?? 0);
  let n: number;
  if (!coll) n = 0;
  else if (!query || Object.keys(query).length === 0) n = coll.count();
  else n = selectDocs(coll, query, { collation: collationArg(cmd, coll) }).length;
  n = Math.max(0, n - skip);
  if (limit > 0) n = Math.min(n, limit);
  return { n, ok: 1 };
}

function distinct(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const name = collName(cmd, 'distinct');
  const key = cmd.key;
  if (typeof key !== 'string')
    throw new MongoCommandError(
      'TypeMismatch',
      "BSON field 'distinct.key' is missing or not a string",
    );
  const coll = readSource(ctx, db, name);
  const collation = collationArg(cmd, coll);
  const docs = selectDocs(coll, docArg(cmd, 'query'), { collation });
  const parts = key.split('.');
  const all: unknown[] = [];
  for (const d of docs) for (const v of expandedValues(d, parts)) if (v !== undefined) all.push(v);
  // Sort, then keep the first of each run of equal values: the first seen, as a scan would keep
  // (the sort is stable), in O(n log n) rather than comparing each value with every kept one.
  all.sort((a, b) => compareWithCollation(a, b, collation));
  const values: unknown[] = [];
  for (const v of all)
    if (values.length === 0 || compareWithCollation(values[values.length - 1], v, collation) !== 0)
      values.push(v);
  return { values, ok: 1 };
}

/** Enough of explain for tools and tests to see whether an index is used. */
function explain(cmd: Doc, ctx: CommandContext): Doc {
  const inner = cmd.explain;
  if (!isDocument(inner))
    throw new MongoCommandError('BadValue', 'explain needs a command document');
  const db = dbName(cmd);
  const verb = Object.keys(inner)[0];
  const name = String(inner[verb]);
  const filter = (docArg(inner, 'filter') ?? docArg(inner, 'query') ?? {}) as Doc;
  compileFilter(filter);
  const collation = collationArg(inner, ctx.storage.getCollection(db, name));
  const sort = docArg(inner, 'sort');
  const index = ctx.storage.getCollection(db, name)?.plan(filter, { collation, sort }) ?? null;
  const stage = index
    ? { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: index } }
    : { stage: 'COLLSCAN' };
  return {
    queryPlanner: {
      namespace: `${db}.${name}`,
      parsedQuery: filter,
      winningPlan: stage,
      rejectedPlans: [],
    },
    ok: 1,
  };
}

export const findCommands: CommandTable = { find, getMore, killCursors, count, distinct, explain };

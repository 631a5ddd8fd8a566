/**
 * update and delete: one statement at a time; `n` counts matched (or upserted) documents and
 * `nModified` only real changes, which is what mongoose's optimistic concurrency and Agenda's
 * `matchedCount` checks read.
 */
import { MongoCommandError } from '../errors.js';
import { isDocument, toNumber } from '../query/values.js';
import type { CollectionStore, Doc } from '../storage/api.js';
import { durable, type CommandContext, type CommandTable } from './context.js';
import { writeError } from './insert.js';
import { collName, collationArg, dbName, selectDocs, letArg } from './util.js';
import { compileUpdate, updateStored, upsertDoc } from './write-one.js';

function statements(cmd: Doc, field: string): Doc[] {
  const list = cmd[field];
  if (!Array.isArray(list))
    throw new MongoCommandError(
      'FailedToParse',
      `BSON field '${field}' is missing but a required field`,
    );
  if (list.length > 100000)
    throw new MongoCommandError('InvalidLength', 'Write batch sizes must be between 1 and 100000.');
  return list as Doc[];
}

interface Tally {
  n: number;
  nModified: number;
  upserted: Doc[];
}

/** What every statement of one update command shares. */
interface Target {
  ctx: CommandContext;
  db: string;
  name: string;
  variables: Doc | undefined;
}

function runUpdate(st: Doc, index: number, t: Tally, target: Target): void {
  if (!isDocument(st))
    throw new MongoCommandError('TypeMismatch', 'update statements must be objects');
  const { ctx, db, name } = target;
  const coll = ctx.storage.getCollection(db, name);
  const query = (isDocument(st.q) ? st.q : {}) as Doc;
  const cu = compileUpdate(st.u);
  const arrayFilters = st.arrayFilters as Doc[] | undefined;
  const o = { query, arrayFilters, collation: collationArg(st, coll), variables: target.variables };
  if (st.sort !== undefined) {
    // updateOne/replaceOne with sort arrived in 8.0; this engine answers as 7.0 does.
    throw new MongoCommandError(
      'FailedToParse',
      "BSON field 'update.updates.sort' is an unknown field.",
    );
  }
  const multi = st.multi === true;
  if (multi && cu.kind === 'replacement') {
    throw new MongoCommandError(
      'FailedToParse',
      'multi update is not supported for replacement-style update',
    );
  }
  const matches = selectDocs(coll, query, {
    collation: o.collation,
    limit: multi ? undefined : 1,
    variables: target.variables,
  });
  if (matches.length === 0) {
    if (st.upsert !== true) return;
    const doc = upsertDoc(cu, o);
    ctx.storage.ensureCollection(db, name).insert(doc);
    t.n++;
    t.upserted.push({ index, _id: doc._id });
    return;
  }
  for (const doc of matches) {
    const res = updateStored(coll as CollectionStore, doc, cu, o);
    t.n++;
    if (res.modified) t.nModified++;
  }
}

async function update(cmd: Doc, ctx: CommandContext): Promise<Doc> {
  const db = dbName(cmd);
  const name = collName(cmd, 'update');
  const list = statements(cmd, 'updates');
  const ordered = cmd.ordered !== false;
  const t: Tally = { n: 0, nModified: 0, upserted: [] };
  const target: Target = { ctx, db, name, variables: letArg(cmd) };
  const errors: Doc[] = [];
  for (let i = 0; i < list.length; i++) {
    try {
      runUpdate(list[i], i, t, target);
    } catch (err) {
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  const reply: Doc = { n: t.n, nModified: t.nModified, ok: 1 };
  if (t.upserted.length) reply.upserted = t.upserted;
  if (errors.length) reply.writeErrors = errors;
  return t.n > 0 ? durable(ctx, reply) : reply;
}

async function del(cmd: Doc, ctx: CommandContext): Promise<Doc> {
  const db = dbName(cmd);
  const name = collName(cmd, 'delete');
  const list = statements(cmd, 'deletes');
  const ordered = cmd.ordered !== false;
  const coll = ctx.storage.getCollection(db, name);
  const errors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    try {
      const st = list[i];
      if (!isDocument(st))
        throw new MongoCommandError('TypeMismatch', 'delete statements must be objects');
      const limit = st.limit === undefined ? 0 : toNumber(st.limit);
      if (limit !== 0 && limit !== 1)
        throw new MongoCommandError(
          'FailedToParse',
          'The limit field in delete objects must be 0 or 1. Got ' + String(limit),
        );
      const matches = selectDocs(coll, st.q as Doc, {
        collation: collationArg(st, coll),
        limit: limit === 1 ? 1 : undefined,
        variables: letArg(cmd),
      });
      for (const d of matches) if (coll?.remove(d._id)) n++;
    } catch (err) {
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  const reply: Doc = { n, ok: 1 };
  if (errors.length) reply.writeErrors = errors;
  return n > 0 ? durable(ctx, reply) : reply;
}

export const updateCommands: CommandTable = { update, delete: del };

/**
 * createIndexes, listIndexes, dropIndexes with mongod's reply shapes, so that mongoose's
 * `syncIndexes` sees exactly what it created and does nothing on a second run.
 */
import { Long } from 'bson';
import { valuesEqual } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { isDocument } from '../query/values.js';
import type { Doc, IndexSpec } from '../storage/api.js';
import { durable, type CommandContext, type CommandTable } from './context.js';
import { collName, dbName } from './util.js';

async function createIndexes(cmd: Doc, ctx: CommandContext): Promise<Doc> {
  const db = dbName(cmd);
  const name = collName(cmd, 'createIndexes');
  const specs = cmd.indexes;
  if (!Array.isArray(specs) || specs.length === 0)
    throw new MongoCommandError('BadValue', 'Must specify at least one index to create');
  for (const s of specs) {
    if (!isDocument(s) || !isDocument(s.key))
      throw new MongoCommandError(
        'FailedToParse',
        "The 'key' field is a required property of an index specification",
      );
  }
  const existed = ctx.storage.getCollection(db, name) !== undefined;
  const coll = ctx.storage.ensureCollection(db, name);
  const before = coll.listIndexes().length;
  let created = 0;
  for (const s of specs as IndexSpec[]) if (coll.createIndex(s)) created++;
  const reply: Doc = {
    numIndexesBefore: before,
    numIndexesAfter: coll.listIndexes().length,
    createdCollectionAutomatically: !existed,
    ok: 1,
  };
  if (created === 0) reply.note = 'all indexes already exist';
  return created > 0 || !existed ? durable(ctx, reply) : reply;
}

function listIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const name = collName(cmd, 'listIndexes');
  const coll = ctx.storage.getCollection(db, name);
  if (!coll) throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${db}.${name}`);
  return { cursor: { id: Long.ZERO, ns: `${db}.${name}`, firstBatch: coll.listIndexes() }, ok: 1 };
}

function dropIndexes(cmd: Doc, ctx: CommandContext): Promise<Doc> {
  const db = dbName(cmd);
  const name = collName(cmd, Object.keys(cmd)[0]);
  const coll = ctx.storage.getCollection(db, name);
  if (!coll) throw new MongoCommandError('NamespaceNotFound', `ns not found ${db}.${name}`);
  const nIndexesWas = coll.listIndexes().length;
  const which = cmd.index;
  if (which === '*') coll.dropAllIndexes();
  else if (typeof which === 'string') coll.dropIndex(which);
  else if (Array.isArray(which)) {
    const names = new Set(coll.listIndexes().map((s) => s.name));
    for (const n of which) {
      if (typeof n !== 'string' || !names.has(n))
        throw new MongoCommandError('IndexNotFound', `index not found with name [${String(n)}]`);
    }
    for (const n of which as string[]) coll.dropIndex(n);
  } else if (isDocument(which)) {
    const keys = Object.entries(which);
    const found = coll.listIndexes().find((s) => {
      const sk = Object.entries(s.key);
      return (
        sk.length === keys.length &&
        sk.every(([f, d], i) => f === keys[i][0] && valuesEqual(d, keys[i][1]))
      );
    });
    if (!found)
      throw new MongoCommandError(
        'IndexNotFound',
        `can't find index with key: ${JSON.stringify(which)}`,
      );
    coll.dropIndex(found.name);
  } else {
    throw new MongoCommandError(
      'TypeMismatch',
      "BSON field 'dropIndexes.index' is missing or of the wrong type",
    );
  }
  return durable(ctx, { nIndexesWas, ok: 1 });
}

export const indexCommands: CommandTable = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};

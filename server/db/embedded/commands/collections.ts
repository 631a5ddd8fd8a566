/**
 * Namespace commands: create, drop, dropDatabase, listCollections, listDatabases,
 * renameCollection. Replies follow mongod's shapes (cursor replies for the list commands).
 */
import { Long } from 'bson';
import { MongoCommandError } from '../errors.js';
import { compileFilter } from '../query/match.js';
import type { Doc } from '../storage/api.js';
import { durable, type CommandContext, type CommandTable } from './context.js';
import { collName, dbName, docArg } from './util.js';

/** Fields of a command that are protocol envelope, not options to store. */
const ENVELOPE = new Set([
  'lsid',
  '$db',
  '$readPreference',
  '$clusterTime',
  'writeConcern',
  'txnNumber',
  'autocommit',
  'comment',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'maxTimeMS',
]);

function create(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const name = collName(cmd, 'create');
  const options: Doc = {};
  for (const [k, v] of Object.entries(cmd)) if (k !== 'create' && !ENVELOPE.has(k)) options[k] = v;
  if (ctx.storage.getCollection(db, name)) {
    throw new MongoCommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
  }
  ctx.storage.createCollection(db, name, options);
  return { ok: 1 };
}

function drop(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const name = collName(cmd, 'drop');
  const coll = ctx.storage.getCollection(db, name);
  if (!coll) throw new MongoCommandError('NamespaceNotFound', 'ns not found');
  const nIndexesWas = coll.listIndexes().length;
  ctx.storage.dropCollection(db, name);
  return { nIndexesWas, ns: `${db}.${name}`, ok: 1 };
}

function dropDatabase(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  ctx.storage.dropDatabase(db);
  return { dropped: db, ok: 1 };
}

function listCollections(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const filter = docArg(cmd, 'filter');
  const pred = compileFilter(filter);
  const nameOnly = cmd.nameOnly === true;
  const infos: Doc[] = [];
  for (const c of ctx.storage.listCollections(db)) {
    // A view (created with viewOn) is listed as mongod lists it: read-only, no uuid or _id index.
    const isView = typeof c.options.viewOn === 'string';
    const type = isView ? 'view' : 'collection';
    const full: Doc = isView
      ? { name: c.name, type, options: c.options, info: { readOnly: true } }
      : {
          name: c.name,
          type,
          options: c.options,
          info: { readOnly: false, uuid: c.uuid },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        };
    if (!pred(full)) continue;
    infos.push(nameOnly ? { name: c.name, type } : full);
  }
  return { cursor: { id: Long.ZERO, ns: `${db}.$cmd.listCollections`, firstBatch: infos }, ok: 1 };
}

function listDatabases(cmd: Doc, ctx: CommandContext): Doc {
  const pred = compileFilter(docArg(cmd, 'filter'));
  const dbs = ctx.storage.listDatabases().filter((d) => pred(d as unknown as Doc));
  const totalSize = dbs.reduce((s, d) => s + d.sizeOnDisk, 0);
  if (cmd.nameOnly === true) return { databases: dbs.map((d) => ({ name: d.name })), ok: 1 };
  return { databases: dbs, totalSize, totalSizeMb: Math.round(totalSize / 1048576), ok: 1 };
}

function splitNs(ns: unknown, field: string): [string, string] {
  if (typeof ns !== 'string' || !ns.includes('.'))
    throw new MongoCommandError(
      'InvalidNamespace',
      `Invalid namespace specified '${String(ns)}' for ${field}`,
    );
  const i = ns.indexOf('.');
  return [ns.slice(0, i), ns.slice(i + 1)];
}

function renameCollection(cmd: Doc, ctx: CommandContext): Doc {
  if (cmd.$db !== 'admin')
    throw new MongoCommandError(
      'IllegalOperation',
      'renameCollection may only be run against the admin database.',
    );
  const [fromDb, from] = splitNs(cmd.renameCollection, 'renameCollection');
  const [toDb, to] = splitNs(cmd.to, 'to');
  ctx.storage.renameCollection(fromDb, from, toDb, to, cmd.dropTarget === true);
  return { ok: 1 };
}

export const collectionCommands: CommandTable = {
  create: (cmd, ctx) => durable(ctx, create(cmd, ctx)),
  drop: (cmd, ctx) => durable(ctx, drop(cmd, ctx)),
  dropDatabase: (cmd, ctx) => durable(ctx, dropDatabase(cmd, ctx)),
  listCollections,
  listDatabases,
  renameCollection: (cmd, ctx) => durable(ctx, renameCollection(cmd, ctx)),
};

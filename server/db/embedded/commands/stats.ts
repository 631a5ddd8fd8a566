/**
 * collStats, dbStats and validate: sizes are the BSON sizes of the documents (the engine keeps
 * them in memory, so "storage" and "data" sizes coincide); index sizes are estimates.
 */
import { MongoCommandError } from '../errors.js';
import type { CollectionStore, Doc } from '../storage/api.js';
import type { CommandContext, CommandTable } from './context.js';
import { collName, dbName, numArg } from './util.js';

/** Per-collection figures (also used by the `$collStats` aggregation stage). */
export function collectionFigures(coll: CollectionStore): {
  count: number;
  size: number;
  nindexes: number;
  indexSizes: Doc;
  totalIndexSize: number;
} {
  const size = coll.dataSize();
  const count = coll.count();
  const indexSizes: Doc = {};
  let totalIndexSize = 0;
  for (const s of coll.listIndexes()) {
    const est = count * 32;
    indexSizes[s.name] = est;
    totalIndexSize += est;
  }
  return { count, size, nindexes: coll.listIndexes().length, indexSizes, totalIndexSize };
}

function collStats(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const name = collName(cmd, 'collStats');
  const coll = ctx.storage.getCollection(db, name);
  if (!coll)
    throw new MongoCommandError('NamespaceNotFound', `Collection [${db}.${name}] not found.`);
  const scale = numArg(cmd, 'scale') ?? 1;
  const f = collectionFigures(coll);
  const scaled = (n: number) => Math.floor(n / scale);
  const indexSizes: Doc = {};
  for (const [k, v] of Object.entries(f.indexSizes)) indexSizes[k] = scaled(v as number);
  return {
    ns: `${db}.${name}`,
    size: scaled(f.size),
    count: f.count,
    avgObjSize: f.count ? Math.floor(f.size / f.count) : 0,
    storageSize: scaled(f.size),
    freeStorageSize: 0,
    capped: false,
    nindexes: f.nindexes,
    indexSizes,
    totalIndexSize: scaled(f.totalIndexSize),
    totalSize: scaled(f.size + f.totalIndexSize),
    scaleFactor: scale,
    ok: 1,
  };
}

function dbStats(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const scale = numArg(cmd, 'scale') ?? 1;
  let objects = 0;
  let dataSize = 0;
  let indexes = 0;
  let indexSize = 0;
  const colls = ctx.storage.listCollections(db);
  for (const c of colls) {
    const store = ctx.storage.getCollection(db, c.name);
    if (!store) continue;
    const f = collectionFigures(store);
    objects += f.count;
    dataSize += f.size;
    indexes += f.nindexes;
    indexSize += f.totalIndexSize;
  }
  return {
    db,
    collections: colls.length,
    views: 0,
    objects,
    avgObjSize: objects ? dataSize / objects : 0,
    dataSize: Math.floor(dataSize / scale),
    storageSize: Math.floor(dataSize / scale),
    indexes,
    indexSize: Math.floor(indexSize / scale),
    totalSize: Math.floor((dataSize + indexSize) / scale),
    scaleFactor: scale,
    fsUsedSize: 0,
    fsTotalSize: 0,
    ok: 1,
  };
}

function validate(cmd: Doc, ctx: CommandContext): Doc {
  const db = dbName(cmd);
  const name = collName(cmd, 'validate');
  const coll = ctx.storage.getCollection(db, name);
  if (!coll)
    throw new MongoCommandError(
      'NamespaceNotFound',
      `Collection '${db}.${name}' does not exist to validate.`,
    );
  const keysPerIndex: Doc = {};
  for (const s of coll.listIndexes()) keysPerIndex[s.name] = coll.count();
  return {
    ns: `${db}.${name}`,
    nInvalidDocuments: 0,
    nNonCompliantDocuments: 0,
    nrecords: coll.count(),
    nIndexes: coll.listIndexes().length,
    keysPerIndex,
    valid: true,
    repaired: false,
    warnings: [],
    errors: [],
    ok: 1,
  };
}

export const statsCommands: CommandTable = { collStats, dbStats, validate };

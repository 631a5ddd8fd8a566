/**
 * The unified format's CRUD operations, mapped onto the official driver's API. Each returns the
 * value the test's `expectResult` is matched against (plain documents, arrays or scalars).
 */
import type { AnyBulkWriteOperation, Collection, Db, Document } from 'mongodb';
import { numericValues, options, Unsupported, type Args, type Entity } from './arguments.js';
import { clientBulkWrite } from './client-bulk-write.js';

export { Unsupported, type Entity } from './arguments.js';

type Op = (target: Entity, args: Args) => Promise<unknown>;

function asCollection(target: Entity): Collection<Document> {
  if (!('collectionName' in target)) throw new Unsupported('operation on a non-collection entity');
  return target;
}
function asDb(target: Entity): Db {
  if (!('databaseName' in target) || 'collectionName' in target)
    throw new Unsupported('operation on a non-database entity');
  return target as Db;
}

const filterOf = (args: Args): Document => (args.filter as Document | undefined) ?? {};

function updateResult(r: {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  upsertedId: unknown;
}): Document {
  const out: Document = {
    matchedCount: r.matchedCount,
    modifiedCount: r.modifiedCount,
    upsertedCount: r.upsertedCount,
  };
  if (r.upsertedId !== null && r.upsertedId !== undefined) out.upsertedId = r.upsertedId;
  return out;
}

/** A BulkWriteResult as the plain document the tests describe. */
export function bulkResult(r: {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
  upsertedIds: Record<number, unknown>;
  insertedIds: Record<number, unknown>;
}): Document {
  return {
    insertedCount: r.insertedCount,
    matchedCount: r.matchedCount,
    modifiedCount: r.modifiedCount,
    deletedCount: r.deletedCount,
    upsertedCount: r.upsertedCount,
    upsertedIds: { ...r.upsertedIds },
    insertedIds: { ...r.insertedIds },
  };
}

function bulkRequests(requests: unknown): AnyBulkWriteOperation<Document>[] {
  return (requests as Document[]).map((req) => {
    const [kind, body] = Object.entries(req)[0] as [string, Document];
    const copy: Document = { ...body };
    if (copy.sort) copy.sort = numericValues(copy.sort);
    return { [kind]: copy } as AnyBulkWriteOperation<Document>;
  });
}

export const operations: Record<string, Op> = {
  clientBulkWrite,
  insertOne: async (t, a) => ({
    insertedId: (await asCollection(t).insertOne(a.document as Document, options(a, 'document')))
      .insertedId,
  }),
  insertMany: async (t, a) => {
    const r = await asCollection(t).insertMany(a.documents as Document[], options(a, 'documents'));
    return { insertedCount: r.insertedCount, insertedIds: { ...r.insertedIds } };
  },
  find: (t, a) => asCollection(t).find(filterOf(a), options(a, 'filter')).toArray(),
  findOne: (t, a) => asCollection(t).findOne(filterOf(a), options(a, 'filter')),
  aggregate: (t, a) => {
    const pipeline = a.pipeline as Document[];
    const opts = options(a, 'pipeline');
    if ('collectionName' in t) return t.aggregate(pipeline, opts).toArray();
    return asDb(t).aggregate(pipeline, opts).toArray();
  },
  countDocuments: (t, a) => asCollection(t).countDocuments(filterOf(a), options(a, 'filter')),
  estimatedDocumentCount: (t, a) => asCollection(t).estimatedDocumentCount(options(a)),
  count: (t, a) => asCollection(t).count(filterOf(a), options(a, 'filter')),
  distinct: (t, a) =>
    asCollection(t).distinct(String(a.fieldName), filterOf(a), options(a, 'fieldName', 'filter')),
  updateOne: async (t, a) =>
    updateResult(
      await asCollection(t).updateOne(
        filterOf(a),
        a.update as Document,
        options(a, 'filter', 'update'),
      ),
    ),
  updateMany: async (t, a) =>
    updateResult(
      await asCollection(t).updateMany(
        filterOf(a),
        a.update as Document,
        options(a, 'filter', 'update'),
      ),
    ),
  replaceOne: async (t, a) =>
    updateResult(
      await asCollection(t).replaceOne(
        filterOf(a),
        a.replacement as Document,
        options(a, 'filter', 'replacement'),
      ),
    ),
  deleteOne: async (t, a) => ({
    deletedCount: (await asCollection(t).deleteOne(filterOf(a), options(a, 'filter'))).deletedCount,
  }),
  deleteMany: async (t, a) => ({
    deletedCount: (await asCollection(t).deleteMany(filterOf(a), options(a, 'filter')))
      .deletedCount,
  }),
  findOneAndUpdate: (t, a) =>
    asCollection(t).findOneAndUpdate(
      filterOf(a),
      a.update as Document,
      options(a, 'filter', 'update'),
    ),
  findOneAndReplace: (t, a) =>
    asCollection(t).findOneAndReplace(
      filterOf(a),
      a.replacement as Document,
      options(a, 'filter', 'replacement'),
    ),
  findOneAndDelete: (t, a) => asCollection(t).findOneAndDelete(filterOf(a), options(a, 'filter')),
  bulkWrite: async (t, a) =>
    bulkResult(await asCollection(t).bulkWrite(bulkRequests(a.requests), options(a, 'requests'))),
  createIndex: (t, a) =>
    asCollection(t).createIndex(numericValues(a.keys) as Document, options(a, 'keys')),
  dropIndex: async (t, a) => {
    await asCollection(t).dropIndex(String(a.name), options(a, 'name'));
    return null;
  },
  listIndexes: (t, a) => asCollection(t).listIndexes(options(a)).toArray(),
  createCollection: async (t, a) => {
    await asDb(t).createCollection(String(a.collection), options(a, 'collection'));
    return null;
  },
  dropCollection: (t, a) => asDb(t).dropCollection(String(a.collection), options(a, 'collection')),
  listCollections: (t, a) => asDb(t).listCollections(filterOf(a), options(a, 'filter')).toArray(),
  runCommand: (t, a) =>
    asDb(t).command(a.command as Document, options(a, 'command', 'commandName')),
  modifyCollection: (t, a) =>
    asDb(t).command({ collMod: a.collection, ...options(a, 'collection') }),
};

/** Server error codes and shapes, and bulkWrite result counts, as mongod reports them. */
import { MongoBulkWriteError, MongoServerError, type Collection } from 'mongodb';
import { openTestDb, rejectionOf, serverErrorOf, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
let c: Collection<AnyDoc>;

beforeAll(async () => {
  t = await openTestDb('errors');
  c = t.db.collection<AnyDoc>('items');
});
afterAll(async () => t.close());
beforeEach(async () => {
  await c.deleteMany({});
  await c.insertMany([
    { _id: 1, a: 1, s: 'text' },
    { _id: 2, a: 2 },
  ]);
});

describe('update errors', () => {
  it.each([
    ['$set and $inc on one path', { $set: { a: 5 }, $inc: { a: 1 } }],
    ['a path and its parent', { $set: { 'x.y': 1 }, $unset: { x: '' } }],
    ['$set and $setOnInsert on one path', { $set: { a: 1 }, $setOnInsert: { a: 2 } }],
  ])('rejects %s with ConflictingUpdateOperators (40)', async (_label, update) => {
    const err = await serverErrorOf(c.updateOne({ _id: 1 }, update, { upsert: true }));
    expect(err.code).toBe(40);
    // write errors may omit codeName (servers differ); when present it must be the right one
    if (err.codeName !== undefined) expect(err.codeName).toBe('ConflictingUpdateOperators');
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, a: 1, s: 'text' });
  });

  it('refuses to change _id with ImmutableField (66), in updates and replacements', async () => {
    const err = await serverErrorOf(c.updateOne({ _id: 1 }, { $set: { _id: 3 } }));
    expect(err.code).toBe(66);
    if (err.codeName !== undefined) expect(err.codeName).toBe('ImmutableField');
    expect(err.message).toMatch(/_id/);
    const rep = await serverErrorOf(c.replaceOne({ _id: 1 }, { _id: 4, a: 0 }));
    expect(rep.code).toBe(66);
    expect(await c.countDocuments({ _id: { $in: [3, 4] } })).toBe(0);
  });

  it('accepts a $set of _id to its current value', async () => {
    const res = await c.updateOne({ _id: 1 }, { $set: { _id: 1, a: 9 } });
    expect([res.matchedCount, res.modifiedCount]).toEqual([1, 1]);
  });

  it('rejects $inc of a string with TypeMismatch (14)', async () => {
    const err = await serverErrorOf(c.updateOne({ _id: 1 }, { $inc: { s: 1 } }));
    expect(err.code).toBe(14);
  });

  it('rejects an unknown update operator with FailedToParse (9)', async () => {
    const err = await serverErrorOf(c.updateOne({ _id: 1 }, { $frobnicate: { a: 1 } }));
    expect(err.code).toBe(9);
  });

  it('rejects an unknown query operator with BadValue (2)', async () => {
    const err = await serverErrorOf(c.find({ a: { $nosuch: 1 } }).toArray());
    expect(err.code).toBe(2);
  });
});

describe('command errors', () => {
  it('answers an unknown command with CommandNotFound (59)', async () => {
    const err = await serverErrorOf(t.db.command({ nosuch: 1 }));
    expect(err.code).toBe(59);
    expect(err.codeName).toBe('CommandNotFound');
    expect(err.message).toMatch(/no such (cmd|command)/);
  });

  it('answers drop of a missing collection with NamespaceNotFound (26)', async () => {
    const err = await serverErrorOf(t.db.command({ drop: 'does_not_exist' }));
    expect(err.code).toBe(26);
    expect(err.codeName).toBe('NamespaceNotFound');
  });

  it('answers create of an existing collection with NamespaceExists (48)', async () => {
    await t.db.createCollection('made');
    const err = await serverErrorOf(t.db.createCollection('made'));
    expect(err.code).toBe(48);
    expect(err.codeName).toBe('NamespaceExists');
  });

  it('refuses a document over 16 MB with BSONObjectTooLarge (10334) and stays usable', async () => {
    // just over the limit: the driver's own serializer cannot build documents much above 17 MB
    const big = { _id: 'big', blob: 'x'.repeat(16 * 1024 * 1024 + 1024) };
    const err = await rejectionOf(c.insertOne(big));
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(10334);
    expect(await c.findOne({ _id: 'big' })).toBeNull();
    expect((await t.db.command({ ping: 1 })).ok).toBe(1);
  });

  it('accepts a document just under 16 MB', async () => {
    const doc = { _id: 'almost', blob: 'y'.repeat(16 * 1024 * 1024 - 100) };
    await c.insertOne(doc);
    const back = await c.findOne({ _id: 'almost' }, { projection: { _id: 1 } });
    expect(back).toEqual({ _id: 'almost' });
    await c.deleteOne({ _id: 'almost' });
  });

  it('refuses transactions on a standalone server', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      // mongod answers IllegalOperation (20): transaction numbers need a replica set; the driver
      // wraps that reply in its "does not support retryable writes" error
      const err = await rejectionOf(c.insertOne({ _id: 'tx' }, { session }));
      expect(err).toBeInstanceOf(MongoServerError);
      const server = err as MongoServerError & { originalError?: { code?: number } };
      expect(server.originalError?.code ?? server.code).toBe(20);
      expect(await c.findOne({ _id: 'tx' })).toBeNull();
    } finally {
      await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
  });
});

describe('bulkWrite', () => {
  it('reports every count and the upserted ids by operation index', async () => {
    const res = await c.bulkWrite([
      { insertOne: { document: { _id: 10, a: 10 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { a: 100 } } } },
      { updateMany: { filter: { a: { $gte: 2 } }, update: { $set: { big: true } } } },
      { updateOne: { filter: { _id: 20 }, update: { $set: { a: 20 } }, upsert: true } },
      { replaceOne: { filter: { _id: 21 }, replacement: { a: 21 }, upsert: true } },
      { replaceOne: { filter: { _id: 2 }, replacement: { a: 2, big: true } } },
      { deleteOne: { filter: { _id: 10 } } },
      { deleteMany: { filter: { a: { $gte: 20, $lt: 100 } } } },
    ]);
    expect(res.insertedCount).toBe(1);
    expect(res.matchedCount).toBe(1 + 3 + 1);
    expect(res.modifiedCount).toBe(1 + 3 + 0);
    expect(res.deletedCount).toBe(1 + 2);
    expect(res.upsertedCount).toBe(2);
    expect(res.upsertedIds).toEqual({ 3: 20, 4: 21 });
    expect(res.insertedIds).toEqual({ 0: 10 });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, a: 100, s: 'text', big: true },
      { _id: 2, a: 2, big: true },
    ]);
  });

  it('stops at the first error when ordered, reporting the index and what succeeded', async () => {
    const err = await rejectionOf(
      c.bulkWrite([
        { insertOne: { document: { _id: 30 } } },
        { insertOne: { document: { _id: 1 } } },
        { insertOne: { document: { _id: 31 } } },
      ]),
    );
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    expect(bulk.writeErrors).toMatchObject([{ index: 1, code: 11000 }]);
    expect(bulk.result.insertedCount).toBe(1);
    expect(await c.countDocuments({ _id: { $in: [30, 31] } })).toBe(1);
  });

  it('continues past errors when unordered', async () => {
    const err = await rejectionOf(
      c.bulkWrite(
        [
          { insertOne: { document: { _id: 1 } } },
          { insertOne: { document: { _id: 40 } } },
          { insertOne: { document: { _id: 2 } } },
        ],
        { ordered: false },
      ),
    );
    const bulk = err as MongoBulkWriteError;
    expect(bulk.writeErrors).toHaveLength(2);
    expect([bulk.writeErrors].flat().map((e) => e.index)).toEqual([0, 2]);
    expect(bulk.result.insertedCount).toBe(1);
    expect(await c.findOne({ _id: 40 })).toEqual({ _id: 40 });
  });

  it('insertMany with a duplicate _id reports E11000 on _id_', async () => {
    const err = await rejectionOf(c.insertMany([{ _id: 50 }, { _id: 50 }]));
    expect((err as MongoBulkWriteError).code).toBe(11000);
    expect(err.message).toMatch(
      /E11000 duplicate key error collection: .*\.items index: _id_ dup key: \{ _id: 50 \}/,
    );
  });
});

/** Index creation, listing, dropping, and what unique/sparse/partial/compound/TTL indexes enforce. */
import { MongoServerError, type Collection } from 'mongodb';
import {
  openTestDb,
  serverErrorOf,
  ttlWaitMs,
  waitFor,
  type TestDb,
  type AnyDoc,
} from './helpers/db.js';

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb('indexes');
});
afterAll(async () => t.close());

let seq = 0;
const fresh = (): Collection<AnyDoc> => t.db.collection<AnyDoc>(`c${(seq += 1)}`);

describe('unique indexes', () => {
  it('rejects a duplicate with 11000, keyPattern, keyValue and mongod message shape', async () => {
    const c = fresh();
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await c.insertOne({ _id: 1, email: 'a@x.org' });
    const err = await serverErrorOf(c.insertOne({ _id: 2, email: 'a@x.org' }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x.org' });
    expect(err.message).toBe(
      `E11000 duplicate key error collection: ${t.db.databaseName}.${c.collectionName} index: email_1 dup key: { email: "a@x.org" }`,
    );
    expect(await c.countDocuments()).toBe(1);
  });

  it('rejects an update that would duplicate, leaving the document unchanged', async () => {
    const c = fresh();
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertMany([
      { _id: 1, code: 'A' },
      { _id: 2, code: 'B' },
    ]);
    const err = await serverErrorOf(c.updateOne({ _id: 2 }, { $set: { code: 'A' } }));
    expect(err.code).toBe(11000);
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, code: 'B' });
  });

  it('enforces compound uniqueness on the combination only', async () => {
    const c = fresh();
    await c.createIndex({ cohort: 1, user: -1 }, { unique: true });
    await c.insertMany([
      { cohort: 1, user: 'a' },
      { cohort: 1, user: 'b' },
      { cohort: 2, user: 'a' },
    ]);
    const err = await serverErrorOf(c.insertOne({ cohort: 1, user: 'a' }));
    expect(err.keyPattern).toEqual({ cohort: 1, user: -1 });
    expect(err.keyValue).toEqual({ cohort: 1, user: 'a' });
    expect(err.message).toContain('index: cohort_1_user_-1 dup key: { cohort: 1, user: "a" }');
  });

  it('treats missing fields as null unless the index is sparse', async () => {
    const plain = fresh();
    await plain.createIndex({ nick: 1 }, { unique: true });
    await plain.insertOne({ _id: 1 });
    expect((await serverErrorOf(plain.insertOne({ _id: 2 }))).code).toBe(11000);
    const sparse = fresh();
    await sparse.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3, nick: 'x' }]);
    expect((await serverErrorOf(sparse.insertOne({ _id: 4, nick: 'x' }))).code).toBe(11000);
  });

  it('enforces a partial unique index only on matching documents', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([
      { email: 'a', active: false },
      { email: 'a', active: false },
      { email: 'a', active: true },
    ]);
    expect((await serverErrorOf(c.insertOne({ email: 'a', active: true }))).code).toBe(11000);
    const listed = (await c.listIndexes().toArray()).find((i) => i.name === 'email_1');
    expect(listed).toMatchObject({ unique: true, partialFilterExpression: { active: true } });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = fresh();
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    const err = await serverErrorOf(c.createIndex({ k: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('reports a duplicate _id on the _id_ index', async () => {
    const c = fresh();
    await c.insertOne({ _id: 'x' });
    const err = await serverErrorOf(c.insertOne({ _id: 'x' }));
    expect(err.keyPattern).toEqual({ _id: 1 });
    expect(err.message).toContain('index: _id_ dup key: { _id: "x" }');
  });
});

describe('listing and dropping', () => {
  it('lists _id_ first with v 2, then created indexes with their options', async () => {
    const c = fresh();
    await c.insertOne({ a: 1 });
    await c.createIndexes([
      { key: { a: 1 } },
      { key: { b: -1, c: 1 }, name: 'bc' },
      { key: { d: 1 }, sparse: true },
    ]);
    const list = await c.listIndexes().toArray();
    expect(list.map((i) => i.name)).toEqual(['_id_', 'a_1', 'bc', 'd_1']);
    expect(list[0]).toEqual({ v: 2, key: { _id: 1 }, name: '_id_' });
    expect(list[1]).toEqual({ v: 2, key: { a: 1 }, name: 'a_1' });
    expect(list[3]).toEqual({ v: 2, key: { d: 1 }, name: 'd_1', sparse: true });
  });

  it('creating the same index twice is a no-op', async () => {
    const c = fresh();
    await c.createIndex({ a: 1 });
    const reply = await t.db.command({
      createIndexes: c.collectionName,
      indexes: [{ key: { a: 1 }, name: 'a_1' }],
    });
    expect(reply.ok).toBe(1);
    expect(reply.numIndexesBefore).toBe(reply.numIndexesAfter);
    expect(await c.listIndexes().toArray()).toHaveLength(2);
  });

  it('rejects the same name with another key (86) and the same key with other options (85)', async () => {
    const c = fresh();
    await c.createIndex({ a: 1 }, { name: 'idx' });
    expect((await serverErrorOf(c.createIndex({ b: 1 }, { name: 'idx' }))).code).toBe(86);
    expect(
      (await serverErrorOf(c.createIndex({ a: 1 }, { name: 'other', unique: true }))).code,
    ).toBe(85);
  });

  it('drops by name, drops all but _id_, and reports a missing index (27)', async () => {
    const c = fresh();
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    await c.dropIndex('a_1');
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'b_1', 'c_1']);
    const missing = await serverErrorOf(c.dropIndex('nope_1'));
    expect(missing.code).toBe(27);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    const idErr = await serverErrorOf(c.dropIndex('_id_'));
    expect(idErr).toBeInstanceOf(MongoServerError);
  });

  it('listIndexes on a missing collection answers NamespaceNotFound (26)', async () => {
    const err = await serverErrorOf(t.db.collection<AnyDoc>('never_made').listIndexes().toArray());
    expect(err.code).toBe(26);
  });

  it('queries through an index return the same documents as a scan', async () => {
    const c = fresh();
    await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: i, k: i % 50, r: i % 7 })));
    const scan = await c
      .find({ k: { $gte: 10, $lt: 13 }, r: 2 })
      .sort({ _id: 1 })
      .toArray();
    await c.createIndex({ k: 1, r: 1 });
    const viaIndex = await c
      .find({ k: { $gte: 10, $lt: 13 }, r: 2 })
      .sort({ _id: 1 })
      .toArray();
    expect(viaIndex).toEqual(scan);
    expect(scan.length).toBeGreaterThan(0);
    const eq = await c.find({ k: { $in: [3, 4] } }).toArray();
    expect(eq).toHaveLength(20);
  });
});

describe('TTL', () => {
  it(
    'removes a document whose date has passed, and keeps future ones',
    async () => {
      const c = fresh();
      await c.createIndex({ expires: 1 }, { expireAfterSeconds: 0 });
      const listed = (await c.listIndexes().toArray()).find((i) => i.name === 'expires_1');
      expect(listed?.expireAfterSeconds).toBe(0);
      await c.insertMany([
        { _id: 'old', expires: new Date(Date.now() - 60_000) },
        { _id: 'future', expires: new Date(Date.now() + 3_600_000) },
        { _id: 'not-a-date', expires: 'yesterday' },
      ]);
      const gone = await waitFor(
        async () => (await c.findOne({ _id: 'old' })) === null,
        ttlWaitMs(),
        200,
      );
      expect(gone).toBe(true);
      expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([
        'future',
        'not-a-date',
      ]);
    },
    ttlWaitMs() + 10_000,
  );
});

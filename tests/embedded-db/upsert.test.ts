/** updateMany counts, upserts (with $setOnInsert), replaceOne and pipeline updates. */
import type { Collection } from 'mongodb';
import { openTestDb, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
let c: Collection<AnyDoc>;

beforeAll(async () => {
  t = await openTestDb('upsert');
  c = t.db.collection<AnyDoc>('docs');
});
afterAll(async () => t.close());
beforeEach(async () => {
  await c.deleteMany({});
});

describe('updateMany, upsert, replace and pipelines', () => {
  it('updateMany counts matched and actually modified documents', async () => {
    await c.insertMany([
      { _id: 1, s: 'a' },
      { _id: 2, s: 'b' },
      { _id: 3, s: 'a' },
      { _id: 4, s: 'x' },
    ]);
    const res = await c.updateMany({ _id: { $lte: 3 } }, { $set: { s: 'a' } });
    expect([res.matchedCount, res.modifiedCount, res.upsertedCount]).toEqual([3, 1, 0]);
    expect(res.upsertedId).toBeNull();
  });

  it('upsert inserts the equality fields of the query, $set and $setOnInsert', async () => {
    const res = await c.updateOne(
      { name: 'job', kind: 'single', n: { $gt: 3 } },
      { $set: { at: 1 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect([res.matchedCount, res.modifiedCount, res.upsertedCount]).toEqual([0, 0, 1]);
    expect(res.upsertedId).toBeDefined();
    const doc = await c.findOne({ _id: res.upsertedId! });
    expect(doc).toEqual({ _id: res.upsertedId, name: 'job', kind: 'single', at: 1, created: true });
  });

  it('$setOnInsert is ignored when the upsert matches', async () => {
    await c.insertOne({ _id: 1, name: 'job', created: false });
    const res = await c.updateOne(
      { name: 'job' },
      { $set: { at: 2 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect([res.matchedCount, res.modifiedCount, res.upsertedCount]).toEqual([1, 1, 0]);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, name: 'job', created: false, at: 2 });
  });

  it('upsert takes _id from the query', async () => {
    const res = await c.updateOne(
      { _id: 'sid-1' },
      { $set: { _id: 'sid-1', v: 1 } },
      { upsert: true },
    );
    expect(res.upsertedId).toBe('sid-1');
    expect(await c.findOne({ _id: 'sid-1' })).toEqual({ _id: 'sid-1', v: 1 });
  });

  it('replaceOne keeps _id, drops other fields, and upserts', async () => {
    await c.insertOne({ _id: 1, a: 1, b: 2 });
    const res = await c.replaceOne({ a: 1 }, { c: 3 });
    expect([res.matchedCount, res.modifiedCount]).toEqual([1, 1]);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, c: 3 });
    const up = await c.replaceOne({ _id: 9 }, { z: 1 }, { upsert: true });
    expect(up.upsertedId).toBe(9);
    expect(await c.findOne({ _id: 9 })).toEqual({ _id: 9, z: 1 });
  });

  it('pipeline updates with $set/$unset/$addFields expressions', async () => {
    await c.insertMany([
      { _id: 1, a: 2, b: 3 },
      { _id: 2, a: 10, b: 1 },
    ]);
    const res = await c.updateMany({}, [
      { $set: { total: { $add: ['$a', '$b'] } } },
      { $unset: 'b' },
    ]);
    expect(res.modifiedCount).toBe(2);
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, a: 2, total: 5 },
      { _id: 2, a: 10, total: 11 },
    ]);
  });
});

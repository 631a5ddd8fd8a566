/** findOneAndUpdate / findOneAndReplace / findOneAndDelete, including the shape Agenda locks with. */
import type { Collection, Document } from 'mongodb';
import { openTestDb, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
let c: Collection<AnyDoc>;

beforeAll(async () => {
  t = await openTestDb('fam');
  c = t.db.collection<AnyDoc>('jobs');
});
afterAll(async () => t.close());
beforeEach(async () => {
  await c.deleteMany({});
  await c.insertMany([
    { _id: 1, name: 'a', n: 1, prio: 0 },
    { _id: 2, name: 'b', n: 2, prio: 5 },
    { _id: 3, name: 'b', n: 3, prio: 1 },
  ]);
});

describe('findOneAndUpdate', () => {
  it('returns the document before the update by default', async () => {
    const before = await c.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } });
    expect(before).toEqual({ _id: 1, name: 'a', n: 1, prio: 0 });
    expect((await c.findOne({ _id: 1 }))!.n).toBe(2);
  });

  it('returns the updated document with returnDocument after', async () => {
    const after = await c.findOneAndUpdate(
      { _id: 1 },
      { $set: { x: true } },
      { returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 1, name: 'a', n: 1, prio: 0, x: true });
  });

  it('picks the first document in sort order and applies the projection', async () => {
    const doc = await c.findOneAndUpdate(
      { name: 'b' },
      { $set: { locked: true } },
      { sort: { prio: -1 }, projection: { n: 1 }, returnDocument: 'after' },
    );
    expect(doc).toEqual({ _id: 2, n: 2 });
    expect(await c.countDocuments({ locked: true })).toBe(1);
  });

  it('returns null when nothing matches, and upserts when asked', async () => {
    expect(await c.findOneAndUpdate({ _id: 99 }, { $set: { y: 1 } })).toBeNull();
    expect(await c.findOne({ _id: 99 })).toBeNull();
    expect(await c.findOneAndUpdate({ _id: 99 }, { $set: { y: 1 } }, { upsert: true })).toBeNull();
    expect(await c.findOne({ _id: 99 })).toEqual({ _id: 99, y: 1 });
    const created = await c.findOneAndUpdate(
      { name: 'z' },
      { $set: { y: 2 }, $setOnInsert: { first: true } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(created).toMatchObject({ name: 'z', y: 2, first: true });
  });

  it('reports lastErrorObject and value with includeResultMetadata', async () => {
    const res = await c.findOneAndUpdate(
      { _id: 77 },
      { $set: { v: 1 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(res.ok).toBe(1);
    expect(res.value).toEqual({ _id: 77, v: 1 });
    expect(res.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 77 });
    const again = await c.findOneAndUpdate(
      { _id: 77 },
      { $set: { v: 2 } },
      { includeResultMetadata: true },
    );
    expect(again.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
  });

  it('locks like Agenda: $or over lockedAt null / expired with a sort', async () => {
    const now = new Date();
    await c.deleteMany({});
    await c.insertMany([
      {
        _id: 1,
        name: 'job',
        nextRunAt: new Date(now.getTime() - 1000),
        priority: 0,
        lockedAt: null,
      },
      {
        _id: 2,
        name: 'job',
        nextRunAt: new Date(now.getTime() - 5000),
        priority: 0,
        lockedAt: new Date(),
      },
      {
        _id: 3,
        name: 'job',
        nextRunAt: new Date(now.getTime() - 2000),
        priority: 10,
        lockedAt: null,
      },
      {
        _id: 4,
        name: 'job',
        nextRunAt: new Date(now.getTime() + 60000),
        priority: 0,
        lockedAt: null,
      },
    ]);
    const lockDeadline = new Date(now.getTime() - 600_000);
    const filter = {
      name: 'job',
      disabled: { $ne: true },
      $or: [
        { lockedAt: { $eq: null }, nextRunAt: { $lte: now } },
        { lockedAt: { $lte: lockDeadline } },
      ],
    };
    const order: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const job = await c.findOneAndUpdate(
        filter,
        { $set: { lockedAt: new Date() } },
        {
          sort: { nextRunAt: 1, priority: -1 },
          returnDocument: 'after',
        },
      );
      order.push(job?._id ?? null);
    }
    expect(order).toEqual([3, 1, null]);
  });

  it('is atomic: concurrent lockers never take the same document twice', async () => {
    await c.deleteMany({});
    await c.insertMany(Array.from({ length: 30 }, (_, i) => ({ _id: i, lockedAt: null })));
    const take = (): Promise<Document | null> =>
      c.findOneAndUpdate(
        { lockedAt: null },
        { $set: { lockedAt: new Date() } },
        { sort: { _id: 1 } },
      );
    const results = await Promise.all(Array.from({ length: 40 }, take));
    const taken = results.filter((d) => d !== null).map((d) => d!._id);
    expect(taken).toHaveLength(30);
    expect(new Set(taken).size).toBe(30);
  });
});

describe('findOneAndReplace and findOneAndDelete', () => {
  it('replaces and returns before or after', async () => {
    expect(await c.findOneAndReplace({ _id: 1 }, { r: 1 })).toEqual({
      _id: 1,
      name: 'a',
      n: 1,
      prio: 0,
    });
    expect(await c.findOneAndReplace({ _id: 1 }, { r: 2 }, { returnDocument: 'after' })).toEqual({
      _id: 1,
      r: 2,
    });
    expect(
      await c.findOneAndReplace({ _id: 50 }, { r: 3 }, { upsert: true, returnDocument: 'after' }),
    ).toEqual({
      _id: 50,
      r: 3,
    });
  });

  it('deletes the first document in sort order and returns it', async () => {
    const doc = await c.findOneAndDelete({ name: 'b' }, { sort: { n: -1 } });
    expect(doc).toEqual({ _id: 3, name: 'b', n: 3, prio: 1 });
    expect(await c.countDocuments()).toBe(2);
    expect(await c.findOneAndDelete({ name: 'none' })).toBeNull();
  });
});

/** Update operators: field operators, array operators, positional paths and arrayFilters. */
import { Timestamp, type Collection, type Document } from 'mongodb';
import { openTestDb, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
let c: Collection<AnyDoc>;

beforeAll(async () => {
  t = await openTestDb('update');
  c = t.db.collection<AnyDoc>('docs');
});
afterAll(async () => t.close());
beforeEach(async () => {
  await c.deleteMany({});
});

/** Inserts `doc` under _id 1, applies `update`, and returns the stored document. */
async function applied(
  doc: Document,
  update: Document | Document[],
  options = {},
): Promise<Document | null> {
  await c.insertOne({ _id: 1, ...doc });
  const res = await c.updateOne({ _id: 1 }, update, options);
  expect(res.matchedCount).toBe(1);
  return c.findOne({ _id: 1 });
}

describe('field operators', () => {
  it('$set creates nested paths and sets array elements by index', async () => {
    expect(
      await applied({ arr: [1, 2, 3] }, { $set: { 'a.b.c': 1, 'arr.1': 20, top: 'x' } }),
    ).toEqual({
      _id: 1,
      arr: [1, 20, 3],
      a: { b: { c: 1 } },
      top: 'x',
    });
  });

  it('$unset removes fields, and a missing one is matched but not modified', async () => {
    await c.insertOne({ _id: 1, a: 1, b: { c: 2, d: 3 } });
    const res = await c.updateOne({ _id: 1 }, { $unset: { a: '', 'b.c': 1 } });
    expect(res.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, b: { d: 3 } });
    const again = await c.updateOne({ _id: 1 }, { $unset: { a: '' } });
    expect([again.matchedCount, again.modifiedCount]).toEqual([1, 0]);
  });

  it('$inc and $mul, creating missing fields', async () => {
    expect(
      await applied({ n: 5, m: 3 }, { $inc: { n: 2, fresh: 4 }, $mul: { m: 2.5, none: 3 } }),
    ).toEqual({
      _id: 1,
      n: 7,
      m: 7.5,
      fresh: 4,
      none: 0,
    });
  });

  it('$min, $max and $rename', async () => {
    expect(
      await applied(
        { lo: 5, hi: 5, old: 'v' },
        { $min: { lo: 3 }, $max: { hi: 9 }, $rename: { old: 'neu' } },
      ),
    ).toEqual({
      _id: 1,
      lo: 3,
      hi: 9,
      neu: 'v',
    });
    await c.updateOne({ _id: 1 }, { $min: { lo: 10 }, $max: { hi: 1 } });
    expect(await c.findOne({ _id: 1 }, { projection: { lo: 1, hi: 1 } })).toEqual({
      _id: 1,
      lo: 3,
      hi: 9,
    });
  });

  it('$currentDate sets a Date or a Timestamp', async () => {
    const before = Date.now();
    const doc = await applied({}, { $currentDate: { d: true, ts: { $type: 'timestamp' } } });
    expect(doc!.d).toBeInstanceOf(Date);
    expect((doc!.d as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(doc!.ts).toBeInstanceOf(Timestamp);
  });

  it('$bit and/or/xor', async () => {
    expect(
      await applied(
        { a: 12, b: 12, x: 12 },
        { $bit: { a: { and: 10 }, b: { or: 3 }, x: { xor: 5 } } },
      ),
    ).toEqual({
      _id: 1,
      a: 8,
      b: 15,
      x: 9,
    });
  });
});

describe('array operators', () => {
  it('$push with $each, $position, $sort and $slice', async () => {
    expect(
      await applied({ a: [5, 1] }, { $push: { a: { $each: [3, 9, 7], $sort: 1, $slice: 4 } } }),
    ).toEqual({
      _id: 1,
      a: [1, 3, 5, 7],
    });
    await c.updateOne({ _id: 1 }, { $push: { a: { $each: [0], $position: 0 } } } as AnyDoc);
    expect((await c.findOne({ _id: 1 }))!.a).toEqual([0, 1, 3, 5, 7]);
    await c.updateOne({ _id: 1 }, { $push: { created: 'x' } } as AnyDoc);
    expect((await c.findOne({ _id: 1 }))!.created).toEqual(['x']);
  });

  it('$addToSet skips members already present', async () => {
    expect(
      await applied({ a: ['x'] }, { $addToSet: { a: { $each: ['x', 'y', 'y', 'z'] } } }),
    ).toEqual({
      _id: 1,
      a: ['x', 'y', 'z'],
    });
    const res = await c.updateOne({ _id: 1 }, { $addToSet: { a: 'x' } });
    expect(res.modifiedCount).toBe(0);
  });

  it('$pop, $pull with a condition, and $pullAll', async () => {
    expect(
      await applied(
        { a: [1, 2, 3], b: [1, 2, 3], p: [{ k: 1 }, { k: 5 }, { k: 7 }], q: [1, 2, 1, 3] },
        { $pop: { a: 1, b: -1 }, $pull: { p: { k: { $gte: 5 } } }, $pullAll: { q: [1, 3] } },
      ),
    ).toEqual({ _id: 1, a: [1, 2], b: [2, 3], p: [{ k: 1 }], q: [2] });
  });

  it('positional $ updates the first matching element', async () => {
    await c.insertOne({
      _id: 1,
      items: [
        { sku: 'a', n: 1 },
        { sku: 'b', n: 1 },
        { sku: 'b', n: 1 },
      ],
    });
    await c.updateOne({ _id: 1, 'items.sku': 'b' }, { $inc: { 'items.$.n': 10 } });
    expect((await c.findOne({ _id: 1 }))!.items).toEqual([
      { sku: 'a', n: 1 },
      { sku: 'b', n: 11 },
      { sku: 'b', n: 1 },
    ]);
  });

  it('positional $ with $elemMatch on several conditions', async () => {
    await c.insertOne({
      _id: 1,
      g: [
        { a: 1, b: 2 },
        { a: 1, b: 3 },
      ],
    });
    await c.updateOne({ _id: 1, g: { $elemMatch: { a: 1, b: 3 } } }, { $set: { 'g.$.hit': true } });
    expect((await c.findOne({ _id: 1 }))!.g).toEqual([
      { a: 1, b: 2 },
      { a: 1, b: 3, hit: true },
    ]);
  });

  it('$[] updates every element; $[name] with arrayFilters only the filtered ones', async () => {
    await c.insertOne({ _id: 1, grades: [80, 95, 100], marks: [{ v: 1 }, { v: 7 }, { v: 9 }] });
    await c.updateOne({ _id: 1 }, { $inc: { 'grades.$[]': 1 } });
    await c.updateOne(
      { _id: 1 },
      { $set: { 'marks.$[big].top': true } },
      { arrayFilters: [{ 'big.v': { $gt: 5 } }] },
    );
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      grades: [81, 96, 101],
      marks: [{ v: 1 }, { v: 7, top: true }, { v: 9, top: true }],
    });
  });

  it('nested arrayFilters identifiers', async () => {
    await c.insertOne({
      _id: 1,
      y: [
        { b: 5, c: [{ d: 2 }, { d: 1 }] },
        { b: 1, c: [{ d: 2 }] },
      ],
    });
    await c.updateOne(
      { _id: 1 },
      { $set: { 'y.$[i].c.$[j].d': 0 } },
      { arrayFilters: [{ 'i.b': 5 }, { 'j.d': 2 }] },
    );
    expect((await c.findOne({ _id: 1 }))!.y).toEqual([
      { b: 5, c: [{ d: 0 }, { d: 1 }] },
      { b: 1, c: [{ d: 2 }] },
    ]);
  });
});

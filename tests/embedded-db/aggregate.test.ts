/** Aggregation stages the platform and Agenda use, through the driver. */
import type { Collection, Document } from 'mongodb';
import { openTestDb, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
let orders: Collection<AnyDoc>;
let users: Collection<AnyDoc>;

beforeAll(async () => {
  t = await openTestDb('aggregate');
  orders = t.db.collection<AnyDoc>('orders');
  users = t.db.collection<AnyDoc>('users');
  await users.insertMany([
    { _id: 'u1', name: 'Ana', country: 'MK' },
    { _id: 'u2', name: 'Boris', country: 'BG' },
    { _id: 'u3', name: 'Cvetka', country: 'MK' },
  ]);
  await orders.insertMany([
    { _id: 1, user: 'u1', total: 10, items: ['a', 'b'], status: 'paid' },
    { _id: 2, user: 'u1', total: 5, items: ['c'], status: 'open' },
    { _id: 3, user: 'u2', total: 20, items: [], status: 'paid' },
    { _id: 4, user: 'u3', total: 7, status: 'paid' },
    { _id: 5, user: 'u9', total: 1, items: ['a'], status: 'open' },
  ]);
});
afterAll(async () => t.close());

const run = (coll: Collection<AnyDoc>, pipeline: Document[]): Promise<Document[]> =>
  coll.aggregate(pipeline).toArray();

describe('aggregation', () => {
  it('$match + $group with accumulators, then $sort', async () => {
    const res = await run(orders, [
      { $match: { status: 'paid' } },
      {
        $group: {
          _id: '$user',
          sum: { $sum: '$total' },
          avg: { $avg: '$total' },
          n: { $sum: 1 },
          max: { $max: '$total' },
        },
      },
      { $sort: { sum: -1 } },
    ]);
    expect(res).toEqual([
      { _id: 'u2', sum: 20, avg: 20, n: 1, max: 20 },
      { _id: 'u1', sum: 10, avg: 10, n: 1, max: 10 },
      { _id: 'u3', sum: 7, avg: 7, n: 1, max: 7 },
    ]);
  });

  it('$group by null and by a compound key, with $push/$addToSet/$first/$last', async () => {
    const [all] = await run(orders, [
      { $group: { _id: null, total: { $sum: '$total' }, users: { $addToSet: '$user' } } },
    ]);
    expect(all.total).toBe(43);
    expect([...all.users].sort()).toEqual(['u1', 'u2', 'u3', 'u9']);
    const byPair = await run(orders, [
      { $sort: { _id: 1 } },
      {
        $group: {
          _id: { u: '$user', s: '$status' },
          ids: { $push: '$_id' },
          first: { $first: '$total' },
          last: { $last: '$total' },
        },
      },
      { $sort: { '_id.u': 1, '_id.s': 1 } },
    ]);
    expect(byPair[0]).toEqual({ _id: { u: 'u1', s: 'open' }, ids: [2], first: 5, last: 5 });
    expect(byPair).toHaveLength(5);
  });

  it('$count', async () => {
    expect(await run(orders, [{ $match: { total: { $gte: 7 } } }, { $count: 'big' }])).toEqual([
      { big: 3 },
    ]);
    // mongod emits no document at all when nothing reaches $count
    expect(await run(orders, [{ $match: { total: { $gte: 700 } } }, { $count: 'big' }])).toEqual(
      [],
    );
  });

  it('$lookup with localField/foreignField, keeping unmatched as empty arrays', async () => {
    const res = await run(orders, [
      { $sort: { _id: 1 } },
      { $lookup: { from: 'users', localField: 'user', foreignField: '_id', as: 'buyer' } },
      { $project: { _id: 1, buyer: '$buyer.name' } },
    ]);
    expect(res).toEqual([
      { _id: 1, buyer: ['Ana'] },
      { _id: 2, buyer: ['Ana'] },
      { _id: 3, buyer: ['Boris'] },
      { _id: 4, buyer: ['Cvetka'] },
      { _id: 5, buyer: [] },
    ]);
  });

  it('$lookup with let and a pipeline', async () => {
    const res = await run(users, [
      { $sort: { _id: 1 } },
      {
        $lookup: {
          from: 'orders',
          let: { uid: '$_id' },
          pipeline: [
            { $match: { $expr: { $eq: ['$user', '$$uid'] } } },
            { $group: { _id: null, spent: { $sum: '$total' } } },
          ],
          as: 'stats',
        },
      },
      { $project: { _id: 0, name: 1, spent: { $ifNull: [{ $first: '$stats.spent' }, 0] } } },
    ]);
    expect(res).toEqual([
      { name: 'Ana', spent: 15 },
      { name: 'Boris', spent: 20 },
      { name: 'Cvetka', spent: 7 },
    ]);
  });

  it('$unwind, also with preserveNullAndEmptyArrays and includeArrayIndex', async () => {
    const plain = await run(orders, [
      { $unwind: '$items' },
      { $sort: { _id: 1, items: 1 } },
      { $project: { items: 1 } },
    ]);
    expect(plain).toEqual([
      { _id: 1, items: 'a' },
      { _id: 1, items: 'b' },
      { _id: 2, items: 'c' },
      { _id: 5, items: 'a' },
    ]);
    const kept = await run(orders, [
      { $unwind: { path: '$items', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } },
      { $sort: { _id: 1, i: 1 } },
      { $project: { items: 1, i: 1 } },
    ]);
    expect(kept.map((d) => d._id)).toEqual([1, 1, 2, 3, 4, 5]);
    expect(kept[1]).toEqual({ _id: 1, items: 'b', i: 1 });
    expect(kept[3]).toEqual({ _id: 3, i: null });
  });

  it('never changes the stored documents', async () => {
    const fresh = t.db.collection<AnyDoc>('untouched');
    await fresh.insertMany([
      { _id: 1, items: ['a'], n: 1, s: 'x' },
      { _id: 2, n: 2, s: 'y' },
      { _id: 3, items: [], n: 3 },
    ]);
    const before = await fresh.find().sort({ _id: 1 }).toArray();
    await run(fresh, [
      { $unwind: { path: '$items', preserveNullAndEmptyArrays: true, includeArrayIndex: 'idx' } },
      { $addFields: { 'extra.x': 1, n: { $add: ['$n', 1] } } },
      { $set: { s: 'changed' } },
      { $unset: 'items' },
    ]);
    await run(fresh, [{ $project: { n: 1 } }, { $group: { _id: null, all: { $push: '$$ROOT' } } }]);
    expect(await fresh.find().sort({ _id: 1 }).toArray()).toEqual(before);
  });

  it('$project with expressions, and $addFields', async () => {
    const res = await run(orders, [
      { $match: { _id: { $in: [1, 4] } } },
      { $sort: { _id: 1 } },
      {
        $addFields: {
          double: { $multiply: ['$total', 2] },
          n: { $size: { $ifNull: ['$items', []] } },
        },
      },
      { $project: { total: 0, items: 0, user: 0 } },
    ]);
    expect(res).toEqual([
      { _id: 1, status: 'paid', double: 20, n: 2 },
      { _id: 4, status: 'paid', double: 14, n: 0 },
    ]);
  });

  it('$sort, $skip and $limit page through results', async () => {
    const res = await run(orders, [
      { $sort: { total: -1 } },
      { $skip: 1 },
      { $limit: 2 },
      { $project: { _id: 1 } },
    ]);
    expect(res).toEqual([{ _id: 1 }, { _id: 4 }]);
  });

  it('$facet runs sub-pipelines over the same input', async () => {
    const [res] = await run(orders, [
      {
        $facet: {
          count: [{ $count: 'n' }],
          top: [{ $sort: { total: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
          byStatus: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
        },
      },
    ]);
    expect(res).toEqual({
      count: [{ n: 5 }],
      top: [{ _id: 3 }],
      byStatus: [
        { _id: 'open', n: 2 },
        { _id: 'paid', n: 3 },
      ],
    });
  });

  it('returns large results through getMore with batchSize', async () => {
    const bulk = t.db.collection<AnyDoc>('bulk');
    await bulk.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, g: i % 3 })));
    const res = await bulk
      .aggregate([{ $match: { g: { $ne: 9 } } }, { $sort: { _id: -1 } }], { batchSize: 50 })
      .toArray();
    expect(res).toHaveLength(300);
    expect(res[0]._id).toBe(299);
  });

  it('aggregate on a missing collection returns nothing', async () => {
    expect(await run(t.db.collection<AnyDoc>('nope'), [{ $match: {} }])).toEqual([]);
  });
});

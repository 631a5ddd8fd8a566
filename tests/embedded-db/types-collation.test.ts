/** BSON types kept distinct through storage and $type, numeric comparison across types, collation. */
import {
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  ObjectId,
  Timestamp,
  type Collection,
  type Document,
} from 'mongodb';
import { openTestDb, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
let c: Collection<AnyDoc>;

beforeAll(async () => {
  t = await openTestDb('types');
  c = t.db.collection<AnyDoc>('typed');
  await c.insertMany([
    { _id: 'int', v: new Int32(7) },
    { _id: 'long', v: Long.fromNumber(7) },
    { _id: 'double', v: new Double(7) },
    { _id: 'decimal', v: Decimal128.fromString('7') },
    { _id: 'string', v: '7' },
    { _id: 'oid', v: new ObjectId() },
    { _id: 'bin', v: new Binary(Buffer.from('hi')) },
    { _id: 'ts', v: new Timestamp({ t: 1700000000, i: 1 }) },
    { _id: 'date', v: new Date(0) },
    { _id: 'bool', v: false },
    { _id: 'null', v: null },
    { _id: 'array', v: [] },
    { _id: 'object', v: { a: 1 } },
    { _id: 'regex', v: /re/ },
  ]);
});
afterAll(async () => t.close());

const idsOf = async (filter: Document): Promise<unknown[]> =>
  (
    await c
      .find(filter, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray()
  ).map((d) => d._id);

describe('$type', () => {
  it.each([
    ['int', ['int']],
    ['long', ['long']],
    ['double', ['double']],
    ['decimal', ['decimal']],
    ['string', ['string']],
    ['objectId', ['oid']],
    ['binData', ['bin']],
    ['timestamp', ['ts']],
    ['date', ['date']],
    ['bool', ['bool']],
    ['null', ['null']],
    ['object', ['object']],
    ['regex', ['regex']],
  ])('selects %s values only', async (alias, expected) => {
    expect(await idsOf({ v: { $type: alias } })).toEqual(expected);
  });

  it('accepts numeric type codes and "number"', async () => {
    expect(await idsOf({ v: { $type: 16 } })).toEqual(['int']);
    expect(await idsOf({ v: { $type: 18 } })).toEqual(['long']);
    expect(await idsOf({ v: { $type: 'number' } })).toEqual(['decimal', 'double', 'int', 'long']);
  });

  it('matches "array" for array fields', async () => {
    expect(await idsOf({ v: { $type: 'array' } })).toEqual(['array']);
  });
});

describe('numeric types', () => {
  it('round-trips int32, int64, double and Decimal128 unchanged', async () => {
    const docs = await c
      .find({ _id: { $in: ['int', 'long', 'double', 'decimal'] } }, { promoteValues: false })
      .sort({ _id: 1 })
      .toArray();
    const byId = Object.fromEntries(docs.map((d) => [String(d._id), d.v]));
    expect(byId.int).toBeInstanceOf(Int32);
    expect(byId.long).toBeInstanceOf(Long);
    expect(byId.double).toBeInstanceOf(Double);
    expect(byId.decimal).toBeInstanceOf(Decimal128);
    expect(String(byId.decimal)).toBe('7');
  });

  it('compares numbers across types: equality and ranges', async () => {
    expect(await idsOf({ v: 7 })).toEqual(['decimal', 'double', 'int', 'long']);
    expect(await idsOf({ v: Long.fromNumber(7) })).toEqual(['decimal', 'double', 'int', 'long']);
    expect(await idsOf({ v: Decimal128.fromString('7.0') })).toEqual([
      'decimal',
      'double',
      'int',
      'long',
    ]);
    expect(await idsOf({ v: { $gt: 6.5, $lt: Long.fromNumber(8) } })).toEqual([
      'decimal',
      'double',
      'int',
      'long',
    ]);
    expect(await idsOf({ v: { $gte: Decimal128.fromString('7.5') } })).toEqual([]);
  });

  it('keeps int32 for $inc of int32 and widens to double or long when needed', async () => {
    const coll = t.db.collection<AnyDoc>('incs');
    await coll.insertOne({ _id: 1, i: new Int32(1), d: new Int32(1), l: new Int32(2147483647) });
    await coll.updateOne({ _id: 1 }, { $inc: { i: new Int32(1), d: 0.5, l: new Int32(1) } });
    const doc = await coll.findOne({ _id: 1 }, { promoteValues: false });
    expect(doc!.i).toBeInstanceOf(Int32);
    expect(doc!.d).toBeInstanceOf(Double);
    expect(doc!.l).toBeInstanceOf(Long);
    expect(String(doc!.l)).toBe('2147483648');
  });
});

describe('collation', () => {
  let names: Collection<AnyDoc>;
  const strength2 = { locale: 'en', strength: 2 };
  beforeAll(async () => {
    names = t.db.collection<AnyDoc>('names');
    await names.insertMany([
      { _id: 1, name: 'alice', city: 'Skopje' },
      { _id: 2, name: 'Alice', city: 'SKOPJE' },
      { _id: 3, name: 'ALICE', city: 'sofia' },
      { _id: 4, name: 'bob', city: 'Sofia' },
      { _id: 5, name: 'Álice', city: 'Skopje' },
    ]);
  });

  it('strength 2 matches case-insensitively in find and count, accents still count', async () => {
    const found = await names
      .find({ name: 'alice' }, { collation: strength2 })
      .sort({ _id: 1 })
      .toArray();
    expect(found.map((d) => d._id)).toEqual([1, 2, 3]);
    expect(await names.countDocuments({ name: 'ALICE' }, { collation: strength2 })).toBe(3);
    expect(await names.countDocuments({ name: 'alice' })).toBe(1);
    expect(await names.countDocuments({ name: { $in: ['BOB'] } }, { collation: strength2 })).toBe(
      1,
    );
  });

  it('strength 1 also ignores accents', async () => {
    const found = await names
      .find({ name: 'alice' }, { collation: { locale: 'en', strength: 1 } })
      .toArray();
    expect(found.map((d) => d._id).sort()).toEqual([1, 2, 3, 5]);
  });

  it('distinct folds case-equal values together', async () => {
    const cities = await names.distinct('city', {}, { collation: strength2 });
    expect(cities).toHaveLength(2);
    expect(cities.map((s: string) => s.toLowerCase()).sort()).toEqual(['skopje', 'sofia']);
  });

  it('sorts case-insensitively with collation and by code point without', async () => {
    const plain = await names
      .find({ _id: { $in: [1, 4, 3] } })
      .sort({ name: 1 })
      .toArray();
    expect(plain.map((d) => d.name)).toEqual(['ALICE', 'alice', 'bob']);
    const folded = await names
      .find({ _id: { $in: [1, 4, 2] } }, { collation: strength2 })
      .sort({ name: -1 })
      .toArray();
    expect(folded[0].name).toBe('bob');
  });

  it('uses a collection default collation given at create time', async () => {
    await t.db.createCollection('ci', { collation: strength2 });
    const ci = t.db.collection<AnyDoc>('ci');
    await ci.insertMany([
      { _id: 1, tag: 'Library' },
      { _id: 2, tag: 'library' },
      { _id: 3, tag: 'other' },
    ]);
    expect(await ci.countDocuments({ tag: 'LIBRARY' })).toBe(2);
  });
});

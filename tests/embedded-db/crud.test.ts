/** CRUD through the official driver: inserts, filters, projection, deletes, counts, distinct. */
import { ObjectId, type Collection, type Document } from 'mongodb';
import { openTestDb, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
let people: Collection<AnyDoc>;

beforeAll(async () => {
  t = await openTestDb('crud');
  people = t.db.collection<AnyDoc>('people');
});
afterAll(async () => t.close());

beforeEach(async () => {
  await people.deleteMany({});
  await people.insertMany([
    {
      _id: 1,
      name: 'Ana',
      age: 31,
      city: 'Skopje',
      tags: ['a', 'b'],
      address: { zip: '1000', street: 'Main' },
    },
    { _id: 2, name: 'Boris', age: 25, city: 'Sofia', tags: ['b'], address: { zip: '1100' } },
    {
      _id: 3,
      name: 'Cvetka',
      age: 42,
      city: 'Skopje',
      tags: [],
      scores: [
        { s: 5, k: 'x' },
        { s: 9, k: 'y' },
      ],
    },
    { _id: 4, name: 'Dragan', age: null, city: 'Tirana', scores: [{ s: 1, k: 'x' }] },
    { _id: 5, name: 'Elena', city: 'Belgrade', tags: ['c', 'a'] },
  ]);
});

const ids = (docs: Document[]): unknown[] => docs.map((d) => d._id);

describe('inserts', () => {
  it('insertOne generates an ObjectId and stores _id as the first field', async () => {
    const res = await people.insertOne({ name: 'Filip', age: 50 });
    expect(res.acknowledged).toBe(true);
    expect(res.insertedId).toBeInstanceOf(ObjectId);
    const stored = await people.findOne({ _id: res.insertedId });
    expect(Object.keys(stored!)).toEqual(['_id', 'name', 'age']);
  });

  it('insertMany reports every inserted id and count', async () => {
    const res = await people.insertMany([{ _id: 10 }, { _id: 11 }, { _id: 'twelve' }]);
    expect(res.insertedCount).toBe(3);
    expect(res.insertedIds).toEqual({ 0: 10, 1: 11, 2: 'twelve' });
    expect(await people.countDocuments()).toBe(8);
  });

  it('keeps field order and nested documents exactly as inserted', async () => {
    await people.insertOne({ _id: 20, z: 1, a: { y: [1, { q: 2 }], b: null }, m: 'x' });
    const doc = await people.findOne({ _id: 20 });
    expect(Object.keys(doc!)).toEqual(['_id', 'z', 'a', 'm']);
    expect(doc).toEqual({ _id: 20, z: 1, a: { y: [1, { q: 2 }], b: null }, m: 'x' });
  });
});

describe('find filters', () => {
  const cases: [string, Document, unknown[]][] = [
    ['equality', { city: 'Skopje' }, [1, 3]],
    ['$ne', { city: { $ne: 'Skopje' } }, [2, 4, 5]],
    ['$gt', { age: { $gt: 30 } }, [1, 3]],
    ['$gte/$lte range', { age: { $gte: 25, $lte: 31 } }, [1, 2]],
    ['$lt', { age: { $lt: 30 } }, [2]],
    ['$in', { city: { $in: ['Sofia', 'Tirana'] } }, [2, 4]],
    ['$nin', { city: { $nin: ['Sofia', 'Tirana'] } }, [1, 3, 5]],
    ['null matches null and missing', { age: null }, [4, 5]],
    ['$exists true', { age: { $exists: true } }, [1, 2, 3, 4]],
    ['$exists false', { tags: { $exists: false } }, [4]],
    ['$and', { $and: [{ city: 'Skopje' }, { age: { $gt: 35 } }] }, [3]],
    ['$or', { $or: [{ city: 'Sofia' }, { age: 42 }] }, [2, 3]],
    ['$nor', { $nor: [{ city: 'Skopje' }, { city: 'Sofia' }] }, [4, 5]],
    ['$not', { age: { $not: { $gt: 30 } } }, [2, 4, 5]],
    ['$regex', { name: { $regex: '^[ab]', $options: 'i' } }, [1, 2]],
    ['regex literal', { name: /a$/ }, [1, 3, 5]],
    ['array contains', { tags: 'a' }, [1, 5]],
    ['$all', { tags: { $all: ['a', 'b'] } }, [1]],
    ['$size', { tags: { $size: 0 } }, [3]],
    ['$elemMatch', { scores: { $elemMatch: { s: { $gt: 4 }, k: 'x' } } }, [3]],
    ['dotted path into array of documents', { 'scores.k': 'y' }, [3]],
    ['dotted path into document', { 'address.zip': '1000' }, [1]],
    ['$type string', { age: { $type: 'null' } }, [4]],
    ['$expr', { $expr: { $gt: ['$age', 40] } }, [3]],
    ['$mod', { age: { $mod: [5, 0] } }, [2]],
    ['whole sub-document equality', { address: { zip: '1100' } }, [2]],
  ];
  it.each(cases)('%s', async (_label, filter, expected) => {
    const docs = await people.find(filter).sort({ _id: 1 }).toArray();
    expect(ids(docs)).toEqual(expected);
  });

  it('findOne returns null when nothing matches', async () => {
    expect(await people.findOne({ name: 'nobody' })).toBeNull();
  });
});

describe('projection', () => {
  it('inclusion puts _id first whatever the projection order', async () => {
    const doc = await people.findOne({ _id: 1 }, { projection: { city: 1, name: 1, _id: 1 } });
    expect(Object.keys(doc!)).toEqual(['_id', 'name', 'city']);
  });

  it('inclusion without _id still returns _id first', async () => {
    const doc = await people.findOne({ _id: 2 }, { projection: { age: 1, name: 1 } });
    expect(Object.keys(doc!)).toEqual(['_id', 'name', 'age']);
  });

  it('_id: 0 leaves it out; exclusion keeps the rest in stored order', async () => {
    expect(await people.findOne({ _id: 2 }, { projection: { _id: 0, name: 1 } })).toEqual({
      name: 'Boris',
    });
    const doc = await people.findOne({ _id: 2 }, { projection: { tags: 0, address: 0 } });
    expect(doc).toEqual({ _id: 2, name: 'Boris', age: 25, city: 'Sofia' });
    expect(Object.keys(doc!)).toEqual(['_id', 'name', 'age', 'city']);
  });

  it('projects nested fields and array elements with $slice and $elemMatch', async () => {
    expect(await people.findOne({ _id: 1 }, { projection: { 'address.zip': 1 } })).toEqual({
      _id: 1,
      address: { zip: '1000' },
    });
    expect(
      await people.findOne({ _id: 3 }, { projection: { scores: { $slice: 1 }, name: 1 } }),
    ).toEqual({
      _id: 3,
      name: 'Cvetka',
      scores: [{ s: 5, k: 'x' }],
    });
    expect(
      await people.findOne({ _id: 3 }, { projection: { scores: { $elemMatch: { k: 'y' } } } }),
    ).toEqual({
      _id: 3,
      scores: [{ s: 9, k: 'y' }],
    });
  });
});

describe('deletes', () => {
  it('deleteOne removes one matching document', async () => {
    const res = await people.deleteOne({ city: 'Skopje' });
    expect(res.deletedCount).toBe(1);
    expect(await people.countDocuments({ city: 'Skopje' })).toBe(1);
  });

  it('deleteMany removes every match and reports the count', async () => {
    expect((await people.deleteMany({ age: { $gte: 25 } })).deletedCount).toBe(3);
    expect(ids(await people.find().sort({ _id: 1 }).toArray())).toEqual([4, 5]);
    expect((await people.deleteMany({ nothing: true })).deletedCount).toBe(0);
  });
});

describe('counting and distinct', () => {
  it('countDocuments honours filter, skip and limit', async () => {
    expect(await people.countDocuments({})).toBe(5);
    expect(await people.countDocuments({ city: 'Skopje' })).toBe(2);
    expect(await people.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await people.countDocuments({}, { skip: 4 })).toBe(1);
  });

  it('estimatedDocumentCount reports the collection size', async () => {
    expect(await people.estimatedDocumentCount()).toBe(5);
    expect(await t.db.collection<AnyDoc>('missing_coll').estimatedDocumentCount()).toBe(0);
  });

  it('distinct unwinds arrays and applies the filter', async () => {
    expect((await people.distinct('city')).sort()).toEqual([
      'Belgrade',
      'Skopje',
      'Sofia',
      'Tirana',
    ]);
    expect((await people.distinct('tags')).sort()).toEqual(['a', 'b', 'c']);
    expect((await people.distinct('name', { city: 'Skopje' })).sort()).toEqual(['Ana', 'Cvetka']);
    expect((await people.distinct('scores.k')).sort()).toEqual(['x', 'y']);
    expect(await t.db.collection<AnyDoc>('missing_coll').distinct('x')).toEqual([]);
  });
});

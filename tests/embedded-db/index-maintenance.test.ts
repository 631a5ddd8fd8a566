/** Indexes kept in step with updates, deletes, nested array paths and dropped databases. */
import type { Document } from 'mongodb';
import { openTestDb, type AnyDoc, type TestDb } from './helpers/db.js';

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb('index_maint');
});
afterAll(async () => t.close());

describe('index maintenance', () => {
  it('follows updates, deletes and re-inserts of indexed values', async () => {
    const c = t.db.collection<AnyDoc>('maint');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.createIndex({ 'profile.city': 1 });
    await c.insertMany([
      { _id: 1, email: 'a@x', profile: { city: 'Skopje' } },
      { _id: 2, email: 'b@x', profile: { city: 'Sofia' } },
    ]);
    await c.updateOne({ _id: 1 }, { $set: { email: 'a2@x', 'profile.city': 'Tirana' } });
    expect(await c.findOne({ email: 'a@x' })).toBeNull();
    expect((await c.findOne({ email: 'a2@x' }))?._id).toBe(1);
    expect(await c.countDocuments({ 'profile.city': 'Skopje' })).toBe(0);
    expect(await c.countDocuments({ 'profile.city': 'Tirana' })).toBe(1);
    await c.insertOne({ _id: 3, email: 'a@x' }); // the old key is free again
    await c.deleteOne({ _id: 2 });
    await c.insertOne({ _id: 4, email: 'b@x' });
    await c.replaceOne({ _id: 4 }, { email: 'c@x' });
    expect(
      (
        await c
          .find({ email: { $in: ['a@x', 'b@x', 'c@x'] } })
          .sort({ _id: 1 })
          .toArray()
      ).map((d) => d._id),
    ).toEqual([3, 4]);
    expect(await c.findOne({ email: 'b@x' })).toBeNull();
  });

  it('indexes paths through arrays of subdocuments', async () => {
    const c = t.db.collection<AnyDoc>('nested');
    await c.createIndex({ 'items.sku': 1 });
    await c.insertMany([
      { _id: 1, items: [{ sku: 'a' }, { sku: 'b' }] },
      { _id: 2, items: [{ sku: 'b' }] },
      { _id: 3, items: { sku: 'a' } },
      { _id: 4 },
    ]);
    const ids = async (filter: Document): Promise<unknown[]> =>
      (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ 'items.sku': 'a' })).toEqual([1, 3]);
    expect(await ids({ 'items.sku': 'b' })).toEqual([1, 2]);
    expect(await ids({ 'items.sku': null })).toEqual([4]);
    await c.updateOne({ _id: 1 }, { $pull: { items: { sku: 'a' } } } as AnyDoc);
    expect(await ids({ 'items.sku': 'a' })).toEqual([3]);
  });

  it('dropping a database drops its indexes; recreating starts clean', async () => {
    const other = t.client.db(`${t.db.databaseName}_drop`);
    await other.collection<AnyDoc>('u').createIndex({ k: 1 }, { unique: true });
    await other.collection<AnyDoc>('u').insertOne({ k: 1 });
    await other.dropDatabase();
    await other.collection<AnyDoc>('u').insertMany([{ k: 1 }, { k: 1 }]);
    expect(
      (await other.collection<AnyDoc>('u').listIndexes().toArray()).map((i) => i.name),
    ).toEqual(['_id_']);
    await other.dropDatabase();
  });
});

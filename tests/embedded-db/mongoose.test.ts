/** mongoose 9 against the server: unique indexes, syncIndexes, versioning, populate, lean. */
import mongoose, { Schema, type Connection } from 'mongoose';
import type { MongoServerError } from 'mongodb';
import { rejectionOf, testDbName, testUri } from './helpers/db.js';

let conn: Connection;

beforeAll(async () => {
  conn = mongoose.createConnection(testUri(), {
    dbName: testDbName('mongoose'),
    serverSelectionTimeoutMS: 10_000,
  });
  await conn.asPromise();
  await conn.dropDatabase();
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const userSchema = new Schema({
  email: { type: String, required: true, unique: true },
  name: String,
  country: { type: String, index: true },
});
userSchema.index({ country: 1, name: 1 });

describe('unique index through mongoose', () => {
  it('a duplicate create fails with MongoServerError 11000 naming the key', async () => {
    const User = conn.model('User', userSchema);
    await User.init();
    await User.create({ email: 'ana@lib.mk', name: 'Ana' });
    const err = await rejectionOf(User.create({ email: 'ana@lib.mk', name: 'Other' }));
    // mongoose hands the driver's error through (compared by name: jest's ESM registry may load
    // a second copy of the driver class)
    expect(err.name).toBe('MongoServerError');
    const dup = err as MongoServerError;
    expect(dup.code).toBe(11000);
    expect(dup.keyValue).toEqual({ email: 'ana@lib.mk' });
    expect(dup.message).toMatch(
      /E11000 duplicate key error collection: .*\.users index: email_1 dup key/,
    );
    expect(await User.countDocuments()).toBe(1);
  });

  it('syncIndexes is a no-op the second time', async () => {
    const User = conn.model('User');
    const first = await User.syncIndexes();
    expect(first).toEqual([]);
    const before = await User.listIndexes();
    const second = await User.syncIndexes();
    expect(second).toEqual([]);
    expect(await User.listIndexes()).toEqual(before);
    expect(before.map((i) => i.name).sort()).toEqual([
      '_id_',
      'country_1',
      'country_1_name_1',
      'email_1',
    ]);
    const diff = await User.diffIndexes();
    expect(diff).toEqual({ toDrop: [], toCreate: [] });
  });

  it('syncIndexes drops an index the schema no longer declares', async () => {
    await conn.collection('users').createIndex({ name: 1 });
    const dropped = await conn.model('User').syncIndexes();
    expect(dropped).toEqual(['name_1']);
  });
});

describe('documents', () => {
  const noteSchema = new Schema(
    { title: String, tags: [String], body: String },
    { optimisticConcurrency: true },
  );
  const Note = (): mongoose.Model<{ title?: string; tags: string[]; body?: string }> =>
    (conn.models.Note ?? conn.model('Note', noteSchema)) as mongoose.Model<{
      title?: string;
      tags: string[];
      body?: string;
    }>;

  it('optimistic concurrency raises VersionError on a stale save', async () => {
    const created = await Note().create({ title: 'v1', tags: [] });
    const a = await Note().findById(created._id).orFail();
    const b = await Note().findById(created._id).orFail();
    a.title = 'from a';
    await a.save();
    b.title = 'from b';
    const err = await rejectionOf(b.save());
    expect(err.name).toBe('VersionError');
    const stored = await Note().findById(created._id).lean().orFail();
    expect(stored.title).toBe('from a');
    expect((stored as { __v?: number }).__v).toBe(1);
  });

  it('updateOne reports matched and modified counts', async () => {
    const n = await Note().create({ title: 'x', tags: ['a'] });
    const res = await Note().updateOne({ _id: n._id }, { $addToSet: { tags: 'b' } });
    expect([res.matchedCount, res.modifiedCount]).toEqual([1, 1]);
    const same = await Note().updateOne({ _id: n._id }, { $addToSet: { tags: 'b' } });
    expect([same.matchedCount, same.modifiedCount]).toEqual([1, 0]);
  });

  it('populate follows references', async () => {
    const Author = conn.model('Author', new Schema({ name: String }));
    const Book = conn.model(
      'Book',
      new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'Author' } }),
    );
    const ana = await Author.create({ name: 'Ana' });
    await Book.create([
      { title: 'One', author: ana._id },
      { title: 'Two', author: ana._id },
    ]);
    const books = await Book.find()
      .sort({ title: 1 })
      .populate<{ author: { name: string } }>('author')
      .lean();
    expect(books.map((b) => [b.title, b.author.name])).toEqual([
      ['One', 'Ana'],
      ['Two', 'Ana'],
    ]);
  });

  it('lean queries return plain objects with _id first', async () => {
    const n = await Note().create({ body: 'b', title: 't', tags: ['z'] });
    const plain = await Note().findOne({ _id: n._id }, { body: 1, title: 1 }).lean().orFail();
    expect(plain.constructor).toBe(Object);
    expect(Object.keys(plain)).toEqual(['_id', 'title', 'body']);
  });

  it('findOneAndUpdate upserts and returns the new document', async () => {
    const doc = await Note()
      .findOneAndUpdate(
        { title: 'upserted' },
        { $set: { body: 'new' } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean()
      .orFail();
    expect(doc).toMatchObject({ title: 'upserted', body: 'new' });
    expect(await Note().countDocuments({ title: 'upserted' })).toBe(1);
  });

  it('validation and casting errors stay mongoose errors', async () => {
    const err = await rejectionOf(Note().findById('not-an-object-id').exec());
    expect(err.name).toBe('CastError');
  });
});

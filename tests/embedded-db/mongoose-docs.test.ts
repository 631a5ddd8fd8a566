/** mongoose document features the platform leans on: subdocument arrays, timestamps, bulk, cursors. */
import mongoose, { Schema, type Connection } from 'mongoose';
import { rejectionOf, testDbName, testUri } from './helpers/db.js';

let conn: Connection;

beforeAll(async () => {
  conn = mongoose.createConnection(testUri(), {
    dbName: testDbName('mongoose_docs'),
    serverSelectionTimeoutMS: 10_000,
  });
  await conn.asPromise();
  await conn.dropDatabase();
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const stepSchema = new Schema({ title: String, done: { type: Boolean, default: false } });
const planSchema = new Schema(
  {
    owner: { type: String, unique: true },
    steps: [stepSchema],
    tags: [String],
    meta: { type: Map, of: Number },
  },
  { timestamps: true },
);

const Plan = (): mongoose.Model<mongoose.InferSchemaType<typeof planSchema>> =>
  (conn.models.Plan ?? conn.model('Plan', planSchema)) as mongoose.Model<
    mongoose.InferSchemaType<typeof planSchema>
  >;

describe('mongoose documents', () => {
  it('edits subdocuments in an array and saves only the changed paths', async () => {
    await Plan().init();
    const plan = await Plan().create({
      owner: 'ana',
      steps: [{ title: 'read' }, { title: 'write' }, { title: 'test' }],
    });
    const loaded = await Plan().findById(plan._id).orFail();
    loaded.steps[1].done = true;
    loaded.steps.pull(loaded.steps[0]._id);
    loaded.steps.push({ title: 'ship' });
    await loaded.save();
    const stored = await Plan().findById(plan._id).lean().orFail();
    expect(stored.steps.map((s) => [s.title, s.done])).toEqual([
      ['write', true],
      ['test', false],
      ['ship', false],
    ]);
  });

  it('maintains createdAt/updatedAt timestamps', async () => {
    const plan = await Plan().create({ owner: 'boris' });
    const created = plan.get('createdAt') as Date;
    expect(created).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Plan().updateOne({ _id: plan._id }, { $push: { tags: 'x' } });
    const stored = await Plan().findById(plan._id).lean().orFail();
    expect((stored.updatedAt as Date).getTime()).toBeGreaterThan(created.getTime());
    expect((stored.createdAt as Date).getTime()).toBe(created.getTime());
  });

  it('stores Maps and reads them back', async () => {
    await Plan().create({ owner: 'cvetka', meta: { score: 3, level: 2 } });
    const plan = await Plan().findOne({ owner: 'cvetka' }).orFail();
    expect(plan.meta?.get('score')).toBe(3);
    await Plan().updateOne({ owner: 'cvetka' }, { $inc: { 'meta.score': 2 } });
    expect((await Plan().findOne({ owner: 'cvetka' }).lean().orFail()).meta).toEqual({
      score: 5,
      level: 2,
    });
  });

  it('insertMany unordered keeps the valid documents and reports the duplicate', async () => {
    const err = await rejectionOf(
      Plan().insertMany([{ owner: 'd1' }, { owner: 'ana' }, { owner: 'd2' }], { ordered: false }),
    );
    expect((err as Error & { code?: number }).code).toBe(11000);
    expect(await Plan().countDocuments({ owner: { $in: ['d1', 'd2'] } })).toBe(2);
  });

  it('bulkWrite, exists, findByIdAndDelete and estimatedDocumentCount', async () => {
    const res = await Plan().bulkWrite([
      { insertOne: { document: { owner: 'e1' } } },
      { updateOne: { filter: { owner: 'e1' }, update: { $addToSet: { tags: 'new' } } } },
      { deleteOne: { filter: { owner: 'd1' } } },
    ]);
    expect([res.insertedCount, res.modifiedCount, res.deletedCount]).toEqual([1, 1, 1]);
    expect(await Plan().exists({ owner: 'e1', tags: 'new' })).not.toBeNull();
    const e1 = await Plan().findOne({ owner: 'e1' }).orFail();
    await Plan().findByIdAndDelete(e1._id);
    expect(await Plan().exists({ owner: 'e1' })).toBeNull();
    expect(await Plan().estimatedDocumentCount()).toBe(await Plan().countDocuments());
  });

  it('streams with a query cursor and aggregates with $facet', async () => {
    const owners: string[] = [];
    for await (const doc of Plan().find().sort({ owner: 1 }).batchSize(2).cursor())
      owners.push(doc.owner!);
    expect(owners).toEqual([...owners].sort());
    expect(owners.length).toBeGreaterThanOrEqual(4);
    const [facets] = await Plan().aggregate<{ total: { n: number }[]; withTags: { n: number }[] }>([
      {
        $facet: {
          total: [{ $count: 'n' }],
          withTags: [{ $match: { 'tags.0': { $exists: true } } }, { $count: 'n' }],
        },
      },
    ]);
    expect(facets.total[0].n).toBe(owners.length);
    expect(facets.withTags[0].n).toBe(1);
  });
});

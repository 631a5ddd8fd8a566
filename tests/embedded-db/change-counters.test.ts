/**
 * Change counters (server/db/embedded/change-counters.ts): every write the engine applies moves
 * the stamp of the documents it touched - by `_id` and by the tracked fields' old and new values -
 * whoever sent it, and drops move every stamp; reads and writes elsewhere leave it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId, type Collection } from 'mongodb';
import { ChangeCounters } from '../../server/db/embedded/change-counters.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embedded/index.js';
import { startEmbeddedMongoThread } from '../../server/db/embedded/thread.js';

const DB = 'counters_test';
const NS = `${DB}.progress`;
let dir: string;
let engine: EmbeddedMongo;
let changes: ChangeCounters;
let client: MongoClient;
let coll: Collection;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'atelier-counters-'));
  engine = await startEmbeddedMongo({
    dbPath: dir,
    port: 0,
    ttlSweepMs: 50,
    changeCounters: { buffer: ChangeCounters.allocate(), fields: ['user'] },
  });
  changes = engine.changes!;
  client = await MongoClient.connect(engine.uri);
  coll = client.db(DB).collection('progress');
});
afterAll(async () => {
  await client.close();
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `write` and tells whether it moved the stamp of `field` = `value` in `ns`. */
async function moves(
  field: string,
  value: unknown,
  write: () => Promise<unknown>,
  ns = NS,
): Promise<boolean> {
  const before = changes.stamp(ns, field, value);
  await write();
  return changes.stamp(ns, field, value) !== before;
}

describe('change counters', () => {
  const ana = new ObjectId();
  const ben = new ObjectId();

  it('move on inserts, updates, replaces, findAndModify, upserts and deletes, by _id and tracked field', async () => {
    const id = new ObjectId();
    expect(await moves('_id', id, () => coll.insertOne({ _id: id, user: ana, lesson: 'a' }))).toBe(
      true,
    );
    expect(await moves('user', ana, () => coll.insertOne({ user: ana, lesson: 'b' }))).toBe(true);
    expect(
      await moves('user', ana, () => coll.updateOne({ _id: id }, { $set: { status: 'done' } })),
    ).toBe(true);
    expect(
      await moves('_id', id, () =>
        coll.replaceOne({ _id: id }, { user: ana, lesson: 'a', status: 'x' }),
      ),
    ).toBe(true);
    expect(
      await moves('user', ana, () =>
        coll.findOneAndUpdate({ lesson: 'b' }, { $inc: { visits: 1 } }),
      ),
    ).toBe(true);
    expect(
      await moves('user', ana, () => coll.updateMany({ user: ana }, { $inc: { visits: 1 } })),
    ).toBe(true);
    expect(
      await moves('user', ana, () =>
        coll.updateOne({ user: ana, lesson: 'c' }, { $set: { v: 1 } }, { upsert: true }),
      ),
    ).toBe(true);
    expect(await moves('user', ana, () => coll.deleteOne({ lesson: 'c' }))).toBe(true);
    expect(await moves('_id', id, () => coll.deleteOne({ _id: id }))).toBe(true);
  });

  it('move for the old and the new value when a tracked field changes', async () => {
    const id = new ObjectId();
    await coll.insertOne({ _id: id, user: ana, lesson: 'moved' });
    const [a, b] = [changes.stamp(NS, 'user', ana), changes.stamp(NS, 'user', ben)];
    await coll.updateOne({ _id: id }, { $set: { user: ben } });
    expect(changes.stamp(NS, 'user', ana)).not.toBe(a);
    expect(changes.stamp(NS, 'user', ben)).not.toBe(b);
  });

  it('stay put for reads, writes to other documents, other collections and no-op updates', async () => {
    await coll.insertOne({ user: ana, lesson: 'kept' });
    const other = new ObjectId();
    expect(await moves('user', ana, () => coll.find({ user: ana }).toArray())).toBe(false);
    expect(await moves('user', ana, () => coll.insertOne({ user: other, lesson: 'x' }))).toBe(
      false,
    );
    expect(
      await moves('user', ana, () =>
        client.db(DB).collection('elsewhere').insertOne({ user: ana }),
      ),
    ).toBe(false);
    expect(
      await moves('user', ana, () =>
        coll.updateOne({ user: ana, lesson: 'nothing' }, { $set: { v: 1 } }),
      ),
    ).toBe(false);
  });

  it('count writes from every connection (another process talks to the same engine)', async () => {
    const second = await MongoClient.connect(engine.uri);
    try {
      expect(
        await moves('user', ana, () =>
          second.db(DB).collection('progress').insertOne({ user: ana, lesson: 'z' }),
        ),
      ).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('move every stamp when a collection is dropped or renamed, or a database dropped', async () => {
    await client.db(DB).collection('scratch').insertOne({ user: ana });
    expect(await moves('user', ana, () => client.db(DB).collection('scratch').drop())).toBe(true);
    await client.db(DB).collection('scratch').insertOne({ user: ana });
    expect(
      await moves('_id', 'anything', () => client.db(DB).collection('scratch').rename('scratch2')),
    ).toBe(true);
    expect(
      await moves('_id', 'anything', () =>
        client.db('counters_test_other').collection('c').insertOne({}),
      ),
    ).toBe(false);
    expect(
      await moves('_id', 'anything', () => client.db('counters_test_other').dropDatabase()),
    ).toBe(true);
  });

  it('move when the TTL sweeper removes an expired document', async () => {
    const sessions = client.db(DB).collection('sessions');
    await sessions.createIndex({ expires: 1 }, { expireAfterSeconds: 0 });
    // Taken before the insert: the sweeper may remove the document before insertOne returns.
    const stamp = () => changes.stamp(`${DB}.sessions`, '_id', 'sid-1');
    const before = stamp();
    await sessions.insertOne({
      _id: 'sid-1' as unknown as ObjectId,
      expires: new Date(Date.now() - 1000),
    });
    // One for the insert, one for the sweeper's removal.
    for (let i = 0; i < 250 && stamp() - before < 2; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(stamp() - before).toBe(2);
    expect(await sessions.countDocuments({ _id: 'sid-1' as unknown as ObjectId })).toBe(0);
  });

  it('keep a stamp per collection that any write to it moves, and only that', async () => {
    const whole = () => changes.collectionStamp(NS);
    let before = whole();
    await coll.insertOne({ user: new ObjectId(), lesson: 'any' });
    expect(whole()).not.toBe(before);
    before = whole();
    await coll.updateMany({ lesson: 'any' }, { $set: { seen: true } });
    expect(whole()).not.toBe(before);
    before = whole();
    await client.db(DB).collection('elsewhere').insertOne({ x: 1 });
    await coll.find({}).toArray();
    expect(whole()).toBe(before);
  });

  it('refuse a stamp for a field the engine does not count', () => {
    expect(() => changes.stamp(NS, 'lesson', 'a')).toThrow(/not tracked/);
  });

  it('are shared with the host when the engine runs in its own thread', async () => {
    const threadDir = mkdtempSync(path.join(tmpdir(), 'atelier-counters-thread-'));
    const threaded = await startEmbeddedMongoThread({
      dbPath: threadDir,
      port: 0,
      localSocket: true,
      changeCounters: { buffer: ChangeCounters.allocate(), fields: ['user'] },
    });
    const c = await MongoClient.connect(threaded.localUri);
    try {
      const counters = threaded.changes!;
      const before = counters.stamp(NS, 'user', ana);
      await c.db(DB).collection('progress').insertOne({ user: ana });
      // Acknowledged means counted: the stamp has moved by the time the reply arrives.
      expect(counters.stamp(NS, 'user', ana)).not.toBe(before);
    } finally {
      await c.close();
      await threaded.stop();
      rmSync(threadDir, { recursive: true, force: true });
    }
  });
});

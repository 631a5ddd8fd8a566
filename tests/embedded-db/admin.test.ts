/** Namespace and server commands: create with options, list, rename, drop, hello, buildInfo. */
import type { CollectionInfo } from 'mongodb';
import { openTestDb, serverErrorOf, testDbName, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb('admin');
});
afterAll(async () => t.close());

describe('collections', () => {
  it('create with options: listCollections echoes them back', async () => {
    await t.db.createCollection('capped_log', { capped: true, size: 65536 });
    await t.db.createCollection('validated', { validator: { name: { $type: 'string' } } });
    const infos = await t.db
      .listCollections({ name: { $in: ['capped_log', 'validated'] } })
      .toArray();
    const byName = Object.fromEntries(infos.map((i) => [i.name, i as CollectionInfo]));
    expect(byName.capped_log.type).toBe('collection');
    expect(byName.capped_log.options).toMatchObject({ capped: true, size: 65536 });
    expect(byName.validated.options).toMatchObject({ validator: { name: { $type: 'string' } } });
    expect(byName.validated.info).toMatchObject({ readOnly: false });
  });

  it('an insert creates the collection implicitly; listCollections filters and nameOnly work', async () => {
    await t.db.collection<AnyDoc>('implicit').insertOne({ a: 1 });
    const names = await t.db.listCollections({}, { nameOnly: true }).toArray();
    expect(names.map((n) => n.name)).toContain('implicit');
    const one = await t.db.listCollections({ name: 'implicit' }).toArray();
    expect(one).toHaveLength(1);
    expect(one[0].name).toBe('implicit');
  });

  it('renameCollection moves documents and indexes; refuses an existing target without dropTarget', async () => {
    const src = t.db.collection<AnyDoc>('rename_src');
    await src.insertMany([{ _id: 1 }, { _id: 2 }]);
    await src.createIndex({ x: 1 });
    await t.db.collection<AnyDoc>('rename_taken').insertOne({ _id: 'keep' });
    const exists = await serverErrorOf(t.db.renameCollection('rename_src', 'rename_taken'));
    expect(exists.code).toBe(48);
    await t.db.renameCollection('rename_src', 'rename_dst');
    expect(await t.db.collection<AnyDoc>('rename_dst').countDocuments()).toBe(2);
    expect(
      (await t.db.collection<AnyDoc>('rename_dst').listIndexes().toArray()).map((i) => i.name),
    ).toEqual(['_id_', 'x_1']);
    expect(await t.db.listCollections({ name: 'rename_src' }).toArray()).toEqual([]);
    await t.db.renameCollection('rename_dst', 'rename_taken', { dropTarget: true });
    expect(await t.db.collection<AnyDoc>('rename_taken').countDocuments()).toBe(2);
    const missing = await serverErrorOf(t.db.renameCollection('no_such_src', 'whatever'));
    expect(missing.code).toBe(26);
  });

  it('drop removes a collection and its documents', async () => {
    const c = t.db.collection<AnyDoc>('to_drop');
    await c.insertOne({ a: 1 });
    expect(await c.drop()).toBe(true);
    expect(await t.db.listCollections({ name: 'to_drop' }).toArray()).toEqual([]);
    expect(await c.countDocuments()).toBe(0);
  });

  it('collStats reports the document count', async () => {
    const c = t.db.collection<AnyDoc>('stats');
    await c.insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    const stats = await t.db.command({ collStats: 'stats' });
    expect(stats.ok).toBe(1);
    expect(stats.count).toBe(3);
    expect(stats.ns).toBe(`${t.db.databaseName}.stats`);
  });
});

describe('databases and server', () => {
  it('listDatabases includes this database; dropDatabase removes it', async () => {
    const other = t.client.db(testDbName('admin_other'));
    await other.collection<AnyDoc>('x').insertOne({ a: 1 });
    const { databases } = await t.client.db('admin').admin().listDatabases();
    const names = databases.map((d) => d.name);
    expect(names).toContain(t.db.databaseName);
    expect(names).toContain(other.databaseName);
    await other.dropDatabase();
    const after = (await t.client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(after).not.toContain(other.databaseName);
  });

  it('hello describes a writable standalone server of a recent wire version', async () => {
    const hello = await t.db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.setName).toBeUndefined();
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
  });

  it('buildInfo, serverStatus, ping and getParameter answer ok', async () => {
    const admin = t.db.admin();
    const build = await admin.command({ buildInfo: 1 });
    expect(build.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Array.isArray(build.versionArray)).toBe(true);
    const status = await admin.command({ serverStatus: 1 });
    expect(status.ok).toBe(1);
    expect(typeof status.uptime).toBe('number');
    expect((await admin.command({ ping: 1 })).ok).toBe(1);
    const param = await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(param.ok).toBe(1);
  });

  it('serverStatus counts operations as mongod does (opcounters)', async () => {
    const admin = t.db.admin();
    const counters = async () =>
      (await admin.command({ serverStatus: 1 })).opcounters as Record<string, number>;
    const coll = t.db.collection<AnyDoc>('opcount');
    const before = await counters();
    await coll.insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    await coll.find({ a: { $gt: 0 } }).toArray();
    await coll.updateOne({ a: 1 }, { $set: { b: 1 } });
    await coll.deleteMany({ a: 3 });
    await coll.findOneAndUpdate({ a: 2 }, { $set: { b: 2 } });
    const after = await counters();
    const delta = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]));
    // The first serverStatus is a command too.
    expect(delta).toEqual({ insert: 3, query: 1, update: 1, delete: 1, getmore: 0, command: 2 });
  });

  it('endSessions answers ok', async () => {
    const session = t.client.startSession();
    await t.db.collection<AnyDoc>('s').insertOne({ a: 1 }, { session });
    await session.endSession();
    expect((await t.db.admin().command({ endSessions: [session.id] })).ok).toBe(1);
  });
});

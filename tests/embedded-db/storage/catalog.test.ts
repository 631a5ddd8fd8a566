import { MongoCommandError } from '../../../server/db/embedded/errors.js';
import { openEngine, removeTempDirs } from './storage-helpers.js';

afterAll(removeTempDirs);

async function codeOf(fn: () => unknown): Promise<number | undefined> {
  try {
    await fn();
  } catch (err) {
    return (err as MongoCommandError).code;
  }
  return undefined;
}

describe('storage catalog', () => {
  it('creates, renames and drops collections with mongod error codes', async () => {
    const { engine, dir } = await openEngine();
    const a = engine.createCollection('app', 'a', { capped: false });
    expect(a.info.uuid).toMatchObject({ sub_type: 4 });
    expect(await codeOf(() => engine.createCollection('app', 'a'))).toBe(48);
    expect(engine.ensureCollection('app', 'a')).toBe(a);
    a.insert({ _id: 1 });
    engine.ensureCollection('app', 'b').insert({ _id: 2 });

    expect(await codeOf(() => engine.renameCollection('app', 'missing', 'app', 'c', false))).toBe(26);
    expect(await codeOf(() => engine.renameCollection('app', 'a', 'app', 'b', false))).toBe(48);
    engine.renameCollection('app', 'a', 'app', 'b', true);
    expect(engine.listCollections('app').map((c) => c.name)).toEqual(['b']);
    expect(engine.getCollection('app', 'b')!.getById(1)).toEqual({ _id: 1 });
    expect(engine.getCollection('app', 'b')!.info.options).toEqual({ capped: false });
    // A store handle of a dropped collection refuses writes rather than losing them silently.
    const old = engine.getCollection('app', 'b')!;
    engine.renameCollection('app', 'b', 'archive', 'b2', false);
    expect(engine.listDatabases().map((d) => d.name)).toEqual(['archive']);
    expect(engine.dropCollection('archive', 'b2')).toBe(true);
    expect(engine.dropCollection('archive', 'b2')).toBe(false);
    expect(await codeOf(() => old.insert({ _id: 3 }))).toBe(26);
    engine.ensureCollection('x', 'y').insert({ _id: 1, big: 'z'.repeat(1000) });
    expect(engine.listDatabases()).toEqual([{ name: 'x', sizeOnDisk: expect.any(Number), empty: false }]);
    expect(engine.listDatabases()[0].sizeOnDisk).toBeGreaterThan(1000);
    await engine.sync();
    await engine.abandon();

    const { engine: after } = await openEngine(dir);
    expect(after.listDatabases().map((d) => d.name)).toEqual(['x']);
    expect(after.getCollection('archive', 'b2')).toBeUndefined();
    await after.close();
  });
});

import { Long, ObjectId } from 'bson';
import { MongoCommandError } from '../../../server/db/embedded/errors.js';
import { openEngine, removeTempDirs, type TestEngine } from './storage-helpers.js';

afterAll(removeTempDirs);

let engine: TestEngine;

beforeEach(async () => {
  ({ engine } = await openEngine());
});

afterEach(async () => {
  await engine.close();
});

function caught(fn: () => unknown): MongoCommandError {
  try {
    fn();
  } catch (err) {
    return err as MongoCommandError;
  }
  throw new Error('expected an error');
}

describe('storage indexes', () => {
  it('rejects a unique clash with mongod message, keyPattern and keyValue, changing nothing', () => {
    const users = engine.ensureCollection('app', 'users');
    users.createIndex({ name: 'email_1', key: { email: 1 }, unique: true });
    users.insert({ _id: 1, email: 'a@x.org' });
    const err = caught(() => users.insert({ _id: 2, email: 'a@x.org' }));
    expect(err.code).toBe(11000);
    expect(err.message).toBe('E11000 duplicate key error collection: app.users index: email_1 dup key: { email: "a@x.org" }');
    expect(err.extra).toEqual({ keyPattern: { email: 1 }, keyValue: { email: 'a@x.org' } });
    expect(users.count()).toBe(1);
    expect(users.getById(2)).toBeUndefined();

    const idErr = caught(() => users.insert({ _id: Long.fromNumber(1), email: 'b@x.org' }));
    expect(idErr.message).toContain('index: _id_ dup key: { _id: 1 }');
    // A replace that would clash leaves the stored document as it was.
    users.insert({ _id: 3, email: 'c@x.org' });
    expect(caught(() => users.replace({ _id: 3, email: 'a@x.org' })).code).toBe(11000);
    expect(users.getById(3)).toEqual({ _id: 3, email: 'c@x.org' });
    expect(users.candidates({ email: 'c@x.org' })).toEqual([{ _id: 3, email: 'c@x.org' }]);
  });

  it('prints ObjectId and compound keys as mongod does', () => {
    const c = engine.ensureCollection('app', 'pairs');
    c.createIndex({ name: 'a_1_b_-1', key: { a: 1, b: -1 }, unique: true });
    const id = new ObjectId('65a1b2c3d4e5f60718293a4b');
    c.insert({ _id: 1, a: id, b: 2 });
    const err = caught(() => c.insert({ _id: 2, a: id, b: 2 }));
    expect(err.message).toContain("dup key: { a: ObjectId('65a1b2c3d4e5f60718293a4b'), b: 2 }");
    expect(err.extra.keyPattern).toEqual({ a: 1, b: -1 });
    c.insert({ _id: 3, a: id, b: 3 });
    expect(c.count()).toBe(2);
  });

  it('treats missing fields as null in unique indexes unless sparse', () => {
    const c = engine.ensureCollection('app', 'u');
    c.createIndex({ name: 'code_1', key: { code: 1 }, unique: true });
    c.insert({ _id: 1 });
    expect(caught(() => c.insert({ _id: 2 })).message).toContain('dup key: { code: null }');
    const s = engine.ensureCollection('app', 's');
    s.createIndex({ name: 'code_1', key: { code: 1 }, unique: true, sparse: true });
    s.insert({ _id: 1 });
    s.insert({ _id: 2 });
    s.insert({ _id: 3, code: 'x' });
    expect(caught(() => s.insert({ _id: 4, code: 'x' })).code).toBe(11000);
    // A sparse index cannot answer a null query (missing fields are not in it).
    expect(s.plan({ code: null })).toBeNull();
    expect(s.plan({ code: 'x' })).toBe('code_1');
  });

  it('only indexes documents matching a partial filter', () => {
    const c = engine.ensureCollection('app', 'p');
    c.createIndex({
      name: 'email_1',
      key: { email: 1 },
      unique: true,
      partialFilterExpression: { active: true },
    });
    c.insert({ _id: 1, email: 'a', active: false });
    c.insert({ _id: 2, email: 'a', active: false });
    c.insert({ _id: 3, email: 'a', active: true });
    expect(caught(() => c.insert({ _id: 4, email: 'a', active: true })).code).toBe(11000);
    expect(c.count()).toBe(3);
  });

  it('indexes each array element (multikey) and refuses parallel arrays in a compound index', () => {
    const c = engine.ensureCollection('app', 'm');
    c.createIndex({ name: 'tags_1', key: { tags: 1 }, unique: true });
    c.insert({ _id: 1, tags: ['a', 'b', 'a'] });
    const err = caught(() => c.insert({ _id: 2, tags: ['c', 'b'] }));
    expect(err.message).toContain('dup key: { tags: "b" }');
    c.insert({ _id: 3, tags: ['c'] });
    expect([...c.candidates({ tags: 'a' })].map((d) => d._id)).toEqual([1]);
    expect(c.plan({ tags: { $in: ['a', 'c'] } })).toBe('tags_1');
    expect([...c.candidates({ tags: { $in: ['a', 'c'] } })].map((d) => d._id).sort()).toEqual([1, 3]);

    const k = engine.ensureCollection('app', 'k');
    k.createIndex({ name: 'a_1_b_1', key: { a: 1, b: 1 } });
    k.insert({ _id: 1, a: [1, 2], b: 1 });
    const par = caught(() => k.insert({ _id: 2, a: [1, 2], b: [3, 4] }));
    expect(par.code).toBe(171);
    expect(k.count()).toBe(1);
  });

  it('indexes dotted paths through arrays of subdocuments', () => {
    const c = engine.ensureCollection('app', 'd');
    c.createIndex({ name: 'items.sku_1', key: { 'items.sku': 1 } });
    c.insert({ _id: 1, items: [{ sku: 'x' }, { sku: 'y' }] });
    c.insert({ _id: 2, items: { sku: 'y' } });
    c.insert({ _id: 3 });
    expect(c.plan({ 'items.sku': 'y' })).toBe('items.sku_1');
    expect([...c.candidates({ 'items.sku': 'y' })].map((d) => d._id).sort()).toEqual([1, 2]);
    expect([...c.candidates({ 'items.sku': null })].map((d) => d._id)).toEqual([3]);
  });

  it('lists specs as created and reports conflicts with mongod codes', () => {
    const c = engine.ensureCollection('app', 'specs');
    expect(c.createIndex({ name: 'email_1', key: { email: 1 }, unique: true, background: true })).toBe(true);
    expect(c.listIndexes()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { email: 1 }, name: 'email_1', unique: true, background: true },
    ]);
    expect(c.createIndex({ name: 'email_1', key: { email: 1 }, unique: true })).toBe(false);
    expect(caught(() => c.createIndex({ name: 'email_1', key: { email: -1 } })).code).toBe(86);
    expect(caught(() => c.createIndex({ name: 'email_1', key: { email: 1 } })).code).toBe(85);
    const other = caught(() => c.createIndex({ name: 'mail', key: { email: 1 }, unique: true }));
    expect(other.code).toBe(85);
    expect(other.message).toBe('Index already exists with a different name: email_1');
    expect(caught(() => c.dropIndex('_id_')).code).toBe(72);
    expect(caught(() => c.dropIndex('nope')).code).toBe(27);
    c.dropIndex('email_1');
    expect(c.listIndexes().map((s) => s.name)).toEqual(['_id_']);
  });

  it('refuses a unique index over existing duplicates without creating it', () => {
    const c = engine.ensureCollection('app', 'dups');
    c.insert({ _id: 1, n: 5 });
    c.insert({ _id: 2, n: 5 });
    expect(caught(() => c.createIndex({ name: 'n_1', key: { n: 1 }, unique: true })).code).toBe(11000);
    expect(c.listIndexes()).toHaveLength(1);
    c.insert({ _id: 3, n: 5 });
  });

  it('builds an index over existing documents that answers like one maintained from the start', () => {
    const c = engine.ensureCollection('app', 'later');
    for (let i = 0; i < 2000; i++) c.insert({ _id: i, n: (i * 7919) % 500, tags: [i % 3, i % 5] });
    c.createIndex({ name: 'n_1', key: { n: 1 } });
    c.createIndex({ name: 'tags_1', key: { tags: 1 } });
    for (const v of [0, 17, 499]) {
      expect([...c.candidates({ n: v })].map((d) => d._id).sort()).toEqual(
        [...c.all()].filter((d) => d.n === v).map((d) => d._id).sort(),
      );
    }
    expect([...c.candidates({ tags: 4 })]).toHaveLength(400);
    expect([...c.candidates({ n: { $gte: 10, $lt: 20 } })]).toHaveLength(40);
    c.insert({ _id: 'new', n: 17, tags: [] });
    expect([...c.candidates({ n: 17 })].map((d) => d._id)).toContain('new');
  });
});

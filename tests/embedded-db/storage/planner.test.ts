import { Long } from 'bson';
import { Query } from 'mingo';
import type { Doc } from '../../../server/db/embedded/storage/api.js';
import { openEngine, removeTempDirs, type TestEngine } from './storage-helpers.js';

let engine: TestEngine;

beforeAll(async () => {
  ({ engine } = await openEngine());
});

afterAll(async () => {
  await engine.close();
  removeTempDirs();
});

/** A small deterministic PRNG so a failure can be reproduced. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)];

function randomValue(r: () => number): unknown {
  return pick(r, [
    () => Math.floor(r() * 10),
    () => Long.fromNumber(Math.floor(r() * 10)),
    () => Math.floor(r() * 10) + 0.5,
    () => pick(r, ['a', 'b', 'c', 'A']),
    () => null,
    () => new Date(Date.UTC(2024, 0, 1 + Math.floor(r() * 10))),
    () => [Math.floor(r() * 10), Math.floor(r() * 10)],
    () => [],
    // (No arrays nested in arrays: mingo matches 'a.x' inside [[1]], which mongod does not.)
    () => [Math.floor(r() * 3), null],
    () => ({ x: Math.floor(r() * 3) }),
    () => [{ x: Math.floor(r() * 3) }, 'a'],
    () => undefined,
  ])();
}

function randomDoc(r: () => number, id: number): Doc {
  const doc: Doc = { _id: id };
  for (const f of ['a', 'b', 'c']) {
    const v = randomValue(r);
    if (v !== undefined) doc[f] = v;
  }
  if (r() < 0.3) doc.sub = { x: Math.floor(r() * 5) };
  return doc;
}

function randomPredicate(r: () => number): unknown {
  const v = randomValue(r) ?? 3;
  const scalar = Array.isArray(v) ? v[0] : v;
  return pick(r, [
    () => v,
    () => ({ $eq: scalar }),
    () => ({ $in: [scalar, randomValue(r) ?? 1].filter((x) => !Array.isArray(x)) }),
    () => ({ $gt: scalar }),
    () => ({ $gte: scalar, $lt: randomValue(r) ?? 7 }),
    () => ({ $lte: scalar }),
    () => ({ $ne: scalar }),
  ])();
}

function randomFilter(r: () => number): Doc {
  const filter: Doc = {};
  for (const f of ['a', 'b', 'c', '_id', 'sub.x', 'a.x']) if (r() < 0.4) filter[f] = randomPredicate(r);
  if (r() < 0.2) filter.$and = [{ a: randomPredicate(r) }, { b: randomPredicate(r) }];
  if (r() < 0.3) filter.$or = [{ a: randomPredicate(r) }, { 'sub.x': randomPredicate(r) }, { c: randomPredicate(r) }].slice(0, 1 + Math.floor(r() * 3));
  return filter;
}

describe('storage planner', () => {
  it('narrows with the most selective index and reports it in plan()', () => {
    const c = engine.ensureCollection('plan', 'people');
    c.createIndex({ name: 'email_1', key: { email: 1 }, unique: true });
    c.createIndex({ name: 'age_1', key: { age: 1 } });
    c.createIndex({ name: 'team_1_age_-1', key: { team: 1, age: -1 } });
    for (let i = 0; i < 1000; i++) c.insert({ _id: i, email: `p${i}@x.org`, age: i % 90, team: `t${i % 10}` });

    expect(c.plan({ email: 'p5@x.org', age: 5 })).toBe('email_1');
    expect([...c.candidates({ email: 'p5@x.org', age: 5 })]).toHaveLength(1);
    expect(c.plan({ _id: 7 })).toBe('_id_');
    expect([...c.candidates({ _id: Long.fromNumber(7) })].map((d) => d._id)).toEqual([7]);
    expect(c.plan({ age: { $gte: 10, $lt: 12 } })).toBe('age_1');
    const range = [...c.candidates({ age: { $gte: 10, $lt: 12 } })];
    expect(range.every((d) => (d.age as number) >= 10 && (d.age as number) < 12)).toBe(true);
    expect(range).toHaveLength([...c.all()].filter((d) => d.age === 10 || d.age === 11).length);
    expect(c.plan({ team: 't3', age: { $gt: 80 } })).toBe('team_1_age_-1');
    expect(c.plan({ $and: [{ age: 3 }, { name: /x/ }] })).toBe('age_1');
    expect(c.plan({ name: 'x' })).toBeNull();
    // $or: the union of index scans when every branch can use one, else a full scan.
    expect(c.plan({ $or: [{ email: 'p1@x.org' }, { age: 3 }] })).toBe('$or(email_1,age_1)');
    expect([...c.candidates({ $or: [{ email: 'p1@x.org' }, { age: 3 }] })]).toHaveLength(1 + 12);
    expect(c.plan({ $or: [{ email: 'p1@x.org' }, { name: 'x' }] })).toBeNull();
    expect(c.plan({ email: /p5/ })).toBeNull();
    expect(c.plan({ age: { $in: [1, 2, 3] } })).toBe('age_1');
    // A case-insensitive collation cannot use the binary index for strings.
    expect(c.plan({ email: 'P5@X.ORG' }, { collation: { locale: 'en', strength: 2 } })).toBeNull();
    expect(c.plan({ age: 5 }, { collation: { locale: 'en', strength: 2 } })).toBe('age_1');
  });

  it('returns a superset of the full-scan matches for random filters', () => {
    const r = rng(42);
    const c = engine.ensureCollection('plan', 'random');
    c.createIndex({ name: 'a_1', key: { a: 1 } });
    c.createIndex({ name: 'b_1_c_1', key: { b: 1, c: 1 } });
    c.createIndex({ name: 'c_1', key: { c: -1 }, sparse: true });
    c.createIndex({ name: 'sub.x_1', key: { 'sub.x': 1 } });
    c.createIndex({ name: 'a.x_-1', key: { 'a.x': -1 } });
    for (let i = 0; i < 400; i++) {
      try {
        c.insert(randomDoc(r, i));
      } catch {
        // parallel arrays in b and c: mongod refuses those documents too
      }
    }
    let indexed = 0;
    for (let i = 0; i < 600; i++) {
      const filter = randomFilter(r);
      const query = new Query(filter);
      const expected = [...c.all()].filter((d) => query.test(d)).map((d) => d._id);
      const cands = new Set([...c.candidates(filter)].map((d) => d._id));
      if (c.plan(filter)) indexed++;
      const missing = expected.filter((id) => !cands.has(id));
      if (missing.length) throw new Error(`filter ${JSON.stringify(filter)} missed ${JSON.stringify(missing)}`);
    }
    expect(indexed).toBeGreaterThan(200);
  });
});


describe('equality on every field of a unique index (map lookup)', () => {
  it('finds the same documents a scan would, across number types, arrays and changes', () => {
    const c = engine.ensureCollection('plan', 'uniq');
    c.createIndex({ name: 'email_1', key: { email: 1 }, unique: true });
    c.createIndex({ name: 'a_1_b_1', key: { a: 1, b: 1 }, unique: true });
    c.insert({ _id: 1, email: 'x@example.org', a: 1, b: 'one' });
    c.insert({ _id: 2, email: ['y@example.org', 'z@example.org'], a: Long.fromNumber(2), b: 'two' });
    c.insert({ _id: 3, a: 3 });
    // The map lookup answers exactly; mingo cannot be the oracle here (it does not equate 2 and NumberLong(2)).
    const ids = (filter: Doc) => [...c.candidates(filter)].map((d) => d._id);

    expect(c.plan({ email: 'x@example.org' })).toBe('email_1');
    expect(ids({ email: 'x@example.org' })).toEqual([1]);
    expect(ids({ email: 'z@example.org' })).toEqual([2]);
    expect(ids({ email: 'nobody@example.org' })).toEqual([]);
    expect(ids({ a: 2, b: 'two' })).toEqual([2]); // 2 finds the stored NumberLong(2)
    expect(ids({ a: 1.0, b: { $eq: 'one' } })).toEqual([1]);
    expect(ids({ email: null })).toEqual([3]); // null also matches a missing field: scanned

    c.replace({ _id: 1, email: 'changed@example.org', a: 1, b: 'one' });
    expect(ids({ email: 'x@example.org' })).toEqual([]);
    expect(ids({ email: 'changed@example.org' })).toEqual([1]);
    c.remove(2);
    expect(ids({ email: 'z@example.org' })).toEqual([]);
  });
});

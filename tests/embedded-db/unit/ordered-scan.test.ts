/**
 * The planner's ordered path (storage/ordered-scan.ts): a sorted find/findAndModify answered by
 * walking an index in sort order must return exactly what the scan path returns (filter the
 * candidates, stable-sort them): same documents, same order, ties included. Checked against the
 * scan path itself and against an independent reference (a full scan sorted by the sort keys, then
 * the walked index's remaining fields, then insertion order), on Agenda's lock query and on
 * randomised filters, sorts, skips and limits over mixed BSON types.
 */
import { Double, Long } from 'bson';
import { selectDocs, selectOne } from '../../../server/db/embedded/commands/util.js';
import { compileFilter } from '../../../server/db/embedded/query/match.js';
import { sortDocs } from '../../../server/db/embedded/query/sort.js';
import type { Doc, IndexSpec } from '../../../server/db/embedded/storage/api.js';
import { Collection } from '../../../server/db/embedded/storage/collection.js';

const sink = { encode: () => null, append: () => undefined, changed: () => undefined, dropped: () => undefined };

function collection(indexes: IndexSpec[], docs: Doc[]): Collection {
  const c = new Collection('db', 'c', { name: 'c', options: {}, uuid: null }, sink);
  for (const spec of indexes) c.createIndex({ ...spec, v: 2 });
  for (const d of docs) c.insert(d);
  return c;
}

/** The same collection seen without the ordered path: candidates() and a sort. */
const scanPath = (c: Collection) => ({
  candidates: c.candidates.bind(c),
  all: c.all.bind(c),
});

/** Full scan, filter, stable sort by the sort keys then `tieKeys` (then insertion order). */
function reference(c: Collection, filter: Doc, sort: Doc, tieKeys: string[]): Doc[] {
  const pred = compileFilter(filter, {});
  const spec: Doc = { ...sort };
  for (const k of tieKeys) if (!(k in spec)) spec[k] = 1;
  return sortDocs([...c.all()].filter(pred), spec);
}

const ids = (docs: Doc[]) => docs.map((d) => d._id);

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

describe("Agenda's lock query", () => {
  const T = new Date('2026-11-25T12:00:00Z');
  const at = (min: number) => new Date(T.getTime() + min * 60_000);
  const LOCK_INDEX = {
    name: 'findAndLockNextJobIndex',
    key: { name: 1, nextRunAt: 1, priority: -1, lockedAt: 1, disabled: 1 },
  };

  function jobs(): Doc[] {
    const r = rng(7);
    const out: Doc[] = [];
    for (let i = 0; i < 600; i += 1) {
      const d: Doc = { _id: i, name: r.pick(['reminder', 'reminder', 'email']) };
      const state = r.pick(['done', 'due', 'due', 'future', 'locked', 'stale']);
      d.nextRunAt =
        state === 'done' ? null : state === 'future' ? at(r.pick([5, 60])) : at(-r.pick([0, 1, 2]));
      d.priority = r.pick([0, 0, 0, 10, -10]);
      if (state === 'locked') d.lockedAt = at(-1);
      else if (state === 'stale') d.lockedAt = at(-30);
      else if (r.next() < 0.5) d.lockedAt = null;
      const disabled = r.pick([undefined, undefined, false, true]);
      if (disabled !== undefined) d.disabled = disabled;
      out.push(d);
    }
    return out;
  }

  const lockQuery = (name: string): Doc => ({
    name,
    disabled: { $ne: true },
    $or: [{ lockedAt: { $eq: null }, nextRunAt: { $lte: T } }, { lockedAt: { $lte: at(-10) } }],
  });
  const sort = { nextRunAt: 1, priority: -1 };

  it('walks the lock index, and returns what the scan path returns, ties included', () => {
    const c = collection([LOCK_INDEX], jobs());
    expect(c.plan(lockQuery('reminder'), { sort })).toBe('findAndLockNextJobIndex');
    for (const name of ['reminder', 'email', 'nothing']) {
      const walked = selectDocs(c, lockQuery(name), { sort });
      expect(ids(walked)).toEqual(ids(selectDocs(scanPath(c), lockQuery(name), { sort })));
      expect(ids(walked)).toEqual(
        ids(reference(c, lockQuery(name), sort, ['lockedAt', 'disabled'])),
      );
      for (const limit of [1, 3]) {
        expect(ids(selectDocs(c, lockQuery(name), { sort, limit }))).toEqual(
          ids(walked.slice(0, limit)),
        );
      }
    }
    // Ties exist (same nextRunAt and priority), so the order among them is really checked.
    const due = selectDocs(c, lockQuery('reminder'), { sort });
    expect(due.length).toBeGreaterThan(50);
  });

  it('locks every due job once, in sort order, as Agenda does one findAndModify at a time', () => {
    const c = collection([LOCK_INDEX], jobs());
    const expected = ids(reference(c, lockQuery('reminder'), sort, ['lockedAt', 'disabled']));
    const locked: unknown[] = [];
    for (;;) {
      const job = selectOne(c, lockQuery('reminder'), { sort });
      if (!job) break;
      locked.push(job._id);
      // Lock it as Agenda's $set does; a locked job matches neither branch any more.
      c.replace({ ...job, lockedAt: T });
    }
    expect(locked).toEqual(expected);
  });
});

describe('randomised filters and sorts', () => {
  const values: unknown[] = [
    null,
    undefined,
    0,
    1,
    new Double(1),
    Long.fromNumber(2),
    2.5,
    -3,
    'a',
    'b',
    'B',
    new Date(Date.UTC(2026, 0, 1)),
    new Date(Date.UTC(2026, 5, 1)),
    true,
    false,
  ];
  const INDEXES: IndexSpec[] = [
    { name: 'a_b_c', key: { a: 1, b: 1, c: -1 } },
    { name: 'b_d', key: { b: -1, d: 1 } },
    { name: 'c', key: { c: 1 } },
  ];
  const r = rng(42);

  function docs(): Doc[] {
    return Array.from({ length: 300 }, (_, i) => {
      const d: Doc = { _id: i };
      for (const f of ['a', 'b', 'c', 'd']) {
        const v = f === 'a' ? r.pick([1, 2, 'x', null, undefined]) : r.pick(values);
        if (v !== undefined) d[f] = v;
      }
      return d;
    });
  }

  const cond = (): Doc => {
    const f = r.pick(['a', 'b', 'c', 'd']);
    const v = r.pick(values.filter((x) => x !== undefined));
    const op = r.pick(['eq', '$gt', '$lte', '$in', '$ne']);
    if (op === 'eq') return { [f]: v };
    if (op === '$in') return { [f]: { $in: [v, r.pick([1, 'a', null])] } };
    return { [f]: { [op]: v } };
  };

  function filter(): Doc {
    const out: Doc = {};
    if (r.next() < 0.6) out.a = r.pick([1, 2, 'x', null]);
    if (r.next() < 0.4) Object.assign(out, cond());
    if (r.next() < 0.5) out.$or = Array.from({ length: r.pick([1, 2, 3]) }, () => cond());
    return out;
  }

  const SORTS: Doc[] = [
    { b: 1, c: -1 },
    { b: -1, c: 1 },
    { b: 1 },
    { b: -1 },
    { b: 1, c: 1 },
    { a: 1, b: 1, c: -1 },
    { d: 1 },
    { c: -1 },
    { c: 1 },
  ];

  it('agrees with the scan path and the reference for 400 random queries', () => {
    const c = collection(INDEXES, docs());
    let walkedQueries = 0;
    for (let i = 0; i < 400; i += 1) {
      const f = filter();
      const sort = r.pick(SORTS);
      const skip = r.pick([0, 0, 2]);
      const limit = r.pick([0, 1, 5]);
      const o = { sort, skip, limit };
      const got = ids(selectDocs(c, f, o));
      const label = JSON.stringify({ f, sort, skip, limit });
      const walked = c.plan(f, { sort });
      const ix = INDEXES.find((x) => x.name === walked);
      if (!ix || !c.sortedCandidates(f, sort)) {
        expect([label, got]).toEqual([label, ids(selectDocs(scanPath(c), f, o))]);
        continue;
      }
      walkedQueries += 1;
      const all = reference(c, f, sort, Object.keys(ix.key));
      const end = limit ? skip + limit : undefined;
      expect([label, got]).toEqual([label, ids(all.slice(skip, end))]);
      if (c.plan(f) === walked) {
        // The scan path reads the same index: identical, ties included.
        expect([label, got]).toEqual([label, ids(selectDocs(scanPath(c), f, o))]);
      }
    }
    expect(walkedQueries).toBeGreaterThan(100);
  });

  it('declines what it cannot order: collation, multikey, sparse, partial, $natural', () => {
    const base = docs();
    const plain = collection([{ name: 'b', key: { b: 1 } }], base);
    expect(plain.sortedCandidates({}, { b: 1 })).not.toBeNull();
    expect(plain.sortedCandidates({}, { b: 1 }, { collation: { locale: 'en' } })).toBeNull();
    expect(plain.sortedCandidates({}, { $natural: 1 })).toBeNull();
    expect(plain.sortedCandidates({}, { b: 1, c: 1 })).toBeNull(); // not a prefix of the index
    const sparse = collection([{ name: 'b', key: { b: 1 }, sparse: true }], base);
    expect(sparse.sortedCandidates({}, { b: 1 })).toBeNull();
    const partial = collection(
      [{ name: 'b', key: { b: 1 }, partialFilterExpression: { a: 1 } }],
      base,
    );
    expect(partial.sortedCandidates({}, { b: 1 })).toBeNull();
    const multikey = collection([{ name: 'b', key: { b: 1 } }], [...base, { _id: 'm', b: [3, 1] }]);
    expect(multikey.sortedCandidates({}, { b: 1 })).toBeNull();
    // A unique lookup finds at most one document: no walk.
    const unique = collection(
      [
        { name: 'd', key: { d: 1 }, unique: true },
        { name: 'b', key: { b: 1 } },
      ],
      [{ _id: 1, d: 'k', b: 2 }],
    );
    expect(unique.sortedCandidates({ d: 'k' }, { b: 1 })).toBeNull();
  });
});

/** The update layer on its own: operators, positional paths, conflicts, immutable _id, upserts. */
import { Double, Long, ObjectId, Timestamp } from 'bson';
import { MongoCommandError } from '../../../server/db/embedded/errors.js';
import { applyUpdate, applyReplacement } from '../../../server/db/embedded/query/update-apply.js';
import { parseUpdate } from '../../../server/db/embedded/query/update-parse.js';
import {
  upsertWithOperators,
  upsertWithReplacement,
} from '../../../server/db/embedded/query/upsert.js';
import type { Doc } from '../../../server/db/embedded/query/values.js';

function up(doc: Doc, u: Doc, opts: Parameters<typeof applyUpdate>[2] = {}) {
  return applyUpdate(doc, parseUpdate(u), opts);
}

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    return (err as MongoCommandError).code;
  }
  return undefined;
}

describe('update operators', () => {
  it('$set creates nested fields and reports no modification when the value is unchanged', () => {
    const doc = { _id: 1, a: { b: 1 } };
    const r = up(doc, { $set: { 'a.c': 2, 'x.y': 'z' } });
    expect(r.doc).toEqual({ _id: 1, a: { b: 1, c: 2 }, x: { y: 'z' } });
    expect(r.modified).toBe(true);
    expect(doc).toEqual({ _id: 1, a: { b: 1 } });
    expect(up(r.doc, { $set: { 'a.c': 2 } }).modified).toBe(false);
  });

  it('$unset removes fields and nulls array elements', () => {
    expect(up({ _id: 1, a: 1, b: [1, 2] }, { $unset: { a: '', 'b.0': '' } }).doc).toEqual({
      _id: 1,
      b: [null, 2],
    });
    expect(up({ _id: 1 }, { $unset: { nope: '' } }).modified).toBe(false);
  });

  it('$inc and $mul keep BSON numeric types', () => {
    const r = up(
      { _id: 1, i: 1, d: new Double(5), l: Long.fromNumber(7) },
      { $inc: { i: 2, d: 1, l: 1, n: 3 } },
    );
    expect(r.doc.i).toBe(3);
    expect(r.doc.d).toBeInstanceOf(Double);
    expect((r.doc.d as Double).value).toBe(6);
    expect(r.doc.l).toBeInstanceOf(Long);
    expect((r.doc.l as Long).toNumber()).toBe(8);
    expect(r.doc.n).toBe(3);
    const overflow = up({ _id: 1, i: 2147483647 }, { $inc: { i: 1 } }).doc.i;
    expect(overflow).toBeInstanceOf(Long);
    expect(up({ _id: 1, i: 3 }, { $mul: { i: 2, missing: 5 } }).doc).toEqual({
      _id: 1,
      i: 6,
      missing: 0,
    });
  });

  it('$inc on a string is a TypeMismatch (14)', () => {
    expect(codeOf(() => up({ _id: 1, a: 'x' }, { $inc: { a: 1 } }))).toBe(14);
    expect(codeOf(() => up({ _id: 1, a: 1 }, { $inc: { a: 'x' } }))).toBe(14);
  });

  it('$min, $max, $rename, $currentDate', () => {
    expect(up({ _id: 1, a: 5, b: 5 }, { $min: { a: 3 }, $max: { b: 3 } }).doc).toEqual({
      _id: 1,
      a: 3,
      b: 5,
    });
    expect(up({ _id: 1, a: 1, c: 2 }, { $rename: { a: 'b.x' } }).doc).toEqual({
      _id: 1,
      c: 2,
      b: { x: 1 },
    });
    const r = up({ _id: 1 }, { $currentDate: { d: true, t: { $type: 'timestamp' } } }).doc;
    expect(r.d).toBeInstanceOf(Date);
    expect(r.t).toBeInstanceOf(Timestamp);
  });

  it('$push with $each, $position, $sort and $slice; $addToSet; $pull; $pullAll; $pop', () => {
    expect(up({ _id: 1, a: [3] }, { $push: { a: { $each: [1, 2], $position: 0 } } }).doc.a).toEqual(
      [1, 2, 3],
    );
    expect(
      up({ _id: 1, a: [3, 1] }, { $push: { a: { $each: [2], $sort: 1, $slice: 2 } } }).doc.a,
    ).toEqual([1, 2]);
    expect(up({ _id: 1 }, { $push: { a: 1 } }).doc.a).toEqual([1]);
    expect(up({ _id: 1, a: [1, 2] }, { $addToSet: { a: { $each: [2, 3] } } }).doc.a).toEqual([
      1, 2, 3,
    ]);
    expect(up({ _id: 1, a: [1, 2, 3, 4] }, { $pull: { a: { $gte: 3 } } }).doc.a).toEqual([1, 2]);
    expect(up({ _id: 1, a: [{ x: 1, y: 1 }, { x: 2 }] }, { $pull: { a: { x: 1 } } }).doc.a).toEqual(
      [{ x: 2 }],
    );
    expect(up({ _id: 1, a: [1, 2, 1] }, { $pullAll: { a: [1] } }).doc.a).toEqual([2]);
    expect(up({ _id: 1, a: [1, 2, 3] }, { $pop: { a: -1 } }).doc.a).toEqual([2, 3]);
    expect(codeOf(() => up({ _id: 1, a: 5 }, { $push: { a: 1 } }))).toBe(2);
  });

  it('positional $, $[] and $[id] with arrayFilters', () => {
    const doc = {
      _id: 1,
      items: [
        { n: 1, q: 0 },
        { n: 2, q: 0 },
        { n: 3, q: 0 },
      ],
    };
    const q = { 'items.n': 2 };
    expect(up(doc, { $set: { 'items.$.q': 9 } }, { query: q }).doc.items).toEqual([
      { n: 1, q: 0 },
      { n: 2, q: 9 },
      { n: 3, q: 0 },
    ]);
    expect((up(doc, { $inc: { 'items.$[].q': 1 } }).doc.items as Doc[]).map((i) => i.q)).toEqual([
      1, 1, 1,
    ]);
    const r = up(
      doc,
      { $set: { 'items.$[big].q': 7 } },
      { arrayFilters: [{ 'big.n': { $gte: 2 } }] },
    );
    expect((r.doc.items as Doc[]).map((i) => i.q)).toEqual([0, 7, 7]);
    expect(codeOf(() => up(doc, { $set: { 'items.$.q': 1 } }, { query: {} }))).toBe(2);
  });

  it('positional $ honours several conditions on the same array', () => {
    const doc = {
      _id: 1,
      a: [
        { x: 1, y: 2 },
        { x: 1, y: 3 },
      ],
    };
    const r = up(
      doc,
      { $set: { 'a.$.z': true } },
      { query: { a: { $elemMatch: { x: 1, y: 3 } } } },
    );
    expect(r.doc.a).toEqual([
      { x: 1, y: 2 },
      { x: 1, y: 3, z: true },
    ]);
  });

  it('conflicting paths are refused with code 40 and mongod message', () => {
    expect(() => parseUpdate({ $set: { a: 1 }, $inc: { a: 1 } })).toThrow(
      "Updating the path 'a' would create a conflict at 'a'",
    );
    expect(codeOf(() => parseUpdate({ $set: { 'a.b': 1 }, $unset: { a: '' } }))).toBe(40);
    expect(codeOf(() => parseUpdate({ $set: { a: 1 }, $setOnInsert: { a: 2 } }))).toBe(40);
    expect(codeOf(() => parseUpdate({ $set: { ab: 1, a: 1 } }))).toBeUndefined();
  });

  it('modifying _id is ImmutableField (66); setting it to the same value is fine', () => {
    const id = new ObjectId();
    expect(codeOf(() => up({ _id: id, a: 1 }, { $set: { _id: new ObjectId() } }))).toBe(66);
    expect(
      up({ _id: id, a: 1 }, { $set: { _id: new ObjectId(id.toHexString()), a: 2 } }).doc,
    ).toEqual({ _id: id, a: 2 });
    expect(codeOf(() => applyReplacement({ _id: 1 }, { _id: 2, a: 1 }))).toBe(66);
  });

  it('unknown modifiers, $-prefixed fields and non-document operands are refused', () => {
    expect(codeOf(() => parseUpdate({ $foo: { a: 1 } }))).toBe(9);
    expect(codeOf(() => parseUpdate({ $set: { $a: 1 } }))).toBe(52);
    expect(codeOf(() => parseUpdate({ $set: 5 }))).toBe(9);
    expect(codeOf(() => up({ _id: 1, a: 5 }, { $set: { 'a.b': 1 } }))).toBe(28);
  });

  it('treats a field named __proto__ as data, never as the prototype', () => {
    const r = up({ _id: 1 }, { $set: { '__proto__.polluted': 1 } }).doc;
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.keys(r)).toEqual(['_id', '__proto__']);
    expect(({} as Doc).polluted).toBeUndefined();
  });

  it('applies fields in lexicographic path order, as mongod 5+', () => {
    expect(Object.keys(up({ _id: 1 }, { $set: { b: 1, a: 1 }, $inc: { c: 1 } }).doc)).toEqual([
      '_id',
      'a',
      'b',
      'c',
    ]);
  });
});

describe('upsert documents', () => {
  it('start from the query equalities, apply $setOnInsert, put _id first', () => {
    const d = upsertWithOperators(
      {
        name: 'job',
        'meta.kind': 'x',
        n: { $eq: 3 },
        $and: [{ k: 1 }],
        skip: { $gt: 1 },
        m: { $in: ['only'] },
      },
      parseUpdate({ $set: { s: 1 }, $setOnInsert: { created: true } }),
      {},
    );
    expect(Object.keys(d)[0]).toBe('_id');
    expect(d._id).toBeInstanceOf(ObjectId);
    expect(d).toMatchObject({
      name: 'job',
      meta: { kind: 'x' },
      n: 3,
      k: 1,
      m: 'only',
      s: 1,
      created: true,
    });
    expect(d.skip).toBeUndefined();
  });

  it('$setOnInsert is ignored when updating an existing document', () => {
    expect(up({ _id: 1, a: 1 }, { $setOnInsert: { b: 1 } })).toEqual({
      doc: { _id: 1, a: 1 },
      modified: false,
    });
  });

  it('a $set of _id in an upsert chooses the _id; a replacement takes the query _id', () => {
    expect(upsertWithOperators({ x: 1 }, parseUpdate({ $set: { _id: 'abc' } }), {})).toEqual({
      _id: 'abc',
      x: 1,
    });
    expect(upsertWithReplacement({ _id: 7, x: 1 }, { y: 2 })).toEqual({ _id: 7, y: 2 });
  });

  it('replacement keeps _id first and reports modification', () => {
    const r = applyReplacement({ _id: 1, a: 1 }, { b: 2, _id: 1 });
    expect(Object.keys(r.doc)).toEqual(['_id', 'b']);
    expect(r.modified).toBe(true);
    expect(applyReplacement({ _id: 1, a: 1 }, { a: 1 }).modified).toBe(false);
  });
});

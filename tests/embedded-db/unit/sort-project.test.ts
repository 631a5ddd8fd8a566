/** Sort order and projection shape, as mongod produces them. */
import { Double, Long, MaxKey, MinKey, ObjectId } from 'bson';
import { compileProjection } from '../../../server/db/embedded/query/project.js';
import { sortDocs } from '../../../server/db/embedded/query/sort.js';
import type { Doc } from '../../../server/db/embedded/query/values.js';

const ids = (docs: Doc[]) => docs.map((d) => d._id);

describe('sort', () => {
  it('orders mixed types as mongod does and treats missing as null', () => {
    const oid = new ObjectId();
    const docs: Doc[] = [
      { _id: 'date', v: new Date(0) },
      { _id: 'bool', v: true },
      { _id: 'oid', v: oid },
      { _id: 'obj', v: { a: 1 } },
      { _id: 'str', v: 'a' },
      { _id: 'num', v: 1 },
      { _id: 'missing' },
      { _id: 'null', v: null },
      { _id: 'max', v: new MaxKey() },
      { _id: 'min', v: new MinKey() },
    ];
    expect(ids(sortDocs(docs, { v: 1 }))).toEqual([
      'min',
      'missing',
      'null',
      'num',
      'str',
      'obj',
      'oid',
      'bool',
      'date',
      'max',
    ]);
  });

  it('compares numbers across types', () => {
    const docs: Doc[] = [
      { _id: 'l', v: Long.fromNumber(3) },
      { _id: 'd', v: new Double(2) },
      { _id: 'f', v: 2.5 },
      { _id: 'i', v: 1 },
    ];
    expect(ids(sortDocs(docs, { v: 1 }))).toEqual(['i', 'd', 'f', 'l']);
    expect(ids(sortDocs(docs, { v: -1 }))).toEqual(['l', 'f', 'd', 'i']);
  });

  it('uses the smallest array element ascending and the largest descending', () => {
    const docs: Doc[] = [
      { _id: 'a', v: [1, 10] },
      { _id: 'b', v: 5 },
      { _id: 'c', v: [2, 3] },
    ];
    expect(ids(sortDocs(docs, { v: 1 }))).toEqual(['a', 'c', 'b']);
    expect(ids(sortDocs(docs, { v: -1 }))).toEqual(['a', 'b', 'c']);
  });

  it('is stable, supports compound keys and collation', () => {
    const docs: Doc[] = [
      { _id: 1, g: 1, s: 'b' },
      { _id: 2, g: 0, s: 'B' },
      { _id: 3, g: 1, s: 'A' },
      { _id: 4, g: 0, s: 'a' },
    ];
    expect(ids(sortDocs(docs, { g: 1, s: -1 }))).toEqual([4, 2, 1, 3]);
    expect(ids(sortDocs(docs, { s: 1 }))).toEqual([3, 2, 4, 1]);
    expect(ids(sortDocs(docs, { s: 1 }, { locale: 'en', strength: 2 }))).toEqual([3, 4, 1, 2]);
  });
});

describe('projection', () => {
  const doc = {
    name: 'n',
    _id: 1,
    a: { b: 1, c: 2 },
    arr: [
      { x: 1, y: 1 },
      { x: 2, y: 2 },
    ],
    list: [1, 2, 3, 4],
  };

  it('inclusion puts _id first and keeps document order for the rest', () => {
    const p = compileProjection({ 'a.c': 1, name: 1 })!;
    expect(Object.keys(p(doc))).toEqual(['_id', 'name', 'a']);
    expect(p(doc)).toEqual({ _id: 1, name: 'n', a: { c: 2 } });
    expect(compileProjection({ name: 1, _id: 0 })!(doc)).toEqual({ name: 'n' });
    expect(compileProjection({ 'arr.x': 1 })!(doc)).toEqual({ _id: 1, arr: [{ x: 1 }, { x: 2 }] });
  });

  it('exclusion removes paths, including inside arrays of documents', () => {
    expect(compileProjection({ a: 0, list: 0, 'arr.y': 0 })!(doc)).toEqual({
      name: 'n',
      _id: 1,
      arr: [{ x: 1 }, { x: 2 }],
    });
    expect(compileProjection({ _id: 0 })!(doc)).not.toHaveProperty('_id');
  });

  it('refuses mixing inclusion and exclusion', () => {
    expect(() => compileProjection({ a: 1, name: 0 })).toThrow(
      'Cannot do exclusion on field name in inclusion projection',
    );
  });

  it('$slice, $elemMatch and positional field.$', () => {
    expect(compileProjection({ list: { $slice: 2 } })!(doc).list).toEqual([1, 2]);
    expect(compileProjection({ list: { $slice: [1, 2] } })!(doc).list).toEqual([2, 3]);
    expect(compileProjection({ list: { $slice: -1 } })!(doc).list).toEqual([4]);
    expect(compileProjection({ arr: { $elemMatch: { x: 2 } } })!(doc)).toEqual({
      _id: 1,
      arr: [{ x: 2, y: 2 }],
    });
    expect(compileProjection({ 'arr.$': 1 }, { 'arr.x': 2 })!(doc)).toEqual({
      _id: 1,
      arr: [{ x: 2, y: 2 }],
    });
  });
});

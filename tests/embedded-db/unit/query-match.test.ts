/** The matcher on its own: mongod's array, null, type-bracketing, $type and collation rules. */
import { Decimal128, Double, Long, ObjectId, Timestamp, Binary } from 'bson';
import { compileFilter } from '../../../server/db/embedded/query/match.js';
import type { Doc } from '../../../server/db/embedded/query/values.js';

function matches(filter: Doc, docs: Doc[], collation?: Doc): unknown[] {
  const p = compileFilter(filter, { collation: collation as never });
  return docs.filter(p).map((d) => d._id);
}

describe('query matching', () => {
  const docs: Doc[] = [
    { _id: 1, a: 1, tags: ['x', 'y'], s: 'Apple' },
    { _id: 2, a: new Double(2), tags: [], s: 'apple' },
    {
      _id: 3,
      a: Long.fromNumber(3),
      sub: [
        { k: 1, v: 'a' },
        { k: 2, v: 'b' },
      ],
      s: 'Banana',
    },
    { _id: 4, a: Decimal128.fromString('4.5'), s: null },
    { _id: 5, a: '5', b: null },
  ];

  it('compares numbers across int32, double, long and decimal', () => {
    expect(matches({ a: 2 }, docs)).toEqual([2]);
    expect(matches({ a: { $gte: 2, $lt: 5 } }, docs)).toEqual([2, 3, 4]);
    expect(matches({ a: { $in: [3, 1] } }, docs)).toEqual([1, 3]);
  });

  it('range operators are type-bracketed (a string never matches a number bound)', () => {
    expect(matches({ a: { $gt: 0 } }, docs)).toEqual([1, 2, 3, 4]);
    expect(matches({ a: { $gt: '' } }, docs)).toEqual([5]);
  });

  it('null matches null and missing; $exists distinguishes them', () => {
    expect(matches({ b: null }, docs)).toEqual([1, 2, 3, 4, 5]);
    expect(matches({ b: { $exists: true } }, docs)).toEqual([5]);
    expect(matches({ s: { $ne: null } }, docs)).toEqual([1, 2, 3]);
  });

  it('arrays: element match, whole-array match, $size, $all, $elemMatch, dotted paths', () => {
    expect(matches({ tags: 'y' }, docs)).toEqual([1]);
    expect(matches({ tags: ['x', 'y'] }, docs)).toEqual([1]);
    expect(matches({ tags: { $size: 0 } }, docs)).toEqual([2]);
    expect(matches({ tags: { $all: ['y', 'x'] } }, docs)).toEqual([1]);
    expect(matches({ 'sub.k': 2 }, docs)).toEqual([3]);
    expect(matches({ 'sub.0.v': 'a' }, docs)).toEqual([3]);
    expect(matches({ sub: { $elemMatch: { k: 1, v: 'b' } } }, docs)).toEqual([]);
    expect(matches({ sub: { $elemMatch: { k: 2, v: 'b' } } }, docs)).toEqual([3]);
  });

  it('$type knows every BSON numeric type and the object-like types', () => {
    const typed: Doc[] = [
      { _id: 'int', v: 1 },
      { _id: 'double', v: new Double(1) },
      { _id: 'frac', v: 1.5 },
      { _id: 'long', v: Long.fromNumber(1) },
      { _id: 'decimal', v: Decimal128.fromString('1') },
      { _id: 'oid', v: new ObjectId() },
      { _id: 'bin', v: new Binary(Buffer.from('x')) },
      { _id: 'ts', v: new Timestamp({ t: 1, i: 1 }) },
      { _id: 'date', v: new Date() },
      { _id: 'arr', v: [] },
      { _id: 'obj', v: {} },
      { _id: 'null', v: null },
      { _id: 'missing' },
    ];
    expect(matches({ v: { $type: 'int' } }, typed)).toEqual(['int']);
    expect(matches({ v: { $type: 'double' } }, typed)).toEqual(['double', 'frac']);
    expect(matches({ v: { $type: 'long' } }, typed)).toEqual(['long']);
    expect(matches({ v: { $type: 'decimal' } }, typed)).toEqual(['decimal']);
    expect(matches({ v: { $type: 'number' } }, typed)).toEqual([
      'int',
      'double',
      'frac',
      'long',
      'decimal',
    ]);
    expect(matches({ v: { $type: 'objectId' } }, typed)).toEqual(['oid']);
    expect(matches({ v: { $type: 'binData' } }, typed)).toEqual(['bin']);
    expect(matches({ v: { $type: 'timestamp' } }, typed)).toEqual(['ts']);
    expect(matches({ v: { $type: ['date', 'array'] } }, typed)).toEqual(['date', 'arr']);
    expect(matches({ v: { $type: 'object' } }, typed)).toEqual(['obj']);
    expect(matches({ v: { $type: 'null' } }, typed)).toEqual(['null']);
    expect(matches({ v: { $type: 16 } }, typed)).toEqual(['int']);
  });

  it('logical operators, $not, regex', () => {
    expect(matches({ $or: [{ _id: 1 }, { _id: 5 }] }, docs)).toEqual([1, 5]);
    expect(matches({ $nor: [{ _id: 1 }, { _id: 5 }] }, docs)).toEqual([2, 3, 4]);
    expect(matches({ s: /^app/i }, docs)).toEqual([1, 2]);
    expect(matches({ s: { $regex: '^B', $options: '' } }, docs)).toEqual([3]);
    expect(matches({ s: { $not: /^a/ } }, docs)).toEqual([1, 3, 4, 5]);
    expect(matches({ _id: { $not: { $lt: 3 } } }, docs)).toEqual([3, 4, 5]);
  });

  it('case-insensitive collation (strength 1 and 2) for equality, $in and $ne', () => {
    const en2 = { locale: 'en', strength: 2 };
    expect(matches({ s: 'APPLE' }, docs)).toEqual([]);
    expect(matches({ s: 'APPLE' }, docs, en2)).toEqual([1, 2]);
    expect(matches({ s: { $in: ['banana'] } }, docs, { locale: 'en', strength: 1 })).toEqual([3]);
    expect(matches({ s: { $ne: 'apple' } }, docs, en2)).toEqual([3, 4, 5]);
  });

  it('reads only own fields (no prototype leaks) and refuses unknown operators', () => {
    expect(matches({ constructor: { $exists: true } }, docs)).toEqual([]);
    expect(() => compileFilter({ a: { $foo: 1 } })).toThrow('unknown operator: $foo');
    expect(() => compileFilter({ $where: 'true' })).toThrow();
  });
});

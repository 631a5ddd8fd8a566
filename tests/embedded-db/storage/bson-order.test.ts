import { Binary, BSONRegExp, BSONSymbol, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { canonicalKey, compareValues, compareWithCollation, typeRank, valuesEqual } from '../../../server/db/embedded/bson-order.js';

describe('bson-order: mongod total order', () => {
  it('orders values of different types as mongod does', () => {
    const ascending = [
      new MinKey(),
      null,
      -5,
      'abc',
      { a: 1 },
      [1, 2],
      new Binary(Buffer.from([1])),
      new ObjectId('000000000000000000000001'),
      false,
      true,
      new Date(0),
      new Timestamp({ t: 1, i: 0 }),
      /x/,
      new MaxKey(),
    ];
    const shuffled = [...ascending].reverse();
    shuffled.sort(compareValues);
    expect(shuffled.map(typeRank)).toEqual(ascending.map(typeRank));
    for (let i = 1; i < ascending.length; i++) {
      expect(compareValues(ascending[i - 1], ascending[i])).toBeLessThan(0);
      expect(compareValues(ascending[i], ascending[i - 1])).toBeGreaterThan(0);
    }
  });

  it('compares numbers numerically across int32, int64, double, Decimal128 and bigint', () => {
    expect(valuesEqual(1, Long.fromNumber(1))).toBe(true);
    expect(valuesEqual(new Int32(1), new Double(1.0))).toBe(true);
    expect(valuesEqual(Decimal128.fromString('2.5'), 2.5)).toBe(true);
    expect(valuesEqual(3n, new Int32(3))).toBe(true);
    expect(compareValues(Long.fromNumber(2), 2.5)).toBeLessThan(0);
    expect(compareValues(Decimal128.fromString('-1'), new Int32(0))).toBeLessThan(0);
    // int64 beyond 2^53 keeps its precision against doubles
    const big = Long.fromString('9007199254740993');
    expect(compareValues(big, 9007199254740992)).toBeGreaterThan(0);
    expect(compareValues(Long.fromString('1152921504606846976'), 2 ** 60)).toBe(0);
    // NaN is below every other number and equal to itself
    expect(compareValues(NaN, -Infinity)).toBeLessThan(0);
    expect(compareValues(NaN, NaN)).toBe(0);
    expect(valuesEqual(0, -0)).toBe(true);
  });

  it('gives equal values the same canonical key and different values different keys', () => {
    expect(canonicalKey(1)).toBe(canonicalKey(Long.fromNumber(1)));
    expect(canonicalKey(1)).toBe(canonicalKey(new Double(1)));
    expect(canonicalKey(new Int32(7))).toBe(canonicalKey(7n));
    expect(canonicalKey(2 ** 60)).toBe(canonicalKey(Long.fromString('1152921504606846976')));
    expect(canonicalKey({ a: [1, 'x'] })).toBe(canonicalKey({ a: [Long.fromNumber(1), 'x'] }));
    expect(canonicalKey('x')).toBe(canonicalKey(new BSONSymbol('x')));
    const id = new ObjectId();
    expect(canonicalKey(id)).toBe(canonicalKey(new ObjectId(id.toHexString())));
    const distinct = [1, '1', true, null, [1], { a: 1 }, { a: '1' }, new Date(1), id, 1.5, 'a"b', ['a', 'b'], ['a,b']];
    expect(new Set(distinct.map(canonicalKey)).size).toBe(distinct.length);
  });

  it('compares strings by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF21 (3 UTF-8 bytes) is below U+1F600 (4 bytes) though its UTF-16 unit is higher.
    expect(compareValues('\uff21', '\u{1f600}')).toBeLessThan(0);
    expect(compareValues('a', 'B')).toBeGreaterThan(0);
    expect(compareValues('ab', 'abc')).toBeLessThan(0);
  });

  it('compares arrays element-wise then by length, objects by field type, name, value', () => {
    expect(compareValues([1, 2], [1, 3])).toBeLessThan(0);
    expect(compareValues([1, 2], [1, 2, 0])).toBeLessThan(0);
    expect(compareValues([2], [1, 9])).toBeGreaterThan(0);
    expect(compareValues({ a: 1 }, { b: 0 })).toBeLessThan(0);
    expect(compareValues({ a: 'x' }, { a: 1 })).toBeGreaterThan(0);
    expect(compareValues({ a: 1 }, { a: 1, b: 1 })).toBeLessThan(0);
    expect(compareValues({ a: 1, b: 2 }, { b: 2, a: 1 })).toBeLessThan(0);
  });

  it('orders binData by length, then subtype, then bytes; ObjectIds and Timestamps by value', () => {
    expect(compareValues(new Binary(Buffer.from([9]), 5), new Binary(Buffer.from([0, 0]), 0))).toBeLessThan(0);
    expect(compareValues(new Binary(Buffer.from([9]), 0), new Binary(Buffer.from([0]), 4))).toBeLessThan(0);
    expect(compareValues(new Binary(Buffer.from([1])), new Binary(Buffer.from([2])))).toBeLessThan(0);
    expect(compareValues(new ObjectId('00000000000000000000000a'), new ObjectId('0000000000000000000000ff'))).toBeLessThan(0);
    expect(compareValues(new Timestamp({ t: 1, i: 5 }), new Timestamp({ t: 2, i: 0 }))).toBeLessThan(0);
    expect(compareValues(new Date(5), new Date(10))).toBeLessThan(0);
    expect(valuesEqual(/a/i, new BSONRegExp('a', 'i'))).toBe(true);
  });

  it('compares strings case-insensitively under collation strength 1 and 2', () => {
    expect(compareWithCollation('Hello', 'hello', { locale: 'en', strength: 2 })).toBe(0);
    expect(compareWithCollation('café', 'CAFE', { locale: 'en', strength: 1 })).toBe(0);
    expect(compareWithCollation('café', 'CAFE', { locale: 'en', strength: 2 })).not.toBe(0);
    expect(compareWithCollation({ n: 'ABC' }, { n: 'abc' }, { locale: 'en', strength: 2 })).toBe(0);
    expect(compareWithCollation('Hello', 'hello', { locale: 'simple' })).not.toBe(0);
    expect(compareWithCollation('a', 'B', { locale: 'en', strength: 2 })).toBeLessThan(0);
  });
});

/**
 * Small helpers over the engine's value representation (see codec.ts): telling documents from
 * BSON scalars, BSON type numbers for `$type`, numbers across int32/int64/double/decimal.
 */
import { Decimal128, Double, Long } from 'bson';

export type Doc = Record<string, unknown>;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** A plain embedded document (not an array, Date, RegExp, byte array or bson value class). */
export function isDocument(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Sets an own field. A field named `__proto__` (legal in BSON) is defined rather than assigned,
 * so it stays data and never changes the object's prototype.
 */
export function setField(obj: Doc, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else obj[key] = value;
}

/** Own field lookup: never reads inherited properties such as `constructor`. */
export function getField(obj: Doc, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function isIndexKey(key: string): boolean {
  return key.length > 0 && key.length < 10 && /^[0-9]+$/.test(key);
}

export type NumKind = 'int' | 'long' | 'double' | 'decimal';
const KIND_RANK: Record<NumKind, number> = { int: 0, long: 1, double: 2, decimal: 3 };

/** Which BSON numeric type a value would be written as, or null for non-numbers. */
export function numKind(v: unknown): NumKind | null {
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX && !Object.is(v, -0)
      ? 'int'
      : 'double';
  }
  if (v === null || typeof v !== 'object') return null;
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'Double':
      return 'double';
    case 'Int32':
      return 'int';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    default:
      return null;
  }
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(v.toString());
  if (v && typeof v === 'object' && 'value' in v) return Number((v as { value: unknown }).value);
  return NaN;
}

/** A number of the given kind holding `n`. */
export function makeNumber(kind: NumKind, n: number): unknown {
  switch (kind) {
    case 'int':
      if (Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX) return n;
      return Number.isSafeInteger(n) ? Long.fromNumber(n) : n; // int32 overflow promotes to long, like mongod
    case 'long':
      return Number.isInteger(n) ? Long.fromNumber(n) : n;
    case 'double':
      return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0)
        ? new Double(n)
        : n;
    case 'decimal':
      return Decimal128.fromString(String(n));
  }
}

function widest(a: NumKind, b: NumKind): NumKind {
  return KIND_RANK[a] >= KIND_RANK[b] ? a : b;
}

/** a + b with mongod's result type (int overflow -> long, any double -> double ...). */
export function addNumbers(a: unknown, b: unknown): unknown {
  const kind = widest(numKind(a) as NumKind, numKind(b) as NumKind);
  if (kind === 'long' && a instanceof Long && (b instanceof Long || typeof b === 'number')) {
    return a.add(b instanceof Long ? b : Long.fromNumber(b));
  }
  if (kind === 'long' && b instanceof Long && typeof a === 'number')
    return b.add(Long.fromNumber(a));
  return makeNumber(kind, toNumber(a) + toNumber(b));
}

/** a * b with mongod's result type. */
export function mulNumbers(a: unknown, b: unknown): unknown {
  const kind = widest(numKind(a) as NumKind, numKind(b) as NumKind);
  if (kind === 'long') {
    const la = a instanceof Long ? a : Long.fromNumber(toNumber(a));
    const lb = b instanceof Long ? b : Long.fromNumber(toNumber(b));
    return la.multiply(lb);
  }
  return makeNumber(kind, toNumber(a) * toNumber(b));
}

/** Zero of the same numeric type as `v` (what $mul writes into a missing field). */
export function zeroLike(v: unknown): unknown {
  return makeNumber(numKind(v) ?? 'int', 0);
}

/** BSON type number of a value, as `$type` sees it. */
export function bsonTypeOf(v: unknown): number {
  if (v === undefined) return 6;
  if (v === null) return 10;
  switch (typeof v) {
    case 'number':
      return numKind(v) === 'int' ? 16 : 1;
    case 'string':
      return 2;
    case 'boolean':
      return 8;
    case 'bigint':
      return 18;
    case 'function':
      return 13;
  }
  if (Array.isArray(v)) return 4;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if (v instanceof Uint8Array) return 5;
  const tags: Record<string, number> = {
    Double: 1,
    Int32: 16,
    Long: 18,
    Decimal128: 19,
    ObjectId: 7,
    Binary: 5,
    Timestamp: 17,
    BSONRegExp: 11,
    Code: 13,
    BSONSymbol: 14,
    MinKey: -1,
    MaxKey: 127,
    DBRef: 3,
  };
  const tag = (v as { _bsontype?: string })._bsontype;
  return tag !== undefined ? (tags[tag] ?? 3) : 3;
}

export const TYPE_ALIASES: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

/** Structural copy of documents and arrays (leaf bson values are immutable and shared). */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (isDocument(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) setField(out, k, cloneValue(v[k]));
    return out as T;
  }
  return v;
}

/**
 * mongod's total order over BSON values, used for sorting, index keys and equality.
 *
 * Values are bson classes (recognised by `_bsontype`) or JS primitives, Dates, RegExps, arrays,
 * byte arrays and plain objects. Type ranks are mongod's canonical type numbers, so values of
 * different types order as mongod orders them; numbers compare numerically across int32, int64,
 * double, Decimal128 and bigint. `canonicalKey` gives equal values the same string so that `_id`
 * lookups and unique indexes can use a Map.
 */

export interface Collation {
  locale: string;
  strength?: number;
  numericOrdering?: boolean;
  caseLevel?: boolean;
  [option: string]: unknown;
}

type StringCompare = (a: string, b: string) => number;

interface Tagged {
  _bsontype?: string;
}

/** Canonical type ranks of the bson classes (mongod's canonicalizeBSONType). */
const TAG_RANKS: Record<string, number> = {
  Int32: 10,
  Double: 10,
  Long: 10,
  Decimal128: 10,
  BSONSymbol: 15,
  DBRef: 20,
  Binary: 30,
  ObjectId: 35,
  Timestamp: 47,
  BSONRegExp: 50,
  Code: 60,
  MinKey: -1,
  MaxKey: 100,
};

/** mongod's canonical type rank of a value (MinKey lowest, MaxKey highest). */
export function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 5;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 10;
    case 'string':
      return 15;
    case 'boolean':
      return 40;
    case 'object':
      break;
    default:
      return 60; // functions: treated like BSON Code, which is what the serializer makes of them
  }
  const tag = (v as Tagged)._bsontype;
  if (tag !== undefined) return TAG_RANKS[tag] ?? 20;
  if (Array.isArray(v)) return 25;
  if (v instanceof Date) return 45;
  if (v instanceof RegExp) return 50;
  if (v instanceof Uint8Array) return 30;
  return 20;
}

/** A number-like value as a JS number or (for exact integers beyond 2^53) a bigint. */
function numeric(v: unknown): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  const tag = (v as Tagged)._bsontype;
  if (tag === 'Long') {
    const l = v as { toNumber(): number; toBigInt(): bigint };
    const n = l.toNumber();
    return Number.isSafeInteger(n) ? n : l.toBigInt();
  }
  if (tag === 'Decimal128') return Number((v as { toString(): string }).toString());
  return (v as { value: number }).value; // Int32, Double
}

function compareNumbers(x: number | bigint, y: number | bigint): number {
  if (typeof x === 'number' && typeof y === 'number') {
    if (x < y) return -1;
    if (x > y) return 1;
    if (x === y) return 0;
    // NaN sorts below every other number and equals itself, as in mongod.
    const xn = Number.isNaN(x);
    const yn = Number.isNaN(y);
    return xn && yn ? 0 : xn ? -1 : 1;
  }
  if (typeof x === 'number' && Number.isNaN(x)) return -1;
  if (typeof y === 'number' && Number.isNaN(y)) return 1;
  // One side is a bigint: compare exactly when the other is an integral double.
  const bx = typeof x === 'bigint' ? x : Number.isInteger(x) ? BigInt(x) : null;
  const by = typeof y === 'bigint' ? y : Number.isInteger(y) ? BigInt(y) : null;
  if (bx !== null && by !== null) return bx < by ? -1 : bx > by ? 1 : 0;
  const nx = Number(x);
  const ny = Number(y);
  return nx < ny ? -1 : nx > ny ? 1 : 0;
}

/** Binary (UTF-8 byte) order, which is code point order, not JS's UTF-16 unit order. */
export function compareStringsBinary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      // Only surrogates (>= 0xD800) can disagree between UTF-16 and code point order.
      if (ca < 0xd800 && cb < 0xd800) return ca < cb ? -1 : 1;
      const pa = a.codePointAt(i) as number;
      const pb = b.codePointAt(i) as number;
      return pa < pb ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
}

function binaryParts(v: unknown): { sub: number; bytes: Uint8Array } {
  if (v instanceof Uint8Array) return { sub: 0, bytes: v };
  const b = v as { buffer: Uint8Array; sub_type: number; position: number };
  return { sub: b.sub_type, bytes: b.buffer.subarray(0, b.position) };
}

function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  const r = v as { pattern: string; options: string };
  return [r.pattern, r.options];
}

function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : (v as { value: string }).value;
}

/** Fields of an object value as mongod would see them (a DBRef is {$ref, $id, $db}). */
function entriesOf(v: object): [string, unknown][] {
  if ((v as Tagged)._bsontype === 'DBRef') {
    const r = v as { collection: string; oid: unknown; db?: string };
    const out: [string, unknown][] = [['$ref', r.collection], ['$id', r.oid]];
    if (r.db) out.push(['$db', r.db]);
    return out;
  }
  return Object.entries(v).filter(([, x]) => x !== undefined);
}

function compareWith(a: unknown, b: unknown, strCmp: StringCompare): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case -1:
    case 5:
    case 100:
      return 0;
    case 10:
      return compareNumbers(numeric(a), numeric(b));
    case 15:
      return strCmp(stringOf(a), stringOf(b));
    case 20:
      return compareObjects(entriesOf(a as object), entriesOf(b as object), strCmp);
    case 25: {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareWith(x[i], y[i], strCmp);
        if (c !== 0) return c;
      }
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    }
    case 30: {
      const x = binaryParts(a);
      const y = binaryParts(b);
      if (x.bytes.length !== y.bytes.length) return x.bytes.length < y.bytes.length ? -1 : 1;
      if (x.sub !== y.sub) return x.sub < y.sub ? -1 : 1;
      return compareBytes(x.bytes, y.bytes);
    }
    case 35:
      return compareBytes((a as { id: Uint8Array }).id, (b as { id: Uint8Array }).id);
    case 40:
      return a === b ? 0 : a ? 1 : -1;
    case 45:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    case 47: {
      const x = a as { high: number; low: number };
      const y = b as { high: number; low: number };
      const hx = x.high >>> 0;
      const hy = y.high >>> 0;
      if (hx !== hy) return hx < hy ? -1 : 1;
      const lx = x.low >>> 0;
      const ly = y.low >>> 0;
      return lx < ly ? -1 : lx > ly ? 1 : 0;
    }
    case 50: {
      const [px, fx] = regexParts(a);
      const [py, fy] = regexParts(b);
      return compareStringsBinary(px, py) || compareStringsBinary(fx, fy);
    }
    default: {
      const cx = typeof a === 'function' ? String(a) : String((a as { code: unknown }).code);
      const cy = typeof b === 'function' ? String(b) : String((b as { code: unknown }).code);
      return compareStringsBinary(cx, cy);
    }
  }
}

function compareObjects(x: [string, unknown][], y: [string, unknown][], strCmp: StringCompare): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const tx = typeRank(x[i][1]);
    const ty = typeRank(y[i][1]);
    if (tx !== ty) return tx < ty ? -1 : 1;
    const k = compareStringsBinary(x[i][0], y[i][0]);
    if (k !== 0) return k;
    const c = compareWith(x[i][1], y[i][1], strCmp);
    if (c !== 0) return c;
  }
  return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
}

/** mongod's comparison of two BSON values: negative, zero or positive. */
export function compareValues(a: unknown, b: unknown): number {
  return compareWith(a, b, compareStringsBinary);
}

/** True when mongod considers the values equal (e.g. 1, Long(1) and Double(1.0)). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareWith(a, b, compareStringsBinary) === 0;
}

const collators = new Map<string, StringCompare>();

/** A string comparator for a collation; the simple (binary) one when none or 'simple'. */
export function stringComparator(collation?: Collation | null): StringCompare {
  if (!collation || collation.locale === 'simple') return compareStringsBinary;
  const strength = collation.strength ?? 3;
  const key = `${collation.locale}|${strength}|${collation.numericOrdering ? 1 : 0}|${collation.caseLevel ? 1 : 0}`;
  let cmp = collators.get(key);
  if (!cmp) {
    const sensitivity = strength <= 1 ? (collation.caseLevel ? 'case' : 'base') : strength === 2 ? 'accent' : 'variant';
    let collator: Intl.Collator;
    try {
      collator = new Intl.Collator(collation.locale, { sensitivity, numeric: !!collation.numericOrdering });
    } catch {
      collator = new Intl.Collator('en', { sensitivity, numeric: !!collation.numericOrdering });
    }
    cmp = collator.compare;
    collators.set(key, cmp);
  }
  return cmp;
}

/** compareValues, with strings (also inside objects and arrays) compared under a collation. */
export function compareWithCollation(a: unknown, b: unknown, collation?: Collation | null): number {
  return compareWith(a, b, stringComparator(collation));
}

function numberKey(v: unknown): string {
  const n = numeric(v);
  if (typeof n === 'bigint') return n.toString();
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  return String(n); // fractions, NaN, Infinity: the shortest round-trip form
}

/** A string that is the same for values mongod considers equal (Map keys for `_id`, unique). */
export function canonicalKey(v: unknown): string {
  const r = typeRank(v);
  switch (r) {
    case -1:
      return '-';
    case 5:
      return 'z';
    case 10:
      return 'n' + numberKey(v);
    case 15:
      return 's' + stringOf(v);
    case 20: {
      let out = 'o{';
      for (const [k, x] of entriesOf(v as object)) out += JSON.stringify(k) + ':' + JSON.stringify(canonicalKey(x)) + ',';
      return out + '}';
    }
    case 25:
      return 'a' + JSON.stringify((v as unknown[]).map(canonicalKey));
    case 30: {
      const { sub, bytes } = binaryParts(v);
      return 'B' + sub + ':' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
    }
    case 35:
      return 'i' + (v as { toHexString(): string }).toHexString();
    case 40:
      return v ? 'T' : 'F';
    case 45:
      return 'd' + (v as Date).getTime();
    case 47: {
      const t = v as { high: number; low: number };
      return 't' + (t.high >>> 0) + ':' + (t.low >>> 0);
    }
    case 50: {
      const [p, f] = regexParts(v);
      return 'r' + JSON.stringify(p) + f;
    }
    case 100:
      return '+';
    default:
      return 'c' + (typeof v === 'function' ? String(v) : String((v as { code: unknown }).code));
  }
}

/**
 * The unified test format's matching rules ("Evaluating Matches"): extra fields allowed in root
 * documents only, arrays of equal length, flexible numeric comparison, and the special operators
 * $$exists, $$type, $$unsetOrMatches, $$lte, $$matchesEntity, $$matchAsRoot, $$matchAsDocument.
 * `match` returns null when `actual` matches, or a message naming the first mismatching path.
 */
import { EJSON } from 'bson';

export type Entities = Map<string, unknown>;

function bsonType(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;
}

/** A plain document (not an array, not a BSON value such as ObjectId, Date or Binary). */
export function isDocument(v: unknown): v is Record<string, unknown> {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    bsonType(v) === undefined &&
    !(v instanceof Date) &&
    !(v instanceof RegExp) &&
    !(v instanceof Uint8Array)
  );
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = bsonType(v);
  if (t === 'Long') return (v as { toNumber(): number }).toNumber();
  if (t === 'Int32' || t === 'Double') return (v as { value: number }).value;
  return undefined;
}

/** The $type aliases a value answers to (JS numbers cannot tell int from double: both accepted). */
function typeNames(v: unknown): string[] {
  if (v === null) return ['null'];
  if (v === undefined) return ['undefined'];
  if (typeof v === 'string') return ['string'];
  if (typeof v === 'boolean') return ['bool'];
  if (typeof v === 'number')
    return Number.isInteger(v) ? ['int', 'long', 'double', 'number'] : ['double', 'number'];
  if (typeof v === 'bigint') return ['long', 'number'];
  if (Array.isArray(v)) return ['array'];
  if (v instanceof Date) return ['date'];
  if (v instanceof RegExp) return ['regex'];
  const t = bsonType(v);
  const map: Record<string, string[]> = {
    Int32: ['int', 'number'],
    Double: ['double', 'number'],
    Long: ['long', 'number'],
    Decimal128: ['decimal', 'number'],
    ObjectId: ['objectId'],
    Binary: ['binData'],
    Timestamp: ['timestamp'],
    BSONRegExp: ['regex'],
    MinKey: ['minKey'],
    MaxKey: ['maxKey'],
    Code: ['javascript'],
    BSONSymbol: ['symbol'],
    DBRef: ['object'],
  };
  if (t) return map[t] ?? [t];
  return ['object'];
}

function scalarEqual(expected: unknown, actual: unknown): boolean {
  const en = asNumber(expected);
  const an = asNumber(actual);
  if (en !== undefined || an !== undefined)
    return en !== undefined && an !== undefined && en === an;
  if (expected instanceof Date || actual instanceof Date) {
    return (
      expected instanceof Date && actual instanceof Date && expected.getTime() === actual.getTime()
    );
  }
  if (bsonType(expected) === 'Decimal128' || bsonType(actual) === 'Decimal128')
    return String(expected) === String(actual);
  if (
    expected === null ||
    actual === null ||
    typeof expected !== 'object' ||
    typeof actual !== 'object'
  ) {
    return expected === actual;
  }
  return (
    EJSON.stringify(expected as never, { relaxed: false }) ===
    EJSON.stringify(actual as never, { relaxed: false })
  );
}

const special = (v: unknown): string | undefined => {
  if (!isDocument(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0].startsWith('$$') ? keys[0] : undefined;
};

/** Matches `actual` against `expected`; `root` allows extra fields at this level. */
export function match(
  expected: unknown,
  actual: unknown,
  root: boolean,
  entities: Entities,
  path = '$',
): string | null {
  const op = special(expected);
  if (op)
    return matchOperator(
      op,
      (expected as Record<string, unknown>)[op],
      actual,
      root,
      entities,
      path,
    );
  if (isDocument(expected)) {
    if (!isDocument(actual)) return `${path}: expected a document, got ${describe(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const sub = `${path}.${key}`;
      const has =
        Object.prototype.hasOwnProperty.call(actual, key) ||
        (key in actual && actual[key] !== undefined);
      const keyOp = special(value);
      if (keyOp === '$$exists') {
        const want = Boolean((value as Record<string, unknown>).$$exists);
        if (want !== has) return `${sub}: expected ${want ? 'present' : 'absent'}`;
        continue;
      }
      if (keyOp === '$$unsetOrMatches' && !has) continue;
      if (!has) return `${sub}: missing`;
      const err = match(value, actual[key], false, entities, sub);
      if (err) return err;
    }
    if (!root) {
      const extra = Object.keys(actual).filter((k) => !(k in expected) && actual[k] !== undefined);
      if (extra.length) return `${path}: unexpected field(s) ${extra.join(', ')}`;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${describe(actual)}`;
    if (actual.length !== expected.length)
      return `${path}: expected ${expected.length} elements, got ${actual.length}`;
    for (let i = 0; i < expected.length; i += 1) {
      const err = match(expected[i], actual[i], false, entities, `${path}[${i}]`);
      if (err) return err;
    }
    return null;
  }
  return scalarEqual(expected, actual)
    ? null
    : `${path}: expected ${describe(expected)}, got ${describe(actual)}`;
}

function matchOperator(
  op: string,
  arg: unknown,
  actual: unknown,
  root: boolean,
  entities: Entities,
  path: string,
): string | null {
  switch (op) {
    case '$$unsetOrMatches':
      return actual === undefined ? null : match(arg, actual, root, entities, path);
    case '$$exists':
      return (actual !== undefined) === Boolean(arg)
        ? null
        : `${path}: $$exists ${String(arg)} failed`;
    case '$$type': {
      const wanted = (Array.isArray(arg) ? arg : [arg]) as string[];
      if (actual === undefined) return `${path}: missing (expected type ${wanted.join('|')})`;
      return typeNames(actual).some((t) => wanted.includes(t))
        ? null
        : `${path}: type ${typeNames(actual)[0]} not in ${wanted.join('|')}`;
    }
    case '$$lte': {
      const a = asNumber(actual);
      const e = asNumber(arg);
      return a !== undefined && e !== undefined && a <= e
        ? null
        : `${path}: expected <= ${describe(arg)}, got ${describe(actual)}`;
    }
    case '$$matchesEntity':
      if (!entities.has(String(arg))) return `${path}: unknown entity ${String(arg)}`;
      return match(entities.get(String(arg)), actual, root, entities, path);
    case '$$matchAsRoot':
      return match(arg, actual, true, entities, path);
    case '$$matchAsDocument':
      if (typeof actual !== 'string') return `${path}: expected an extended JSON string`;
      return match(arg, EJSON.parse(actual, { relaxed: false }), false, entities, path);
    default:
      return `${path}: unsupported operator ${op}`;
  }
}

export function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    const text = EJSON.stringify(v as never, { relaxed: true });
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return String(v);
  }
}

/**
 * Value-level tests used by the matcher: equality (with collation), regex, type-bracketed range
 * comparison, `$type`, and mongod's implicit "any element of an array" rule.
 */
import { compareWithCollation, typeRank, valuesEqual, type Collation } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { bsonTypeOf, numKind, toNumber, TYPE_ALIASES } from './values.js';

export type ValueTest = (v: unknown) => boolean;

export function badValue(msg: string): never {
  throw new MongoCommandError('BadValue', msg);
}

/** Any leaf, or any element of a leaf array, passes `test` (mongod's implicit array matching). */
export function anyValue(leaves: unknown[], test: ValueTest): boolean {
  for (const v of leaves) {
    if (test(v)) return true;
    if (Array.isArray(v)) for (const el of v) if (test(el)) return true;
  }
  return false;
}

export function equalsTest(x: unknown, coll: Collation | null | undefined): ValueTest {
  if (x === null) return (v) => v === null || v === undefined;
  const rank = typeRank(x);
  if (coll && typeof x === 'string')
    return (v) => typeof v === 'string' && compareWithCollation(v, x, coll) === 0;
  if (coll) return (v) => typeRank(v) === rank && compareWithCollation(v, x, coll) === 0;
  if (typeof x === 'string' || typeof x === 'boolean') return (v) => v === x;
  return (v) => typeRank(v) === rank && valuesEqual(v, x);
}

export function regexOf(x: unknown, options?: unknown): RegExp {
  let source: string;
  let flags = typeof options === 'string' ? options : '';
  if (x instanceof RegExp) {
    source = x.source;
    flags = flags || x.flags;
  } else if (typeof x === 'string') source = x;
  else if (x && typeof x === 'object' && 'pattern' in x) {
    source = String((x as { pattern: string }).pattern);
    flags = flags || String((x as { options?: string }).options ?? '');
  } else badValue('$regex has to be a string');
  // bson maps the BSON 's' option to JS 'g', which would make test() stateful.
  const clean = [...new Set(flags.replace('g', 's').split(''))].filter(
    (f) => 'imsux'.includes(f) && f !== 'x',
  );
  try {
    return new RegExp(source, clean.join(''));
  } catch (err) {
    return badValue(`Regular expression is invalid: ${(err as Error).message}`);
  }
}

export function regexTest(re: RegExp): ValueTest {
  return (v) => typeof v === 'string' && re.test(v);
}

/** Equality as written in a filter literal: a regex literal matches strings by pattern. */
export function literalTest(x: unknown, coll: Collation | null | undefined): ValueTest {
  if (
    x instanceof RegExp ||
    (x && typeof x === 'object' && (x as { _bsontype?: string })._bsontype === 'BSONRegExp')
  ) {
    const re = regexOf(x);
    const eq = equalsTest(x, coll);
    return (v) => regexTest(re)(v) || eq(v);
  }
  return equalsTest(x, coll);
}

export function rangeTest(
  x: unknown,
  coll: Collation | null | undefined,
  ok: (c: number) => boolean,
): ValueTest {
  const rank = typeRank(x);
  return (v) => typeRank(v) === rank && ok(compareWithCollation(v, x, coll));
}

export function typeTest(spec: unknown): ValueTest {
  const wanted = (Array.isArray(spec) ? spec : [spec]).map((t) => {
    if (t === 'number') return 'number';
    if (typeof t === 'string') {
      if (!(t in TYPE_ALIASES)) badValue(`Unknown type name alias: ${t}`);
      return TYPE_ALIASES[t];
    }
    if (numKind(t) !== null) return toNumber(t);
    return badValue('type must be represented as a number or a string');
  });
  return (v) => {
    if (v === undefined) return false;
    const t = bsonTypeOf(v);
    return wanted.some((w) => (w === 'number' ? numKind(v) !== null : w === t));
  };
}

export function arrayOperand(op: string, x: unknown): unknown[] {
  if (!Array.isArray(x)) badValue(`${op} needs an array`);
  return x;
}

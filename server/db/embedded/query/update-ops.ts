/**
 * The update modifiers, each acting on one resolved target (a parent container and a key).
 * They return whether the document changed, which is what mongod reports as nModified.
 */
import { EJSON, Timestamp } from 'bson';
import { compareValues, valuesEqual } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { applyArrayOp } from './update-array-ops.js';
import {
  addNumbers,
  bsonTypeOf,
  cloneValue,
  isDocument,
  mulNumbers,
  numKind,
  setField,
  toNumber,
  zeroLike,
  type Doc,
} from './values.js';

export interface Target {
  parent: Doc | unknown[];
  key: string;
  /** The whole document, for error messages. */
  root: Doc;
  path: string;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
};

export function typeName(v: unknown): string {
  return TYPE_NAMES[bsonTypeOf(v)] ?? 'unknown';
}

export function show(v: unknown): string {
  try {
    return EJSON.stringify(v as Doc, { relaxed: true });
  } catch {
    return String(v);
  }
}

export function idOf(t: Target): string {
  return `{_id: ${show(t.root._id)}}`;
}

export function read(t: Target): unknown {
  if (Array.isArray(t.parent)) return t.parent[Number(t.key)];
  return Object.prototype.hasOwnProperty.call(t.parent, t.key)
    ? (t.parent as Doc)[t.key]
    : undefined;
}

export function write(t: Target, v: unknown): void {
  if (Array.isArray(t.parent)) {
    const i = Number(t.key);
    while (t.parent.length < i) t.parent.push(null);
    t.parent[i] = v;
  } else setField(t.parent as Doc, t.key, v);
}

/** Same value and same BSON types throughout (5 and 5.0 differ): what counts as a modification. */
export function identical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => identical(x, b[i]));
  if (isDocument(a)) {
    if (!isDocument(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && identical(a[k], b[k]));
  }
  return (
    bsonTypeOf(a) === bsonTypeOf(b) && valuesEqual(a, b) && !(Object.is(a, -0) !== Object.is(b, -0))
  );
}

export function setIfChanged(t: Target, v: unknown): boolean {
  const cur = read(t);
  if (cur !== undefined && identical(cur, v)) return false;
  write(t, v);
  return true;
}

function arith(t: Target, arg: unknown, op: '$inc' | '$mul'): boolean {
  if (numKind(arg) === null) {
    throw new MongoCommandError(
      'TypeMismatch',
      `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${t.path}: ${show(arg)}}`,
    );
  }
  const cur = read(t);
  if (cur === undefined) return setIfChanged(t, op === '$inc' ? cloneValue(arg) : zeroLike(arg));
  if (numKind(cur) === null) {
    throw new MongoCommandError(
      'TypeMismatch',
      `Cannot apply ${op} to a value of non-numeric type. ${idOf(t)} has the field '${t.key}' of non-numeric type ${typeName(cur)}`,
    );
  }
  return setIfChanged(t, op === '$inc' ? addNumbers(cur, arg) : mulNumbers(cur, arg));
}

/** Applies one modifier at a resolved target. */
export function applyOp(op: string, t: Target, arg: unknown): boolean {
  switch (op) {
    case '$set':
    case '$setOnInsert':
      return setIfChanged(t, cloneValue(arg));
    case '$unset': {
      if (read(t) === undefined) return false;
      if (Array.isArray(t.parent)) return setIfChanged(t, null);
      delete (t.parent as Doc)[t.key];
      return true;
    }
    case '$inc':
    case '$mul':
      return arith(t, arg, op);
    case '$min':
    case '$max': {
      const cur = read(t);
      const c = cur === undefined ? 0 : compareValues(arg, cur);
      if (cur !== undefined && (op === '$min' ? c >= 0 : c <= 0)) return false;
      return setIfChanged(t, cloneValue(arg));
    }
    case '$currentDate': {
      const wantTs = isDocument(arg) && arg.$type === 'timestamp';
      const now = Date.now();
      return setIfChanged(
        t,
        wantTs ? new Timestamp({ t: Math.floor(now / 1000), i: 1 }) : new Date(now),
      );
    }
    case '$push':
    case '$addToSet':
    case '$pull':
    case '$pullAll':
    case '$pop':
      return applyArrayOp(op, t, arg);
    case '$bit': {
      const cur = read(t) ?? 0;
      let n = toNumber(cur);
      for (const [k, v] of Object.entries(arg as Doc)) {
        const m = toNumber(v);
        n = k === 'and' ? n & m : k === 'or' ? n | m : k === 'xor' ? n ^ m : n;
      }
      return setIfChanged(t, n);
    }
    default:
      throw new MongoCommandError('FailedToParse', `Unknown modifier: ${op}`);
  }
}

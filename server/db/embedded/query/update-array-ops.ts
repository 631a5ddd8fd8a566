/**
 * The array modifiers ($push with $each/$position/$sort/$slice, $addToSet, $pull, $pullAll,
 * $pop). Arrays are replaced by new arrays, never changed in place.
 */
import { compareValues, valuesEqual } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { compileFilter } from './match.js';
import { sortDocs } from './sort.js';
import { idOf, read, setIfChanged, typeName, type Target } from './update-ops.js';
import { cloneValue, isDocument, toNumber, type Doc } from './values.js';

/** The array at the target (undefined when missing); mongod's error per modifier otherwise. */
function arrayAt(t: Target, op: string): unknown[] | undefined {
  const cur = read(t);
  if (cur === undefined || Array.isArray(cur)) return cur;
  const type = typeName(cur);
  switch (op) {
    case '$pop':
      throw new MongoCommandError(
        'TypeMismatch',
        `Path '${t.path}' contains an element of non-array type '${type}'`,
      );
    case '$pull':
    case '$pullAll':
      throw new MongoCommandError('BadValue', `Cannot apply ${op} to a non-array value`);
    case '$addToSet':
      throw new MongoCommandError(
        'BadValue',
        `Cannot apply $addToSet to non-array field. Field named '${t.key}' has non-array type ${type}`,
      );
    default:
      throw new MongoCommandError(
        'BadValue',
        `The field '${t.path}' must be an array but is of type ${type} in document ${idOf(t)}`,
      );
  }
}

function pullTest(arg: unknown): (el: unknown) => boolean {
  if (isDocument(arg)) {
    const keys = Object.keys(arg);
    if (keys.length > 0 && keys[0].startsWith('$')) {
      const p = compileFilter({ v: arg });
      return (el) => p({ v: el });
    }
    const p = compileFilter(arg);
    return (el) => isDocument(el) && p(el);
  }
  return (el) => valuesEqual(el, arg);
}

function push(t: Target, arg: unknown): boolean {
  const cur = arrayAt(t, '$push') ?? [];
  const spec = isDocument(arg) && '$each' in arg ? arg : { $each: [arg] };
  if (!Array.isArray(spec.$each))
    throw new MongoCommandError(
      'BadValue',
      `The argument to $each in $push must be an array but it was of type: ${typeName(spec.$each)}`,
    );
  const items = spec.$each.map(cloneValue);
  let next = cur.slice();
  if (spec.$position !== undefined) {
    let pos = toNumber(spec.$position);
    if (pos < 0) pos = Math.max(0, next.length + pos);
    next.splice(pos, 0, ...items);
  } else next.push(...items);
  if (spec.$sort !== undefined) {
    const s = spec.$sort;
    if (isDocument(s)) next = sortDocs(next as Doc[], s);
    else {
      const dir = toNumber(s);
      next.sort((a, b) => compareValues(a, b) * dir);
    }
  }
  if (spec.$slice !== undefined) {
    const n = toNumber(spec.$slice);
    next = n >= 0 ? next.slice(0, n) : next.slice(Math.max(0, next.length + n));
  }
  return setIfChanged(t, next);
}

/** Applies one array modifier at a resolved target. */
export function applyArrayOp(op: string, t: Target, arg: unknown): boolean {
  switch (op) {
    case '$push':
      return push(t, arg);
    case '$addToSet': {
      const cur = arrayAt(t, '$addToSet') ?? [];
      const items =
        isDocument(arg) && '$each' in arg && Array.isArray(arg.$each) ? arg.$each : [arg];
      const next = cur.slice();
      for (const it of items) if (!next.some((x) => valuesEqual(x, it))) next.push(cloneValue(it));
      return setIfChanged(t, next);
    }
    case '$pull':
    case '$pullAll': {
      const cur = arrayAt(t, op);
      if (!cur) return false;
      const test =
        op === '$pull'
          ? pullTest(arg)
          : (el: unknown) => (arg as unknown[]).some((x) => valuesEqual(el, x));
      if (op === '$pullAll' && !Array.isArray(arg))
        throw new MongoCommandError(
          'BadValue',
          `$pullAll requires an array argument but was given a ${typeName(arg)}`,
        );
      const next = cur.filter((el) => !test(el));
      return next.length !== cur.length && setIfChanged(t, next);
    }
    case '$pop': {
      const cur = arrayAt(t, '$pop');
      if (!cur || cur.length === 0) return false;
      return setIfChanged(t, toNumber(arg) < 0 ? cur.slice(1) : cur.slice(0, -1));
    }
    default:
      throw new MongoCommandError('FailedToParse', `Unknown modifier: ${op}`);
  }
}

/**
 * Pipeline stages whose mingo versions differ from mongod in ways the drivers can see:
 * `$count` emits nothing for empty input (mingo emits a zero), and `$unwind` with
 * `preserveNullAndEmptyArrays` drops an empty array field instead of keeping `[]`, with
 * `includeArrayIndex` null for non-array values.
 */
import { Lazy, type Iterator } from 'mingo/lazy';
import { MongoCommandError } from '../errors.js';
import { getField, isDocument, setField, type Doc } from './values.js';

export function $count(coll: Iterator, expr: unknown): Iterator {
  if (typeof expr !== 'string' || expr === '' || expr.startsWith('$') || expr.includes('.')) {
    throw new MongoCommandError(
      'BadValue',
      'the count field must be a non-empty string, not start with $ and not contain .',
    );
  }
  return coll.transform((docs) => Lazy(docs.length === 0 ? [] : [{ [expr]: docs.length }]));
}

/** A copy of `doc` with `parts` set to `value` (or removed when value is undefined). */
function withPath(doc: Doc, parts: string[], value: unknown): Doc {
  const out: Doc = { ...doc };
  const [head, ...rest] = parts;
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else setField(out, head, value);
    return out;
  }
  const child = getField(doc, head);
  setField(out, head, withPath(isDocument(child) ? child : {}, rest, value));
  return out;
}

function readPath(doc: Doc, parts: string[]): unknown {
  let v: unknown = doc;
  for (const p of parts) v = isDocument(v) ? getField(v, p) : undefined;
  return v;
}

export function $unwind(coll: Iterator, expr: unknown): Iterator {
  const spec = typeof expr === 'string' ? { path: expr } : (expr as Doc);
  if (!isDocument(spec) || typeof spec.path !== 'string' || !spec.path.startsWith('$')) {
    throw new MongoCommandError('BadValue', "$unwind path must be a string starting with '$'");
  }
  const parts = spec.path.slice(1).split('.');
  const indexField = typeof spec.includeArrayIndex === 'string' ? spec.includeArrayIndex : null;
  const keep = spec.preserveNullAndEmptyArrays === true;
  return coll.transform((docs) => {
    const out: Doc[] = [];
    for (const d of docs as Doc[]) {
      const v = readPath(d, parts);
      const withIndex = (x: Doc, i: number | null) => (indexField ? { ...x, [indexField]: i } : x);
      if (Array.isArray(v) && v.length > 0) {
        v.forEach((el, i) => out.push(withIndex(withPath(d, parts, el), i)));
      } else if (Array.isArray(v)) {
        if (keep) out.push(withIndex(withPath(d, parts, undefined), null));
      } else if (v === undefined || v === null) {
        if (keep) out.push(withIndex(d, null));
      } else {
        out.push(withIndex(d, null));
      }
    }
    return Lazy(out);
  });
}

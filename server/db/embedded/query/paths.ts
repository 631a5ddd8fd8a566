/**
 * Reading dotted paths the way mongod's matcher does: arrays along the way are traversed
 * (each element that is a document is searched), numeric parts also index into arrays, and a
 * path that runs into a scalar or a missing field yields `undefined` (so `{a: null}` matches it).
 */
import { getField, isDocument, isIndexKey, type Doc } from './values.js';

/** Values found at the end of `parts` (final arrays are not expanded here). */
export function leafValues(root: unknown, parts: string[]): unknown[] {
  const out: unknown[] = [];
  collect(root, parts, 0, out);
  return out;
}

function collect(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(v);
    return;
  }
  const key = parts[i];
  if (Array.isArray(v)) {
    const before = out.length;
    if (isIndexKey(key)) {
      const idx = Number(key);
      if (idx < v.length) collect(v[idx], parts, i + 1, out);
    }
    for (const el of v) if (isDocument(el)) collect(el, parts, i, out);
    if (out.length === before) out.push(undefined);
    return;
  }
  if (!isDocument(v)) {
    out.push(undefined);
    return;
  }
  collect(getField(v, key), parts, i + 1, out);
}

/** The single value at a path without array traversal (for update and projection). */
export function getPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split('.')) {
    if (Array.isArray(v)) {
      if (!isIndexKey(key)) return undefined;
      v = v[Number(key)];
    } else if (isDocument(v)) {
      v = getField(v, key);
    } else {
      return undefined;
    }
  }
  return v;
}

/** Values a sort or distinct sees at a path: leaf arrays expanded one level. */
export function expandedValues(doc: Doc, parts: string[]): unknown[] {
  const out: unknown[] = [];
  for (const v of leafValues(doc, parts)) {
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

/**
 * Index keys of a document, as mongod computes them: dotted paths descend into embedded documents
 * and through arrays; an array value yields one key per element (a "multikey" index); a missing
 * field indexes as null; a compound index may have an array in at most one of its fields.
 */
import { canonicalKey } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';

/** Marks a path that is absent (so sparse indexes can skip the document). */
const MISSING = Symbol('missing');

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  if ((v as { _bsontype?: string })._bsontype !== undefined) return false;
  return !(v instanceof Date || v instanceof RegExp || v instanceof Uint8Array);
}

interface Walk {
  out: unknown[];
  array: boolean;
}

function collect(value: unknown, parts: string[], i: number, w: Walk): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      w.array = true;
      // An empty array is a value of its own (it does not match null or a missing field).
      if (value.length === 0) w.out.push(value);
      else for (const el of value) w.out.push(el === undefined ? null : el);
    } else {
      w.out.push(value === undefined ? MISSING : value);
    }
    return;
  }
  if (Array.isArray(value)) {
    w.array = true;
    const part = parts[i];
    if (/^\d+$/.test(part)) {
      // "a.0" addresses the element by position.
      const idx = Number(part);
      collect(idx < value.length ? value[idx] : undefined, parts, i + 1, w);
      return;
    }
    if (value.length === 0) w.out.push(MISSING);
    for (const el of value) collect(isPlainObject(el) ? el[part] : undefined, parts, i + 1, w);
    return;
  }
  if (isPlainObject(value)) collect(value[parts[i]], parts, i + 1, w);
  else w.out.push(MISSING);
}

/** The values a dotted path reaches in a document (MISSING-free: absent becomes null). */
export function pathValues(doc: unknown, parts: string[]): { values: unknown[]; missing: boolean; array: boolean } {
  const w: Walk = { out: [], array: false };
  collect(doc, parts, 0, w);
  let missing = true;
  const seen = w.out.length > 1 ? new Set<string>() : null;
  const values: unknown[] = [];
  for (const v of w.out) {
    if (v !== MISSING) missing = false;
    const val = v === MISSING ? null : v;
    if (seen) {
      const k = canonicalKey(val);
      if (seen.has(k)) continue;
      seen.add(k);
    }
    values.push(val);
  }
  return { values, missing, array: w.array };
}

export interface DocKeys {
  /** One tuple (one value per index field) per index entry. */
  tuples: unknown[][];
  /** Whether an array was met (the index becomes multikey). */
  array: boolean;
  /** Cached unique-map keys of `tuples` (set by the index that owns these keys). */
  mapKeys?: string[];
}

/**
 * The index key tuples of `doc` for fields `paths`, or null when a sparse index skips it (every
 * field missing). Throws CannotIndexParallelArrays when two fields hold arrays.
 */
export function docKeys(doc: unknown, fields: string[], paths: string[][], sparse: boolean): DocKeys | null {
  if (paths.length === 1) {
    const r = pathValues(doc, paths[0]);
    if (sparse && r.missing) return null;
    return { tuples: r.values.map((v) => [v]), array: r.array };
  }
  const perField = paths.map((p) => pathValues(doc, p));
  if (sparse && perField.every((r) => r.missing)) return null;
  const arrays = perField.map((r, i) => (r.array ? i : -1)).filter((i) => i >= 0);
  if (arrays.length > 1) {
    throw new MongoCommandError(
      'CannotIndexParallelArrays',
      `cannot index parallel arrays [${fields[arrays[1]]}] [${fields[arrays[0]]}]`,
    );
  }
  let tuples: unknown[][] = [[]];
  for (const r of perField) {
    const next: unknown[][] = [];
    for (const t of tuples) for (const v of r.values) next.push([...t, v]);
    tuples = next;
  }
  return { tuples, array: arrays.length > 0 };
}

/** Whether two key lists are the same (so a replace need not touch the index). */
export function sameKeys(a: DocKeys | null, b: DocKeys | null, eq: (x: unknown, y: unknown) => boolean): boolean {
  if (a === null || b === null) return a === b;
  if (a.tuples.length !== b.tuples.length) return false;
  for (let i = 0; i < a.tuples.length; i++) {
    const x = a.tuples[i];
    const y = b.tuples[i];
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j] && !eq(x[j], y[j])) return false;
  }
  return true;
}

/**
 * Applies a parsed update to a copy of a document: resolves positional paths (`$`, `$[]`,
 * `$[id]` with arrayFilters), creates missing intermediate documents, enforces `_id`
 * immutability and `$setOnInsert`-only-on-insert. The stored document is never mutated.
 */
import { MongoCommandError } from '../errors.js';
import { compileFilter, type MatchOptions, type Predicate } from './match.js';
import { positionalIndex } from './project.js';
import { applyOp, identical, show, type Target } from './update-ops.js';
import type { UpdateEntry } from './update-parse.js';
import { cloneValue, getField, isDocument, isIndexKey, setField, type Doc } from './values.js';

export interface ApplyOptions extends MatchOptions {
  /** The query that selected the document (for positional `$`). */
  query?: Doc;
  arrayFilters?: Doc[];
  /** True when inserting an upserted document: `$setOnInsert` applies. */
  isInsert?: boolean;
}

export interface Applied {
  doc: Doc;
  modified: boolean;
}

const ID_RE = /^\$\[([a-z][a-zA-Z0-9]*)?\]$/;

/** Compiles arrayFilters into one predicate per identifier (each filter names one identifier). */
export function compileArrayFilters(
  filters: Doc[] | undefined,
  opts: MatchOptions,
): Map<string, Predicate> {
  const out = new Map<string, Predicate>();
  for (const f of filters ?? []) {
    if (!isDocument(f))
      throw new MongoCommandError('FailedToParse', 'arrayFilters entries must be objects');
    const ids = new Set(Object.keys(f).map((k) => k.split('.')[0]));
    if (ids.size !== 1)
      throw new MongoCommandError(
        'FailedToParse',
        'Each array filter must use a single top-level field name',
      );
    const id = [...ids][0];
    if (out.has(id))
      throw new MongoCommandError(
        'FailedToParse',
        `Found multiple array filters with the same top-level field name ${id}`,
      );
    const renamed: Doc = {};
    for (const [k, v] of Object.entries(f)) renamed['__e' + k.slice(id.length)] = v;
    const p = compileFilter(renamed, opts);
    out.set(id, (el) => p({ __e: el }));
  }
  return out;
}

interface Resolver {
  filters: Map<string, Predicate>;
  used: Set<string>;
  positional: (prefix: string) => number;
}

/** Expands one path into concrete targets, creating intermediate documents where allowed. */
function targets(root: Doc, e: UpdateEntry, r: Resolver, create: boolean): Target[] {
  const out: Target[] = [];
  const walk = (cur: unknown, i: number, prefix: string[]): void => {
    const key = e.parts[i];
    const last = i === e.parts.length - 1;
    if (key === '$' || ID_RE.test(key)) {
      if (!Array.isArray(cur)) {
        throw new MongoCommandError(
          'BadValue',
          `The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`,
        );
      }
      let idxs: number[];
      if (key === '$') {
        const i0 = r.positional(prefix.join('.'));
        if (i0 < 0)
          throw new MongoCommandError(
            'BadValue',
            'The positional operator did not find the match needed from the query.',
          );
        idxs = [i0];
      } else if (key === '$[]') idxs = cur.map((_, j) => j);
      else {
        const id = (ID_RE.exec(key) as RegExpExecArray)[1];
        const pred = r.filters.get(id);
        if (!pred)
          throw new MongoCommandError(
            'BadValue',
            `No array filter found for identifier '${id}' in path '${e.path}'`,
          );
        r.used.add(id);
        idxs = cur.flatMap((el, j) => (pred(el) ? [j] : []));
      }
      for (const j of idxs) step(cur, String(j), i, last, prefix);
      return;
    }
    step(cur, key, i, last, prefix);
  };
  const step = (cur: unknown, key: string, i: number, last: boolean, prefix: string[]): void => {
    const isArr = Array.isArray(cur);
    if (isArr && !isIndexKey(key)) {
      if (!create) return;
      throw new MongoCommandError(
        'PathNotViable',
        `Cannot create field '${key}' in element {${prefix[prefix.length - 1]}: ${show(cur)}}`,
      );
    }
    const parent = cur as Doc | unknown[];
    if (last) {
      out.push({ parent, key, root, path: [...prefix, key].join('.') });
      return;
    }
    let next = isArr ? (cur as unknown[])[Number(key)] : getField(cur as Doc, key);
    if (next === undefined) {
      if (!create) return;
      next = {};
      if (isArr) {
        const arr = cur as unknown[];
        while (arr.length < Number(key)) arr.push(null);
        arr[Number(key)] = next;
      } else setField(cur as Doc, key, next);
    } else if (!isDocument(next) && !Array.isArray(next)) {
      if (!create) return;
      throw new MongoCommandError(
        'PathNotViable',
        `Cannot create field '${e.parts[i + 1]}' in element {${key}: ${show(next)}}`,
      );
    }
    walk(next, i + 1, [...prefix, key]);
  };
  walk(root, 0, []);
  return out;
}

const NO_CREATE = new Set(['$unset', '$pop', '$pull', '$pullAll', '$rename']);

/** Applies operator entries to a copy of `doc`. */
export function applyUpdate(doc: Doc, entries: UpdateEntry[], opts: ApplyOptions = {}): Applied {
  const out = cloneValue(doc);
  const query = opts.query ?? {};
  const r: Resolver = {
    filters: compileArrayFilters(opts.arrayFilters, opts),
    used: new Set(),
    positional: (prefix) => positionalIndex(query, prefix, opts)(doc),
  };
  let modified = false;
  for (const e of entries) {
    if (e.op === '$setOnInsert' && !opts.isInsert) continue;
    if (e.op === '$rename') {
      modified = rename(out, e, r) || modified;
      continue;
    }
    for (const t of targets(out, e, r, !NO_CREATE.has(e.op)))
      modified = applyOp(e.op, t, e.arg) || modified;
  }
  for (const id of r.filters.keys()) {
    if (!r.used.has(id))
      throw new MongoCommandError(
        'FailedToParse',
        `The array filter for identifier '${id}' was not used in the update ${show(entries.length ? { [entries[0].op]: {} } : {})}`,
      );
  }
  if (doc._id !== undefined && !identical(out._id, doc._id)) {
    throw new MongoCommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return { doc: out, modified };
}

function rename(root: Doc, e: UpdateEntry, r: Resolver): boolean {
  const [src] = targets(root, e, r, false);
  if (!src) return false;
  if (Array.isArray(src.parent))
    throw new MongoCommandError(
      'BadValue',
      `The source field cannot be an array element, '${e.path}' in doc with _id: ${show(root._id)} has an array field called '${src.path}'`,
    );
  if (!Object.prototype.hasOwnProperty.call(src.parent, src.key)) return false;
  const value = (src.parent as Doc)[src.key];
  delete (src.parent as Doc)[src.key];
  const destEntry: UpdateEntry = {
    op: '$set',
    path: e.arg as string,
    parts: (e.arg as string).split('.'),
    arg: value,
  };
  for (const t of targets(root, destEntry, r, true)) applyOp('$set', t, value);
  return true;
}

/** Replacement-style update: the new document keeps the old `_id` (and puts it first). */
export function applyReplacement(doc: Doc, replacement: Doc): Applied {
  // Since 5.0 `$`-prefixed field names are storable (the first key decides operator vs replacement).

  if (
    replacement._id !== undefined &&
    doc._id !== undefined &&
    !identical(replacement._id, doc._id)
  ) {
    throw new MongoCommandError(
      'ImmutableField',
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${show(replacement._id)}`,
    );
  }
  const next: Doc = { _id: doc._id };
  for (const [k, v] of Object.entries(replacement)) if (k !== '_id') next[k] = cloneValue(v);
  if (next._id === undefined) delete next._id;
  return { doc: next, modified: !identical(doc, next) };
}

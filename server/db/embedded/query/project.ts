/**
 * find/findAndModify projections with mongod's output shape: `_id` first, other fields in
 * document order; inclusion or exclusion (never mixed, `_id` aside); dotted paths reach into
 * embedded documents and arrays of documents; `$slice`, `$elemMatch` and `field.$`. Projections
 * with aggregation expressions are handed to mingo.
 */
import { Aggregator } from 'mingo';
import { MongoCommandError } from '../errors.js';
import { compileFilter, type MatchOptions } from './match.js';
import { getField, isDocument, toNumber, type Doc, setField } from './values.js';

export type Projector = (doc: Doc) => Doc;

interface Tree {
  [key: string]: Tree | true | ((v: unknown, doc: Doc) => unknown);
}

function bad(msg: string): never {
  throw new MongoCommandError('BadValue', msg);
}

function insertPath(tree: Tree, path: string, leaf: Tree[string]): void {
  const parts = path.split('.');
  let node = tree;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = Object.prototype.hasOwnProperty.call(node, parts[i]) ? node[parts[i]] : undefined;
    if (next === undefined) node = node[parts[i]] = Object.create(null) as Tree;
    else if (typeof next === 'object') node = next;
    else bad(`Path collision at ${path}`);
  }
  node[parts[parts.length - 1]] = leaf;
}

function applyInclude(v: unknown, tree: Tree, doc: Doc): unknown {
  if (Array.isArray(v))
    return v
      .filter((e) => Array.isArray(e) || isDocument(e))
      .map((e) => applyInclude(e, tree, doc));
  if (!isDocument(v)) return undefined;
  const out: Doc = {};
  for (const k of Object.keys(v)) {
    const t = Object.prototype.hasOwnProperty.call(tree, k) ? tree[k] : undefined;
    if (t === undefined) continue;
    if (t === true) setField(out, k, v[k]);
    else if (typeof t === 'function') setField(out, k, t(v[k], doc));
    else {
      const sub = applyInclude(v[k], t, doc);
      if (sub !== undefined) setField(out, k, sub);
    }
  }
  return out;
}

function applyExclude(v: unknown, tree: Tree, doc: Doc): unknown {
  if (Array.isArray(v))
    return v.map((e) => (isDocument(e) || Array.isArray(e) ? applyExclude(e, tree, doc) : e));
  if (!isDocument(v)) return v;
  const out: Doc = {};
  for (const k of Object.keys(v)) {
    const t = Object.prototype.hasOwnProperty.call(tree, k) ? tree[k] : undefined;
    if (t === undefined) setField(out, k, v[k]);
    else if (typeof t === 'function') setField(out, k, t(v[k], doc));
    else if (t !== true) setField(out, k, applyExclude(v[k], t, doc));
  }
  return out;
}

function sliceOp(arg: unknown): (v: unknown) => unknown {
  const [skip, limit] = Array.isArray(arg) ? arg.map(toNumber) : [undefined, toNumber(arg)];
  return (v) => {
    if (!Array.isArray(v)) return v;
    if (skip === undefined) return limit >= 0 ? v.slice(0, limit) : v.slice(limit);
    const start = skip < 0 ? Math.max(0, v.length + skip) : skip;
    return v.slice(start, start + limit);
  };
}

/** Whether a projection computes values (aggregation expressions), which mingo evaluates. */
export function usesExpressions(spec: Doc): boolean {
  return Object.values(spec).some(
    (v) =>
      typeof v === 'string' ||
      Array.isArray(v) ||
      (isDocument(v) && !('$slice' in v) && !('$elemMatch' in v) && !('$meta' in v)),
  );
}

/** Compiles a projection; `query` serves the positional `field.$` form. */
export function compileProjection(
  spec: Doc | null | undefined,
  query: Doc = {},
  opts: MatchOptions = {},
): Projector | null {
  if (!spec || Object.keys(spec).length === 0) return null;
  const tree: Tree = Object.create(null) as Tree;
  let mode: 'include' | 'exclude' | null = null;
  let idMode: boolean | null = null;
  let needsMingo = false;
  const setMode = (m: 'include' | 'exclude', path: string) => {
    if (mode && mode !== m) {
      const msg =
        m === 'include'
          ? 'Cannot do inclusion on field %s in exclusion projection'
          : 'Cannot do exclusion on field %s in inclusion projection';
      throw new MongoCommandError('BadValue', msg.replace('%s', path));
    }
    mode = m;
  };
  for (const [path, v] of Object.entries(spec)) {
    if (isDocument(v)) {
      if ('$slice' in v) insertPath(tree, path, sliceOp(v.$slice));
      else if ('$elemMatch' in v) {
        const pred = compileFilter({ v: { $elemMatch: v.$elemMatch } }, opts);
        const inner = compileFilter(v.$elemMatch as Doc, opts);
        insertPath(tree, path, (arr) => {
          if (!Array.isArray(arr) || !pred({ v: arr })) return undefined;
          const hit = arr.find((e) => isDocument(e) && inner(e));
          return hit === undefined ? undefined : [hit];
        });
        if (!mode) mode = 'include';
      } else if ('$meta' in v) continue;
      else needsMingo = true;
      continue;
    }
    if (path.endsWith('.$')) {
      const field = path.slice(0, -2);
      setMode('include', path);
      const pos = positionalIndex(query, field, opts);
      insertPath(tree, field, (arr, doc) => {
        if (!Array.isArray(arr)) return arr;
        const i = pos(doc);
        return i < 0 ? [] : [arr[i]];
      });
      continue;
    }
    if (typeof v === 'string' || Array.isArray(v)) {
      needsMingo = true;
      continue;
    }
    const on = v === true || (v !== false && toNumber(v) !== 0);
    if (path === '_id') {
      idMode = on;
      continue;
    }
    setMode(on ? 'include' : 'exclude', path);
    insertPath(tree, path, true);
  }
  if (needsMingo) {
    const agg = new Aggregator([{ $project: spec }], { scriptEnabled: false });
    return (doc) => idFirstIfPresent(agg.run([doc])[0] ?? {});
  }
  const include = mode === 'include' || (mode === null && idMode === true);
  if (include) {
    return (doc) => {
      const out = applyInclude(doc, tree, doc) as Doc;
      if (idMode !== false && doc._id !== undefined) return { _id: doc._id, ...withoutId(out) };
      delete out._id;
      return out;
    };
  }
  if (idMode === false) tree._id = true;
  return (doc) => applyExclude(doc, tree, doc) as Doc;
}

function withoutId(d: Doc): Doc {
  if (!('_id' in d)) return d;
  const { _id: _ignored, ...rest } = d;
  return rest;
}

/** `_id` moved to the front when the document has one (mongod's field order). */
export function idFirstIfPresent(d: Doc): Doc {
  return '_id' in d ? { _id: d._id, ...withoutId(d) } : d;
}

/**
 * The index of the first element of array `field` satisfying the query's conditions on that
 * array (mongod's positional `$`), or -1. Conditions on `field` and `field.x` are all honoured.
 */
export function positionalIndex(
  query: Doc,
  field: string,
  opts: MatchOptions = {},
): (doc: Doc) => number {
  const conds: Doc = {};
  const gather = (q: Doc) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((x) => isDocument(x) && gather(x));
      else if (k === field && isDocument(v) && isDocument(v.$elemMatch)) {
        const em = v.$elemMatch;
        const valueLevel = Object.keys(em).every(
          (x) => x.startsWith('$') && !['$and', '$or', '$nor'].includes(x),
        );
        if (valueLevel) conds.__e = em;
        else for (const [ek, ev] of Object.entries(em)) conds['__e.' + ek] = ev;
      } else if (k === field) conds.__e = v;
      else if (k.startsWith(field + '.')) conds['__e.' + k.slice(field.length + 1)] = v;
    }
  };
  gather(query);
  // No condition on the array: mongod has no position to offer.
  if (Object.keys(conds).length === 0) return () => -1;
  const pred = compileFilter(conds, opts);
  return (doc) => {
    const arr = getField(doc, field.split('.')[0]);
    const target = field.includes('.')
      ? field
          .split('.')
          .slice(1)
          .reduce<unknown>((v, k) => (isDocument(v) ? getField(v, k) : undefined), arr)
      : arr;
    if (!Array.isArray(target)) return -1;
    return target.findIndex((e) => pred({ __e: e }));
  };
}

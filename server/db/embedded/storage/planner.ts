/**
 * Chooses an index for a filter and scans it. Only predicates that can be read off the filter's
 * top level (or a top-level `$and`) are used: equality, `$eq`, `$in` and `$gt/$gte/$lt/$lte`.
 * The result is always a superset of the matching documents; the caller applies the full filter.
 * Ranges are bracketed by type as in mongod (`$gt: 5` covers numbers only).
 */
import { compareValues, typeRank } from '../bson-order.js';
import type { Doc } from './api.js';
import type { CollectionIndex, Entry, Rec } from './collection-index.js';
import { isPlainObject } from './index-keys.js';

export interface Range {
  lo?: unknown;
  loInc: boolean;
  hi?: unknown;
  hiInc: boolean;
}

/** Per-field predicate: a set of equality values, or a range. */
export type Pred = { eq: unknown[] } | { range: Range };

export interface Plan {
  index: CollectionIndex;
  preds: (Pred | undefined)[];
  score: number;
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);
/** Types whose ranges we can bracket (not null, MinKey/MaxKey, objects, arrays, regexes). */
const RANGE_RANKS = new Set([10, 15, 30, 35, 40, 45, 47]);

function hasString(v: unknown): boolean {
  if (typeof v === 'string' || (v as { _bsontype?: string } | null)?._bsontype === 'BSONSymbol') return true;
  if (Array.isArray(v)) return v.some(hasString);
  if (isPlainObject(v)) return Object.values(v).some(hasString);
  return false;
}

function eqUsable(v: unknown, collated: boolean): boolean {
  if (v === undefined || Array.isArray(v) || typeRank(v) === 50) return false;
  return !(collated && hasString(v));
}

function isOperatorObject(v: unknown): v is Doc {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys[0].startsWith('$');
}

function predicateOf(v: unknown, collated: boolean): Pred | undefined {
  if (!isOperatorObject(v)) return eqUsable(v, collated) ? { eq: [v] } : undefined;
  if ('$eq' in v && eqUsable(v.$eq, collated)) return { eq: [v.$eq] };
  const inList = v.$in;
  if (Array.isArray(inList) && inList.every((x) => eqUsable(x, collated))) return { eq: inList };
  const range: Range = { loInc: false, hiInc: false };
  let any = false;
  for (const [op, x] of Object.entries(v)) {
    if (!RANGE_OPS.has(op) || !RANGE_RANKS.has(typeRank(x)) || (collated && hasString(x))) continue;
    any = true;
    if (op === '$gt' || op === '$gte') {
      range.lo = x;
      range.loInc = op === '$gte';
    } else {
      range.hi = x;
      range.hiInc = op === '$lte';
    }
  }
  return any ? { range } : undefined;
}

/** Field predicates of a filter's top level and top-level `$and` branches. */
export function extractPredicates(filter: Doc, collated: boolean, out = new Map<string, Pred>()): Map<string, Pred> {
  for (const [field, v] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(v)) {
      for (const branch of v) if (isPlainObject(branch)) extractPredicates(branch, collated, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const p = predicateOf(v, collated);
    if (!p) continue;
    const prev = out.get(field);
    // Any one of several ANDed predicates gives a superset; prefer equality.
    if (!prev || ('range' in prev && 'eq' in p)) out.set(field, p);
  }
  return out;
}

/** The best index for these predicates (lower score is better), or null for a full scan. */
export function choosePlan(indexes: CollectionIndex[], preds: Map<string, Pred>): Plan | null {
  let best: Plan | null = null;
  for (const index of indexes) {
    if (index.partial) continue; // a partial index may lack matching documents
    const lead = preds.get(index.fields[0]);
    if (!lead) continue;
    const fieldPreds = index.fields.map((f) => preds.get(f));
    const needsNull = fieldPreds.some((p) => p && 'eq' in p && p.eq.some((x) => x === null));
    if (index.sparse && needsNull) continue; // null matches missing fields, which sparse skips
    let score: number;
    if ('eq' in lead) {
      const allEq = fieldPreds.every((p) => p && 'eq' in p && p.eq.length === 1);
      score = lead.eq.length === 1 ? (index.unique && allEq ? 0 : 10) : 20 + Math.min(lead.eq.length, 9);
    } else {
      score = lead.range.lo !== undefined && lead.range.hi !== undefined ? 30 : 35;
    }
    score -= fieldPreds.filter(Boolean).length * 0.1 - index.fields.length * 0.01;
    if (!best || score < best.score) best = { index, preds: fieldPreds, score };
  }
  return best;
}

function rangeOf(p: Pred, multikey: boolean): Range {
  if ('eq' in p) return { loInc: true, hiInc: true };
  const r = p.range;
  // On a multikey field different elements may satisfy each bound: keep one bound only.
  if (multikey && r.lo !== undefined && r.hi !== undefined) return { lo: r.lo, loInc: r.loInc, hiInc: false };
  return r;
}

/** Whether key `k` lies before range `r` (type-bracketed, as index scans read it). */
export function below(k: unknown, r: Range): boolean {
  const bound = r.lo !== undefined ? r.lo : r.hi;
  const rk = typeRank(k);
  const rb = typeRank(bound);
  if (rk !== rb) return rk < rb;
  if (r.lo === undefined) return false;
  const c = compareValues(k, r.lo);
  return r.loInc ? c < 0 : c <= 0;
}

/** Whether key `k` lies after range `r`. */
export function above(k: unknown, r: Range): boolean {
  const bound = r.hi !== undefined ? r.hi : r.lo;
  const rk = typeRank(k);
  const rb = typeRank(bound);
  if (rk !== rb) return rk > rb;
  if (r.hi === undefined) return false;
  const c = compareValues(k, r.hi);
  return r.hiInc ? c > 0 : c >= 0;
}

function entryPasses(e: Entry, preds: (Pred | undefined)[], multikey: boolean): boolean {
  for (let i = 1; i < preds.length; i++) {
    const p = preds[i];
    if (!p) continue;
    const k = e.k[i];
    if ('eq' in p) {
      if (!p.eq.some((x) => compareValues(k, x) === 0)) return false;
    } else {
      const r = rangeOf(p, multikey);
      if (below(k, r) || above(k, r)) return false;
    }
  }
  return true;
}

/** The records a plan's index scan yields (deduplicated, in index order). */
export function scanPlan(plan: Plan): Rec[] {
  const { index, preds } = plan;
  const lead = preds[0] as Pred;
  const multikey = index.multikey;
  const out: Rec[] = [];
  const seen = multikey || ('eq' in lead && lead.eq.length > 1) ? new Set<Rec>() : null;
  const visit = (r: Range): void => {
    const scan = index.entries.range(
      (e) => below(e.k[0], r),
      (e) => above(e.k[0], r),
    );
    for (const e of scan) {
      if (preds.length > 1 && !entryPasses(e, preds, multikey)) continue;
      if (seen) {
        if (seen.has(e.r)) continue;
        seen.add(e.r);
      }
      out.push(e.r);
    }
  };
  if ('eq' in lead) {
    const values = [...lead.eq].sort(compareValues);
    for (const v of values) visit({ lo: v, loInc: true, hi: v, hiInc: true });
  } else {
    visit(rangeOf(lead, multikey));
  }
  return out;
}

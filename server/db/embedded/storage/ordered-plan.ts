/**
 * Choosing the planner's ordered path (walked by ordered-scan.ts): an index whose leading fields
 * are pinned by single-value equalities and whose next fields are the sort keys, in any mix of
 * directions. It must not be multikey, sparse, partial or collated (index order must be sort
 * order); and the walk is only chosen when no unsorted plan is more selective.
 */
import type { Doc } from './api.js';
import type { CollectionIndex } from './collection-index.js';
import { isPlainObject } from './index-keys.js';
import { extractPredicates, type Plan, type Pred, type Range } from './planner.js';

export interface OrderedPlan {
  index: CollectionIndex;
  /** Values of the pinned leading index fields (positions 0..pinned.length-1). */
  pinned: unknown[];
  /** Direction of each sort level, at the index positions after the pinned ones. */
  dirs: (1 | -1)[];
  /** A range on the first sort field (top-level predicate): bounds the walk. */
  first?: Range;
  /** Per index position: the top-level predicate to check on the key, if any. */
  top: (Pred | undefined)[];
  /** Per `$or` branch, per index position; null when the `$or` cannot narrow by keys. */
  branches: (Pred | undefined)[][] | null;
}

function sortKeys(sort: Doc): { field: string; dir: 1 | -1 }[] | null {
  const keys: { field: string; dir: 1 | -1 }[] = [];
  for (const [field, v] of Object.entries(sort)) {
    if ((v !== 1 && v !== -1) || field.startsWith('$')) return null; // $meta, $natural, Long(1)...
    keys.push({ field, dir: v });
  }
  return keys.length ? keys : null;
}

function usable(ix: CollectionIndex): boolean {
  if (ix.multikey || ix.sparse || ix.partial || ix.spec.collation) return false;
  return Object.values(ix.spec.key).every((d) => d === 1 || d === -1);
}

const singleEq = (p: Pred | undefined): p is { eq: unknown[] } =>
  !!p && 'eq' in p && p.eq.length === 1;

/** The best index to walk for `filter` sorted by `sort` (binary collation), or null. */
export function chooseOrderedPlan(
  indexes: CollectionIndex[],
  filter: Doc,
  sort: Doc,
): OrderedPlan | null {
  const keys = sortKeys(sort);
  if (!keys) return null;
  const preds = extractPredicates(filter, false);
  // A sort key pinned to one value orders nothing.
  const levels = keys.filter((k) => !singleEq(preds.get(k.field)));
  if (levels.length === 0) return null;
  let best: { index: CollectionIndex; j: number } | null = null;
  for (const index of indexes) {
    if (!usable(index)) continue;
    let j = 0;
    while (j < index.fields.length && singleEq(preds.get(index.fields[j]))) j++;
    if (!levels.every((k, i) => index.fields[j + i] === k.field)) continue;
    if (!best || j > best.j) best = { index, j };
  }
  if (!best) return null;
  const { index, j } = best;
  const top = index.fields.map((f, i) => (i < j ? undefined : preds.get(f)));
  const firstPred = top[j];
  return {
    index,
    pinned: index.fields.slice(0, j).map((f) => (preds.get(f) as { eq: unknown[] }).eq[0]),
    dirs: levels.map((k) => k.dir),
    first: firstPred && 'range' in firstPred ? firstPred.range : undefined,
    top,
    branches: branchPreds(index, filter.$or),
  };
}

function branchPreds(index: CollectionIndex, or: unknown): (Pred | undefined)[][] | null {
  if (!Array.isArray(or) || or.length === 0) return null;
  const out: (Pred | undefined)[][] = [];
  for (const branch of or) {
    if (!isPlainObject(branch)) return null;
    const preds = extractPredicates(branch, false);
    const row = index.fields.map((f) => preds.get(f));
    if (!row.some(Boolean)) return null; // this branch passes every entry: no narrowing
    out.push(row);
  }
  return out;
}

/**
 * Whether to walk `op` rather than scan the candidates of `plan` (the unsorted choice) and sort:
 * not when `plan` finds at most one document or pins more leading fields by equality.
 */
export function preferOrdered(op: OrderedPlan, plan: Plan | null, pointLookup: boolean): boolean {
  if (!plan) return true;
  if (pointLookup) return false;
  let eqs = 0;
  while (eqs < plan.preds.length && singleEq(plan.preds[eqs])) eqs++;
  const j = op.pinned.length;
  return j >= eqs && (j > 0 || plan.index.fields[0] === op.index.fields[0]);
}

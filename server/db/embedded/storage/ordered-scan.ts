/**
 * The planner's ordered path: a sorted query (find with `sort`, findAndModify) answered by walking
 * an index in sort order and stopping once enough documents matched, instead of collecting every
 * candidate and sorting them. Agenda locks a job with findAndModify, a `$or` filter and sort
 * {nextRunAt: 1, priority: -1} over its index {name, nextRunAt, priority, lockedAt, disabled}:
 * the walk makes that lock cost a few seeks instead of a filter and sort of the whole backlog.
 *
 * An index qualifies when its leading fields are pinned by single-value equalities and its next
 * fields are the sort keys (any mix of directions: entries are stored ascending, so a descending
 * level is walked one distinct value at a time, downwards). It must not be multikey, sparse,
 * partial or collated, and the query must use binary collation, so that index order is sort order.
 *
 * Order, including ties: the sort keys, then the index's remaining fields, then insertion order:
 * exactly what filtering this index's scan and stable-sorting it gives (the scan path), so the
 * walk returns the same documents in the same order, only sooner.
 *
 * Before a document is read, its entry's keys are checked against the filter's top-level and `$or`
 * branch predicates on index fields; a run of entries failing on the same key prefix (Agenda's
 * finished jobs: nextRunAt and lockedAt null) is skipped with one seek.
 */
import { compareValues } from '../bson-order.js';
import type { Entry } from './collection-index.js';
import type { OrderedPlan } from './ordered-plan.js';
import { above, below, type Pred } from './planner.js';

export { chooseOrderedPlan, preferOrdered, type OrderedPlan } from './ordered-plan.js';

/** Runs of this many entries failing on one key prefix are skipped with a seek. */
const SEEK_AFTER = 8;

function passes(k: unknown, p: Pred): boolean {
  if ('eq' in p) return p.eq.some((x) => compareValues(k, x) === 0);
  return !below(k, p.range) && !above(k, p.range);
}

function firstFailure(k: unknown[], preds: (Pred | undefined)[], from: number): number {
  for (let i = from; i < preds.length; i++) {
    const p = preds[i];
    if (p && !passes(k[i], p)) return i;
  }
  return Infinity;
}

/**
 * -1 when the entry may match; else the index position F such that every entry sharing its keys
 * up to F fails too (a top-level predicate failed there, or every `$or` branch failed by then).
 */
function keyCheck(op: OrderedPlan, k: unknown[]): number {
  const fTop = firstFailure(k, op.top, op.pinned.length);
  if (!op.branches) return fTop === Infinity ? -1 : fTop;
  let fOr = -1;
  for (const b of op.branches) {
    const f = firstFailure(k, b, 0);
    if (f === Infinity) return fTop === Infinity ? -1 : fTop;
    if (f > fOr) fOr = f;
  }
  return Math.min(fTop, fOr);
}

function cmpPrefix(k: unknown[], pre: unknown[], n: number): number {
  for (let i = 0; i < n; i++) {
    const c = compareValues(k[i], pre[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** Entries whose first pre.length keys equal `pre` and whose next key passes lo/hi. */
interface Bounds {
  pre: unknown[];
  lo?: (v: unknown) => boolean;
  hi?: (v: unknown) => boolean;
}

const belowOf =
  ({ pre, lo }: Bounds) =>
  (e: Entry) => {
    const c = cmpPrefix(e.k, pre, pre.length);
    return c < 0 || (c === 0 && !!lo && lo(e.k[pre.length]));
  };
const aboveOf =
  ({ pre, hi }: Bounds) =>
  (e: Entry) => {
    const c = cmpPrefix(e.k, pre, pre.length);
    return c > 0 || (c === 0 && !!hi && hi(e.k[pre.length]));
  };

/** The entries of `b` in index order that pass the key check, skipping failing runs by seeking. */
function* forward(op: OrderedPlan, b: Bounds): Generator<Entry> {
  const start = belowOf(b);
  const end = aboveOf(b);
  let from = start;
  for (;;) {
    let failed: Entry | null = null;
    let failedLen = 0;
    let run = 0;
    let seek = false;
    for (const e of op.index.entries.range(from, end)) {
      if (failed && cmpPrefix(e.k, failed.k, failedLen) === 0) {
        if (++run < SEEK_AFTER) continue;
        const past = failed;
        const n = failedLen;
        from = (x) => start(x) || cmpPrefix(x.k, past.k, n) <= 0;
        seek = true;
        break;
      }
      const f = keyCheck(op, e.k);
      if (f < 0) {
        failed = null;
        yield e;
      } else {
        failed = e;
        failedLen = f + 1;
        run = 0;
      }
    }
    if (!seek) return;
  }
}

/** Sort level `level` onwards within `b` (whose prefix fixes every position before it). */
function* walk(op: OrderedPlan, level: number, b: Bounds): Generator<Entry> {
  if (op.dirs.slice(level).every((d) => d === 1)) {
    yield* forward(op, b);
    return;
  }
  const pos = b.pre.length;
  const list = op.index.entries;
  let { lo, hi } = b;
  for (;;) {
    const range = { pre: b.pre, lo, hi };
    let e: Entry | undefined;
    if (op.dirs[level] === 1) {
      // The next value holding an entry that passes the key check: groups where none passes
      // (future jobs, when the lock looks for due ones) cost a key check each, not a seek.
      const it = forward(op, range);
      e = it.next().value;
      it.return(undefined);
    } else {
      e = list.lastBefore(aboveOf(range));
      if (e && belowOf(range)(e)) e = undefined;
    }
    if (!e) return;
    const v = e.k[pos];
    yield* walk(op, level + 1, { pre: [...b.pre, v] });
    // The next distinct value: strictly past v in this level's direction.
    if (op.dirs[level] === 1) lo = (x) => !!b.lo?.(x) || compareValues(x, v) <= 0;
    else hi = (x) => !!b.hi?.(x) || compareValues(x, v) >= 0;
  }
}

/** The entries of `op`'s index that may match, in sort order (ties: index order). */
export function orderedScan(op: OrderedPlan): Generator<Entry> {
  const r = op.first;
  return walk(op, 0, {
    pre: op.pinned,
    lo: r ? (v) => below(v, r) : undefined,
    hi: r ? (v) => above(v, r) : undefined,
  });
}

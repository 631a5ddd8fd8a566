/**
 * One index of one collection: a sorted list of (key tuple, record) entries ordered by mongod's
 * value order, plus, for unique indexes, a map from canonical key to record for O(1) clash checks.
 * Key directions only matter to sort order, which the caller handles, so entries sort ascending.
 */
import { Query } from 'mingo';
import { canonicalKey, compareValues, valuesEqual } from '../bson-order.js';
import type { Doc, IndexSpec } from './api.js';
import { docKeys, sameKeys, type DocKeys } from './index-keys.js';
import { SortedList } from './sorted-list.js';

/** A stored document; index entries point at it so a replace that keeps keys touches no index. */
export interface Rec {
  rid: number;
  doc: Doc;
  /** Approximate BSON size in bytes. */
  size: number;
}

export interface Entry {
  k: unknown[];
  r: Rec;
}

function compareEntries(a: Entry, b: Entry): number {
  const n = a.k.length;
  for (let i = 0; i < n; i++) {
    const c = compareValues(a.k[i], b.k[i]);
    if (c !== 0) return c;
  }
  return a.r.rid - b.r.rid;
}

export class CollectionIndex {
  readonly fields: string[];
  readonly paths: string[][];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly ttlSeconds: number | null;
  readonly partial: Query | null;
  /** Set once any document put an array into a key; never cleared (as in mongod). */
  multikey = false;
  readonly entries = new SortedList<Entry>(compareEntries);
  /** canonical key -> record, for unique indexes only. */
  readonly uniqueMap: Map<string, Rec> | null;

  constructor(
    readonly spec: IndexSpec,
    uniqueMap?: Map<string, Rec>,
  ) {
    this.fields = Object.keys(spec.key);
    this.paths = this.fields.map((f) => f.split('.'));
    this.unique = !!spec.unique || spec.name === '_id_';
    this.sparse = !!spec.sparse;
    const eas = spec.expireAfterSeconds;
    this.ttlSeconds = eas !== undefined && eas !== null && this.fields.length === 1 ? Number(eas) : null;
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression as Record<string, unknown>) : null;
    this.uniqueMap = this.unique ? (uniqueMap ?? new Map()) : null;
  }

  get name(): string {
    return this.spec.name;
  }

  /** The keys `doc` has in this index, or null when the index leaves it out (sparse/partial). */
  keysOf(doc: Doc): DocKeys | null {
    if (this.partial && !this.partial.test(doc)) return null;
    return docKeys(doc, this.fields, this.paths, this.sparse);
  }

  private mapKey(tuple: unknown[]): string {
    return tuple.length === 1 ? canonicalKey(tuple[0]) : canonicalKey(tuple);
  }

  /** Unique-map keys of `keys`, computed once per DocKeys (clash then add reuse them). */
  private mapKeys(keys: DocKeys): string[] {
    return (keys.mapKeys ??= keys.tuples.map((t) => this.mapKey(t)));
  }

  /**
   * The record holding exactly this key tuple in a unique index (a map lookup instead of a scan
   * for equality on every field), or undefined.
   */
  lookupUnique(tuple: unknown[]): Rec | undefined {
    return this.uniqueMap?.get(this.mapKey(tuple));
  }

  /** The first key tuple of `keys` already held by a record other than `self`, or null. */
  clash(keys: DocKeys | null, self: Rec | null): unknown[] | null {
    if (!this.uniqueMap || !keys) return null;
    const mks = this.mapKeys(keys);
    for (let i = 0; i < mks.length; i++) {
      const owner = this.uniqueMap.get(mks[i]);
      if (owner !== undefined && owner !== self) return keys.tuples[i];
    }
    return null;
  }

  add(keys: DocKeys | null, rec: Rec): void {
    if (!keys) return;
    if (keys.array) this.multikey = true;
    const mks = this.uniqueMap ? this.mapKeys(keys) : null;
    for (let i = 0; i < keys.tuples.length; i++) {
      this.entries.insert({ k: keys.tuples[i], r: rec });
      if (mks) this.uniqueMap!.set(mks[i], rec);
    }
  }

  /**
   * Fills an empty index from existing records with one sort instead of n inserts; returns the
   * clashing key tuple (and builds nothing usable) if a unique index would be violated.
   */
  build(recs: Iterable<Rec>): unknown[] | null {
    const all: Entry[] = [];
    for (const rec of recs) {
      const keys = this.keysOf(rec.doc);
      if (!keys) continue;
      const t = this.clash(keys, rec);
      if (t) return t;
      if (keys.array) this.multikey = true;
      const mks = this.uniqueMap ? this.mapKeys(keys) : null;
      for (let i = 0; i < keys.tuples.length; i++) {
        all.push({ k: keys.tuples[i], r: rec });
        if (mks) this.uniqueMap!.set(mks[i], rec);
      }
    }
    all.sort(compareEntries);
    this.entries.load(all);
    return null;
  }

  remove(keys: DocKeys | null, rec: Rec): void {
    if (!keys) return;
    for (const t of keys.tuples) {
      this.entries.delete({ k: t, r: rec });
      if (this.uniqueMap) {
        const mk = this.mapKey(t);
        if (this.uniqueMap.get(mk) === rec) this.uniqueMap.delete(mk);
      }
    }
  }

  /** Whether a replace from `before` to `after` leaves this index's entries unchanged. */
  static unchanged(before: DocKeys | null, after: DocKeys | null): boolean {
    return sameKeys(before, after, valuesEqual);
  }

  clear(): void {
    this.entries.clear();
    this.uniqueMap?.clear();
  }
}

/**
 * A collection: documents keyed by canonical `_id` (the `_id_` index's map, whose insertion order
 * is the natural order) and its secondary indexes. Every mutation is all-or-nothing: keys are
 * computed and unique indexes checked, and the journal record encoded, before anything changes.
 */
import { calculateObjectSize } from 'bson';
import { canonicalKey } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import type { CollectionInfo, CollectionStore, Doc, IndexSpec } from './api.js';
import { CollectionIndex, type Rec } from './collection-index.js';
import { checkNewSpec, duplicateKeyError, ID_INDEX_SPEC, normalizeSpec } from './index-spec.js';
import { isPlainObject, type DocKeys } from './index-keys.js';
import { chooseOrderedPlan, orderedScan, preferOrdered, type OrderedPlan } from './ordered-scan.js';
import { choosePlan, extractPredicates, scanPlan, type Plan } from './planner.js';
import { expiredRecords } from './ttl.js';

/** Where a collection sends its journal records (the engine; a no-op while replaying). */
export interface RecordSink {
  /** Encodes a record; null when records are not being kept (replay). Throws if unencodable. */
  encode(record: Doc): Buffer | null;
  append(frame: Buffer): void;
  /** A document was written (called with its old and its new version): for change counters. */
  changed(ns: string, doc: Doc): void;
  /** A collection or database went away or was renamed. */
  dropped(): void;
}

export interface CandidateOptions {
  /** A non-simple collation: string predicates then cannot use the (binary) indexes. */
  collation?: Doc | null;
}

export class Collection implements CollectionStore {
  private readonly recs = new Map<string, Rec>();
  private readonly idIndex: CollectionIndex;
  indexes: CollectionIndex[];
  private nextRid = 1;
  private bytes = 0;
  dropped = false;

  constructor(
    public dbName: string,
    public name: string,
    readonly info: CollectionInfo,
    private readonly sink: RecordSink,
  ) {
    this.idIndex = new CollectionIndex(ID_INDEX_SPEC, this.recs);
    this.indexes = [this.idIndex];
  }

  get ns(): string {
    return `${this.dbName}.${this.name}`;
  }

  count(): number {
    return this.recs.size;
  }

  /** Approximate total BSON size of the documents. */
  dataSize(): number {
    return this.bytes;
  }

  getById(id: unknown): Doc | undefined {
    return this.recs.get(canonicalKey(id))?.doc;
  }

  *all(): Generator<Doc> {
    for (const r of this.recs.values()) yield r.doc;
  }

  candidates(filter: Doc, opts: CandidateOptions = {}): Iterable<Doc> {
    const collated = !!opts.collation && opts.collation.locale !== 'simple';
    const plan = choosePlan(this.indexes, extractPredicates(filter, collated));
    if (!plan) {
      const branches = this.orPlans(filter, collated);
      if (!branches) return this.all();
      // Every $or branch can use an index: the union of their scans.
      const seen = new Set<Rec>();
      for (const b of branches) for (const r of scanPlan(b)) seen.add(r);
      return Array.from(seen, (r) => r.doc);
    }
    const lead = plan.preds[0];
    if (plan.index === this.idIndex && lead && 'eq' in lead && lead.eq.length === 1) {
      // _id equality: a map lookup, no scan.
      const d = this.getById(lead.eq[0]);
      return d ? [d] : [];
    }
    const tuple = uniqueTuple(plan);
    if (tuple) {
      // Equality on every field of a unique index (findOne by email): a map lookup, no scan.
      const r = plan.index.lookupUnique(tuple);
      return r ? [r.doc] : [];
    }
    return scanPlan(plan).map((r) => r.doc);
  }

  /**
   * The documents that may match `filter`, already in `sort` order, from a walk of an index that
   * provides that order (see ordered-scan.ts); null when no index does, or when an unsorted plan
   * is more selective (then: candidates() and a sort).
   */
  sortedCandidates(filter: Doc, sort: Doc, opts: CandidateOptions = {}): Iterable<Doc> | null {
    const op = this.orderedPlan(filter, sort, opts);
    return op ? docsOf(orderedScan(op)) : null;
  }

  private orderedPlan(filter: Doc, sort: Doc, opts: CandidateOptions): OrderedPlan | null {
    if (opts.collation && opts.collation.locale !== 'simple') return null;
    const op = chooseOrderedPlan(this.indexes, filter, sort);
    if (!op) return null;
    const plan = choosePlan(this.indexes, extractPredicates(filter, false));
    if (!plan && this.orPlans(filter, false)) return null; // each $or branch has its index
    const lead = plan?.preds[0];
    const point =
      !!plan &&
      ((plan.index === this.idIndex && !!lead && 'eq' in lead && lead.eq.length === 1) ||
        uniqueTuple(plan) !== null);
    return preferOrdered(op, plan, point) ? op : null;
  }

  /** Plans for each branch of a top-level `$or`, or null unless every branch has one. */
  private orPlans(filter: Doc, collated: boolean): Plan[] | null {
    const or = filter.$or;
    if (!Array.isArray(or) || or.length === 0) return null;
    const plans: Plan[] = [];
    for (const branch of or) {
      const p = isPlainObject(branch) ? choosePlan(this.indexes, extractPredicates(branch, collated)) : null;
      if (!p) return null;
      plans.push(p);
    }
    return plans;
  }

  plan(filter: Doc, opts: CandidateOptions & { sort?: Doc } = {}): string | null {
    const ordered = opts.sort ? this.orderedPlan(filter, opts.sort, opts) : null;
    if (ordered) return ordered.index.name;
    const collated = !!opts.collation && opts.collation.locale !== 'simple';
    const plan = choosePlan(this.indexes, extractPredicates(filter, collated));
    if (plan) return plan.index.name;
    const branches = this.orPlans(filter, collated);
    return branches ? `$or(${branches.map((b) => b.index.name).join(',')})` : null;
  }

  private assertLive(): void {
    if (this.dropped) throw new MongoCommandError('NamespaceNotFound', `collection ${this.ns} was dropped`);
  }

  private keysFor(doc: Doc): (DocKeys | null)[] {
    return this.indexes.map((ix) => ix.keysOf(doc));
  }

  private checkUnique(keys: (DocKeys | null)[], self: Rec | null): void {
    for (let i = 0; i < this.indexes.length; i++) {
      const t = this.indexes[i].clash(keys[i], self);
      if (t) throw duplicateKeyError(this.ns, this.indexes[i].spec, t);
    }
  }

  insert(doc: Doc): void {
    this.assertLive();
    if (doc._id === undefined) throw new MongoCommandError('InvalidIdField', 'document to insert has no _id');
    if (Array.isArray(doc._id)) throw new MongoCommandError('InvalidIdField', "The '_id' value cannot be of type array");
    const keys = this.keysFor(doc);
    this.checkUnique(keys, null);
    const frame = this.sink.encode({ o: 'i', d: this.dbName, c: this.name, x: doc });
    deepFreeze(doc);
    const rec: Rec = { rid: this.nextRid++, doc, size: sizeOf(frame, doc) };
    for (let i = 0; i < this.indexes.length; i++) this.indexes[i].add(keys[i], rec);
    this.bytes += rec.size;
    if (frame) this.sink.append(frame);
    this.sink.changed(this.ns, doc);
  }

  replace(next: Doc): void {
    this.assertLive();
    const rec = this.recs.get(canonicalKey(next._id));
    if (!rec) throw new MongoCommandError('NoSuchKey', `no document with _id ${String(next._id)} in ${this.ns}`);
    const before = this.keysFor(rec.doc);
    const after = this.keysFor(next);
    const changed = this.indexes.map((_, i) => !CollectionIndex.unchanged(before[i], after[i]));
    for (let i = 0; i < this.indexes.length; i++) {
      if (!changed[i]) continue;
      const t = this.indexes[i].clash(after[i], rec);
      if (t) throw duplicateKeyError(this.ns, this.indexes[i].spec, t);
    }
    const frame = this.sink.encode({ o: 'u', d: this.dbName, c: this.name, x: next });
    for (let i = 0; i < this.indexes.length; i++) if (changed[i]) this.indexes[i].remove(before[i], rec);
    deepFreeze(next);
    const previous = rec.doc;
    rec.doc = next;
    for (let i = 0; i < this.indexes.length; i++) if (changed[i]) this.indexes[i].add(after[i], rec);
    const size = sizeOf(frame, next);
    this.bytes += size - rec.size;
    rec.size = size;
    if (frame) this.sink.append(frame);
    this.sink.changed(this.ns, previous);
    this.sink.changed(this.ns, next);
  }

  remove(id: unknown): boolean {
    this.assertLive();
    const rec = this.recs.get(canonicalKey(id));
    if (!rec) return false;
    const keys = this.keysFor(rec.doc);
    const frame = this.sink.encode({ o: 'r', d: this.dbName, c: this.name, k: rec.doc._id });
    for (let i = this.indexes.length - 1; i >= 0; i--) this.indexes[i].remove(keys[i], rec);
    this.bytes -= rec.size;
    if (frame) this.sink.append(frame);
    this.sink.changed(this.ns, rec.doc);
    return true;
  }

  listIndexes(): IndexSpec[] {
    return this.indexes.map((ix) => ({ ...ix.spec }));
  }

  createIndex(requested: IndexSpec): boolean {
    this.assertLive();
    const spec = normalizeSpec(requested);
    if (checkNewSpec(spec, this.listIndexes()) === 'exists') return false;
    const index = new CollectionIndex(spec);
    const clash = index.build(this.recs.values());
    if (clash) throw duplicateKeyError(this.ns, spec, clash);
    const frame = this.sink.encode({ o: 'ci', d: this.dbName, c: this.name, s: spec });
    this.indexes.push(index);
    if (frame) this.sink.append(frame);
    return true;
  }

  dropIndex(name: string): void {
    this.assertLive();
    if (name === '_id_') throw new MongoCommandError('InvalidOptions', 'cannot drop _id index');
    const i = this.indexes.findIndex((ix) => ix.name === name);
    if (i < 0) throw new MongoCommandError('IndexNotFound', `index not found with name [${name}]`);
    const frame = this.sink.encode({ o: 'di', d: this.dbName, c: this.name, n: name });
    this.indexes.splice(i, 1);
    if (frame) this.sink.append(frame);
  }

  dropAllIndexes(): void {
    this.assertLive();
    const frame = this.sink.encode({ o: 'da', d: this.dbName, c: this.name });
    this.indexes = [this.idIndex];
    if (frame) this.sink.append(frame);
  }

  /** Removes documents whose TTL date has passed (journaled like any removal); returns how many. */
  sweepExpired(now: Date): number {
    let removed = 0;
    for (const ix of this.indexes) {
      for (const r of expiredRecords(ix, now)) if (this.remove(r.doc._id)) removed++;
    }
    return removed;
  }

  /** Snapshot view: the documents and specs as of now (documents are immutable, so refs suffice). */
  capture(): { info: CollectionInfo; indexes: IndexSpec[]; docs: Doc[] } {
    return { info: { ...this.info }, indexes: this.listIndexes(), docs: Array.from(this.recs.values(), (r) => r.doc) };
  }
}

/**
 * The key tuple when a plan pins every field of a unique index to one scalar value, else null.
 * Null, arrays and documents are left to the scan: null also matches missing fields, and array or
 * document keys have matching rules the map's exact keys do not capture.
 */
function uniqueTuple(plan: Plan): unknown[] | null {
  if (!plan.index.uniqueMap || plan.preds.length !== plan.index.fields.length) return null;
  const tuple: unknown[] = [];
  for (const p of plan.preds) {
    if (!p || !('eq' in p) || p.eq.length !== 1) return null;
    const v = p.eq[0];
    if (v === null || v === undefined || Array.isArray(v) || isPlainObject(v)) return null;
    tuple.push(v);
  }
  return tuple;
}

function* docsOf(entries: Iterable<{ r: Rec }>): Generator<Doc> {
  for (const e of entries) yield e.r.doc;
}

/**
 * Freezes a stored document and its plain sub-objects and arrays: indexes, snapshots and readers
 * share it by reference, so an accidental in-place change must fail loudly instead of silently
 * desynchronising indexes and disk. bson values and byte arrays are left alone (cannot be frozen).
 */
function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  if (Array.isArray(v)) {
    Object.freeze(v);
    for (const el of v) deepFreeze(el);
    return;
  }
  if (!isPlainObject(v)) return;
  Object.freeze(v);
  for (const k in v) deepFreeze(v[k]);
}

/** Approximate stored size: the journal frame when there is one, else the BSON size. */
function sizeOf(frame: Buffer | null, doc: Doc): number {
  return frame ? frame.length : calculateObjectSize(doc);
}

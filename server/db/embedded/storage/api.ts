/**
 * The contract between the command layer (wire/, commands/, query/) and the storage layer
 * (storage/). The storage layer keeps documents in memory, maintains indexes and makes every
 * mutation durable through a journal; it knows nothing of the wire protocol.
 *
 * Values are what `bson.deserialize` produces with the codec in `../codec.ts` (owned by the
 * command layer); the storage layer treats documents as opaque, immutable values except for
 * computing index keys (via `compareValues` in `../bson-order.ts`).
 *
 * Atomicity: every method is synchronous and applies fully or throws without changing anything,
 * so one command's mutation of one document can never be observed half-done (Node runs it
 * without interleaving). Durability: `sync()` resolves once every mutation made before the call is
 * fsynced in the journal; the command layer awaits it before acknowledging a write.
 */
export type Doc = Record<string, unknown>;

export interface IndexSpec {
  v?: number;
  name: string;
  key: Record<string, number | string>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  collation?: Doc;
  [option: string]: unknown;
}

export interface CollectionInfo {
  name: string;
  /** The options given to `create` (capped, validator, collation ...), stored and echoed back. */
  options: Doc;
  /** A stable UUID (bson Binary subtype 4) created with the collection. */
  uuid: unknown;
}

export interface CollectionStore {
  readonly dbName: string;
  readonly name: string;
  readonly info: CollectionInfo;
  /** Number of documents. */
  count(): number;
  /** Approximate total BSON size of the documents in bytes (collStats, listDatabases). */
  dataSize(): number;
  /** The document with this `_id` (compared as mongod compares values), or undefined. */
  getById(id: unknown): Doc | undefined;
  /**
   * A superset of the documents matching `filter`, narrowed with an index when the filter has an
   * equality, `$in` or range predicate on an index's leading field(s); every document otherwise,
   * in insertion order. The caller applies the full filter. Documents must not be mutated.
   * Pass the query's `collation`: under a non-simple one, string predicates cannot use the
   * (binary-ordered) indexes and are left to the caller.
   */
  candidates(filter: Doc, opts?: { collation?: Doc | null }): Iterable<Doc>;
  /**
   * A superset of the documents matching `filter`, already in `sort` order (ties in the order of
   * the index walked), read lazily from an index that provides that order; null when none does
   * (or an unsorted plan is more selective): then use `candidates` and sort. Binary collation only.
   */
  sortedCandidates?(filter: Doc, sort: Doc, opts?: { collation?: Doc | null }): Iterable<Doc> | null;
  /**
   * Which index `candidates` would use for this filter (for explain/tests/bench), or null; for a
   * top-level `$or` answered by one index per branch, `$or(<name>,<name>...)`. With `sort`: the
   * index `sortedCandidates` walks, if it would.
   */
  plan(filter: Doc, opts?: { collation?: Doc | null; sort?: Doc }): string | null;
  /** Every document in insertion (natural) order. */
  all(): Iterable<Doc>;
  /**
   * Inserts; `_id` must be present and first. Throws DuplicateKey (11000) on a unique clash.
   * The stored document (and its plain sub-objects/arrays) is frozen: it is shared by indexes,
   * snapshots and readers, so the caller must copy rather than change it afterwards.
   */
  insert(doc: Doc): void;
  /** Replaces the stored document having `next._id` (must exist); unique checks as insert. */
  replace(next: Doc): void;
  /** Removes the document with this `_id`; returns whether one was removed. */
  remove(id: unknown): boolean;
  listIndexes(): IndexSpec[];
  /**
   * Creates an index (building it over existing documents). Returns false if an identical index
   * exists; throws IndexOptionsConflict (85) / IndexKeySpecsConflict (86) like mongod, and
   * DuplicateKey when existing documents violate a new unique index (nothing is created then).
   */
  createIndex(spec: IndexSpec): boolean;
  /** Drops an index by name (`_id_` cannot be dropped: IllegalOperation/InvalidOptions as mongod). */
  dropIndex(name: string): void;
  /** Drops every index but `_id_`. */
  dropAllIndexes(): void;
}

export interface StorageEngine {
  /** Loads the latest snapshot and replays the journal. */
  open(): Promise<void>;
  /** Flushes (snapshot + fsync) and releases files. */
  close(): Promise<void>;
  /** Resolves once every mutation made before the call is durable (group commit). */
  sync(): Promise<void>;
  listDatabases(): { name: string; sizeOnDisk: number; empty: boolean }[];
  listCollections(dbName: string): CollectionInfo[];
  getCollection(dbName: string, name: string): CollectionStore | undefined;
  /** Explicit create: throws NamespaceExists (48) if it exists. */
  createCollection(dbName: string, name: string, options?: Doc): CollectionStore;
  /** Implicit create on first write (no error if it exists). */
  ensureCollection(dbName: string, name: string): CollectionStore;
  dropCollection(dbName: string, name: string): boolean;
  dropDatabase(dbName: string): void;
  /** Throws NamespaceNotFound / NamespaceExists as mongod does. */
  renameCollection(fromDb: string, from: string, toDb: string, to: string, dropTarget: boolean): void;
  /** Removes documents whose TTL index date has passed; returns how many. Called by a timer. */
  sweepExpired(now: Date): number;
  /** Statistics for serverStatus/collStats. */
  stats(): {
    journalBytes: number;
    snapshotBytes: number;
    lastSnapshotAt: Date | null;
    /** fsyncs issued and records made durable since open (fewer fsyncs = group commit at work). */
    journalFsyncs?: number;
    journalRecords?: number;
  };
}

/**
 * The storage engine: the catalog in memory, made durable by a journal (group-committed fsyncs)
 * and periodic snapshots. Snapshots run in the background from a consistent capture: the journal
 * rotates to a new file at the capture point, documents are immutable so capturing references is
 * enough, and the old journal files are deleted only once the new snapshot is renamed into place.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ChangeCounters } from '../change-counters.js';
import { encodeDocument } from '../codec.js';
import type { Doc, StorageEngine } from './api.js';
import { Catalog } from './catalog.js';
import type { RecordSink } from './collection.js';
import { encodeFrame } from './framing.js';
import { journalFileName, JournalWriter } from './journal.js';
import { replayJournals } from './recovery.js';
import { readSnapshot, SNAPSHOT_TMP, writeSnapshot, type SnapshotImage } from './snapshot.js';

export interface EngineOptions {
  dbPath: string;
  logger?: (msg: string, extra?: object) => void;
  /** Journal size that triggers a background snapshot (default 64 MB). */
  journalLimitBytes?: number;
  /** Counts every applied write here (see change-counters.ts), for the process that runs us. */
  changes?: ChangeCounters;
}

const DEFAULT_JOURNAL_LIMIT = 64 * 1024 * 1024;
const SNAPSHOT_RETRY_MS = 10_000;

export class Engine extends Catalog implements StorageEngine {
  private journal: JournalWriter | null = null;
  private replaying = false;
  private dirty = false;
  private snapshotting: Promise<void> | null = null;
  private snapshotBytes = 0;
  private lastSnapshotAt: Date | null = null;
  private snapshotRetryAt = 0;
  private readonly dir: string;
  private readonly log: (msg: string, extra?: object) => void;
  private readonly limit: number;

  constructor(opts: EngineOptions) {
    const changes = opts.changes;
    const sink: RecordSink = {
      encode: (r: Doc) => this.encode(r),
      append: (f: Buffer) => this.append(f),
      changed: changes ? (ns, doc) => changes.noteWrite(ns, doc) : () => {},
      dropped: changes ? () => changes.noteDrop() : () => {},
    };
    super(sink);
    this.dir = path.resolve(opts.dbPath);
    this.log = opts.logger ?? (() => {});
    this.limit = opts.journalLimitBytes ?? DEFAULT_JOURNAL_LIMIT;
  }

  private encode(r: Doc): Buffer | null {
    if (this.replaying) return null;
    if (!this.journal) throw new Error('the storage engine is not open');
    return encodeFrame(encodeDocument(r));
  }

  private append(frame: Buffer): void {
    const journal = this.journal as JournalWriter;
    journal.append(frame);
    this.dirty = true;
    if (!this.snapshotting && journal.liveBytes() > this.limit && Date.now() >= this.snapshotRetryAt) {
      this.startSnapshot();
    }
  }

  async open(): Promise<void> {
    if (this.journal) return;
    await fsp.mkdir(this.dir, { recursive: true });
    await fsp.rm(path.join(this.dir, SNAPSHOT_TMP), { force: true }); // an unfinished snapshot
    this.replaying = true;
    try {
      const snap = await readSnapshot(this.dir);
      const covered = snap?.image.seq ?? 0;
      if (snap) {
        this.load(snap.image);
        this.snapshotBytes = snap.bytes;
        this.lastSnapshotAt = snap.at;
      }
      const { live, maxSeq } = await replayJournals(this.dir, covered, (rec) => this.applyRecord(rec), this.log);
      this.journal = new JournalWriter(this.dir, Math.max(covered, maxSeq) + 1, this.log);
      for (const [seq, bytes] of live) this.journal.fileBytes.set(seq, bytes);
      this.dirty = live.size > 0;
    } finally {
      this.replaying = false;
    }
  }

  private load(image: SnapshotImage): void {
    for (const c of image.collections) {
      this.applyRecord({ o: 'cc', d: c.db, c: c.info.name, opts: c.info.options, u: c.info.uuid });
      const coll = this.getCollection(c.db, c.info.name);
      if (!coll) continue;
      for (const doc of c.docs) coll.insert(doc);
      // Indexes are built after the documents: one sorted build is cheaper than 100k inserts.
      for (const spec of c.indexes) if (spec.name !== '_id_') coll.createIndex(spec);
    }
  }

  sync(): Promise<void> {
    return this.journal ? this.journal.sync() : Promise.resolve();
  }

  /** Captures the catalog now and writes it as a snapshot in the background. */
  private startSnapshot(): void {
    this.snapshotting = this.snapshot()
      .catch((err: Error) => {
        this.snapshotRetryAt = Date.now() + SNAPSHOT_RETRY_MS; // not once per write while it fails
        this.log('snapshot failed; the journal keeps every write', { error: err.message });
      })
      .finally(() => {
        this.snapshotting = null;
      });
  }

  private async snapshot(): Promise<void> {
    const journal = this.journal as JournalWriter;
    const covered = journal.rotate();
    const image: SnapshotImage = {
      seq: covered,
      collections: this.collections().map((c) => ({ db: c.dbName, ...c.capture() })),
    };
    this.dirty = false;
    this.snapshotBytes = await writeSnapshot(this.dir, image);
    this.lastSnapshotAt = new Date();
    await journal.sync(); // the loop is done with the covered files before they go
    for (const seq of [...journal.fileBytes.keys()]) {
      if (seq > covered) continue;
      await fsp.rm(path.join(this.dir, journalFileName(seq)), { force: true });
      journal.fileBytes.delete(seq);
    }
  }

  /** Waits for a running background snapshot (tests and benchmarks use it). */
  async flushSnapshot(): Promise<void> {
    while (this.snapshotting) await this.snapshotting;
  }

  /** Takes a snapshot now and waits for it (tests; close() does it too). */
  async checkpoint(): Promise<void> {
    await this.flushSnapshot();
    this.startSnapshot();
    await this.flushSnapshot();
  }

  private closing: Promise<void> | null = null;

  close(): Promise<void> {
    // Concurrent close() calls share one shutdown (two snapshots must never write at once).
    this.closing ??= this.shutdown().finally(() => {
      this.closing = null;
    });
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (!this.journal) return;
    await this.flushSnapshot();
    if (this.dirty) {
      await this.snapshot();
    }
    await this.journal.close();
    this.journal = null;
    for (const c of this.collections()) c.dropped = true;
    this.dbs.clear();
  }

  sweepExpired(now: Date): number {
    let n = 0;
    for (const c of this.collections()) n += c.sweepExpired(now);
    return n;
  }

  /** Stops without flushing or snapshotting, as SIGKILL would (crash tests only). */
  async abandon(): Promise<void> {
    await this.flushSnapshot(); // a background snapshot must not write into files being inspected
    await this.journal?.abandon();
    this.journal = null;
    for (const c of this.collections()) c.dropped = true;
    this.dbs.clear();
  }

  stats(): ReturnType<StorageEngine['stats']> {
    return {
      journalFsyncs: this.journal?.fsyncs ?? 0,
      journalRecords: this.journal?.durableRecords ?? 0,
      journalBytes: this.journal?.liveBytes() ?? 0,
      snapshotBytes: this.snapshotBytes,
      lastSnapshotAt: this.lastSnapshotAt,
    };
  }
}

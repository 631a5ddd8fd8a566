/**
 * The journal writer: framed records are queued by synchronous mutations and written by a single
 * background loop, one durable write per batch, so concurrent writers share one disk flush
 * (group commit). `sync()` resolves once everything queued before the call is on disk. The loop
 * never idles while records wait: as soon as a write returns it takes everything queued
 * meanwhile as the next batch. Only one write is in flight at a time, so a file is always its
 * acknowledged records, then at most one partly written batch, then zeros (journal-file.ts).
 *
 * Files are `journal.<seq>.log`. `rotate()` makes later records go to the next file (at the point a
 * snapshot is captured); the loop finishes the old file before writing the new one, so a later
 * file only ever holds data once every earlier file is complete on disk.
 */
import { JournalFile } from './journal-file.js';

export { fsyncDir } from './journal-file.js';

interface Rotation {
  rotateTo: number;
}

type Item = Buffer | Rotation;

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

export function journalFileName(seq: number): string {
  return `journal.${String(seq).padStart(10, '0')}.log`;
}

export function parseJournalSeq(file: string): number | null {
  const m = /^journal\.(\d{10})\.log$/.exec(file);
  return m ? Number(m[1]) : null;
}

export class JournalWriter {
  private queue: Item[] = [];
  private appended = 0;
  private durable = 0;
  private running = false;
  private waiters: Waiter[] = [];
  private fh: JournalFile | null = null;
  private failed: Error | null = null;
  /** Counters for stats: fsyncs issued and records made durable (fsyncs < records = group commit). */
  fsyncs = 0;
  /** The file records are appended to now (the writer may still be finishing older ones). */
  private seq: number;
  /** The file the background loop writes to. */
  private writingSeq: number;
  /** Bytes per live journal file (including files replayed at open), for the snapshot trigger. */
  readonly fileBytes = new Map<number, number>();

  constructor(
    private readonly dir: string,
    seq: number,
    private readonly log: (msg: string, extra?: object) => void,
  ) {
    this.seq = seq;
    this.writingSeq = seq;
  }

  get currentSeq(): number {
    return this.seq;
  }

  /** Bytes in all live journal files, counting queued records. */
  liveBytes(): number {
    let n = 0;
    for (const b of this.fileBytes.values()) n += b;
    return n;
  }

  append(frame: Buffer): void {
    this.queue.push(frame);
    this.appended++;
    this.fileBytes.set(this.seq, (this.fileBytes.get(this.seq) ?? 0) + frame.length);
    this.schedule();
  }

  /** Sends later records to a new file; returns the sequence number of the file just closed. */
  rotate(): number {
    const old = this.seq;
    this.seq = old + 1;
    this.queue.push({ rotateTo: this.seq });
    this.schedule();
    return old;
  }

  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.durable >= this.appended) return Promise.resolve();
    const target = this.appended;
    return new Promise((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.failed) return;
    this.running = true;
    setImmediate(() => void this.run());
  }

  /**
   * Takes everything queued as one batch, writes it durably, acknowledges it, and goes straight on
   * to whatever arrived meanwhile. Measured: letting a second batch's write and flush overlap the
   * first's did not raise throughput (and acknowledgements would still have to wait in order).
   */
  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const items = this.queue;
        this.queue = [];
        let batch: Buffer[] = [];
        let count = 0;
        for (const item of items) {
          if (Buffer.isBuffer(item)) {
            batch.push(item);
            count++;
            continue;
          }
          await this.writeBatch(batch);
          batch = [];
          await this.fh?.close();
          this.fh = null;
          this.writingSeq = item.rotateTo;
        }
        await this.writeBatch(batch);
        this.durable += count;
        this.settle();
      }
    } catch (err) {
      this.failed = err instanceof Error ? err : new Error(String(err));
      this.log('journal write failed; further writes cannot be acknowledged', { error: this.failed.message });
      for (const w of this.waiters) w.reject(this.failed);
      this.waiters = [];
    } finally {
      this.running = false;
    }
  }

  private settle(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.target <= this.durable) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  private async writeBatch(batch: Buffer[]): Promise<void> {
    if (batch.length === 0) return;
    this.fh ??= await JournalFile.create(this.dir, journalFileName(this.writingSeq));
    await this.fh.append(batch.length === 1 ? batch[0] : Buffer.concat(batch));
    this.fsyncs++;
  }

  get durableRecords(): number {
    return this.durable;
  }

  /** Drops queued records and closes the file as a crash would (crash tests only). */
  async abandon(): Promise<void> {
    this.failed = new Error('the journal was abandoned');
    this.queue = [];
    while (this.running) await new Promise((r) => setImmediate(r));
    await this.fh?.close();
    this.fh = null;
  }

  /** Waits for everything queued, then closes the current file. */
  async close(): Promise<void> {
    await this.sync();
    while (this.running) await new Promise((r) => setImmediate(r));
    await this.fh?.close();
    this.fh = null;
  }
}

/**
 * Server-side cursors. A query's results are computed once (documents are immutable values in
 * storage, so holding references is a consistent snapshot) and handed out in batches; projection
 * runs per batch so a large result is not copied up front. Idle cursors time out like mongod's.
 */
import { Long } from 'bson';
import { bsonSize, MAX_BSON_SIZE } from '../codec.js';
import type { Doc } from '../storage/api.js';

const DEFAULT_FIRST_BATCH = 101;
/** Leaves room for the reply envelope inside mongod's 16 MB + 16 KB reply limit. */
const BATCH_BYTES = MAX_BSON_SIZE - 64 * 1024;

interface OpenCursor {
  ns: string;
  docs: Doc[];
  pos: number;
  project: ((d: Doc) => Doc) | null;
  lastUsed: number;
}

export interface Batch {
  id: Long;
  ns: string;
  batch: Doc[];
}

export class CursorRegistry {
  private cursors = new Map<string, OpenCursor>();
  private nextId = BigInt(Math.floor(Math.random() * 2 ** 40) + 1);
  private timer: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs = 10 * 60 * 1000) {
    this.timer = setInterval(() => this.reap(), Math.min(60_000, idleTimeoutMs));
    this.timer.unref();
  }

  /** Takes a batch off `docs` from `pos`; stops at batchSize or at the byte budget. */
  private static take(c: OpenCursor, batchSize: number | undefined): Doc[] {
    const max = batchSize && batchSize > 0 ? batchSize : Infinity;
    const out: Doc[] = [];
    let bytes = 0;
    while (c.pos < c.docs.length && out.length < max) {
      const d = c.project ? c.project(c.docs[c.pos]) : c.docs[c.pos];
      // Even a small batch can pass 16 MB when its documents are large, so sizes are counted; a
      // batch always takes its first document, so a single-document batch (findOne) skips it.
      if (out.length > 0) {
        if (out.length === 1) bytes = bsonSize(out[0]);
        bytes += bsonSize(d);
        if (bytes > BATCH_BYTES) break;
      }
      out.push(d);
      c.pos++;
    }
    return out;
  }

  /** Serves the first batch; registers a cursor when documents remain (unless singleBatch). */
  open(
    ns: string,
    docs: Doc[],
    project: ((d: Doc) => Doc) | null,
    batchSize: number | undefined,
    singleBatch = false,
  ): Batch {
    const c: OpenCursor = { ns, docs, pos: 0, project, lastUsed: Date.now() };
    const batch = batchSize === 0 ? [] : CursorRegistry.take(c, batchSize ?? DEFAULT_FIRST_BATCH);
    if (c.pos >= docs.length || singleBatch) return { id: Long.ZERO, ns, batch };
    const id = this.nextId++;
    this.cursors.set(id.toString(), c);
    return { id: Long.fromBigInt(id), ns, batch };
  }

  /** The next batch, or undefined when the cursor does not exist (timed out or killed). */
  more(id: Long, batchSize: number | undefined): Batch | undefined {
    const key = id.toString();
    const c = this.cursors.get(key);
    if (!c) return undefined;
    c.lastUsed = Date.now();
    const batch = CursorRegistry.take(c, batchSize);
    if (c.pos >= c.docs.length) {
      this.cursors.delete(key);
      return { id: Long.ZERO, ns: c.ns, batch };
    }
    return { id, ns: c.ns, batch };
  }

  nsOf(id: Long): string | undefined {
    return this.cursors.get(id.toString())?.ns;
  }

  kill(id: Long): boolean {
    return this.cursors.delete(id.toString());
  }

  get size(): number {
    return this.cursors.size;
  }

  private reap(): void {
    const cutoff = Date.now() - this.idleTimeoutMs;
    for (const [k, c] of this.cursors) if (c.lastUsed < cutoff) this.cursors.delete(k);
  }

  close(): void {
    clearInterval(this.timer);
    this.cursors.clear();
  }
}

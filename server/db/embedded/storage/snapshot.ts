/**
 * Snapshots: the whole catalog, index specs and documents as framed BSON records in
 * `snapshot.bin`, covering every journal file up to `seq`. Written to `snapshot.tmp`, fsynced,
 * renamed over the old one and the directory fsynced, so a crash leaves either the old complete
 * snapshot or the new complete one. Writing yields to the event loop between chunks.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { decodeDocument, encodeDocument } from '../codec.js';
import type { CollectionInfo, Doc, IndexSpec } from './api.js';
import { encodeFrame, scanFrames } from './framing.js';
import { fsyncDir } from './journal.js';

export const SNAPSHOT_FILE = 'snapshot.bin';
export const SNAPSHOT_TMP = 'snapshot.tmp';

export interface CollectionImage {
  db: string;
  info: CollectionInfo;
  indexes: IndexSpec[];
  docs: Doc[];
}

export interface SnapshotImage {
  /** The last journal file whose records the snapshot includes. */
  seq: number;
  collections: CollectionImage[];
}

const CHUNK_BYTES = 1 << 20;
const DOCS_PER_YIELD = 2000;

/** Writes a snapshot atomically; returns its size in bytes. */
export async function writeSnapshot(dir: string, image: SnapshotImage): Promise<number> {
  const tmp = path.join(dir, SNAPSHOT_TMP);
  const fh = await fsp.open(tmp, 'w');
  let total = 0;
  try {
    let parts: Buffer[] = [];
    let pending = 0;
    const flush = async (): Promise<void> => {
      if (parts.length === 0) return;
      const buf = Buffer.concat(parts);
      parts = [];
      pending = 0;
      let off = 0;
      while (off < buf.length) off += (await fh.write(buf, off, buf.length - off)).bytesWritten;
    };
    const put = async (rec: Doc): Promise<void> => {
      const frame = encodeFrame(encodeDocument(rec));
      parts.push(frame);
      pending += frame.length;
      total += frame.length;
      if (pending >= CHUNK_BYTES) await flush();
    };
    let docCount = 0;
    await put({ t: 'h', v: 1, seq: image.seq, at: new Date() });
    for (const c of image.collections) {
      await put({ t: 'c', d: c.db, n: c.info.name, o: c.info.options, u: c.info.uuid, ix: c.indexes });
      for (let i = 0; i < c.docs.length; i++) {
        await put({ t: 'd', x: c.docs[i] });
        if (++docCount % DOCS_PER_YIELD === 0) await new Promise((r) => setImmediate(r));
      }
    }
    await put({ t: 'e', n: docCount });
    await flush();
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, path.join(dir, SNAPSHOT_FILE));
  await fsyncDir(dir);
  return total;
}

/** Reads `snapshot.bin`, or returns null when there is none. Any damage refuses to start. */
export async function readSnapshot(dir: string): Promise<{ image: SnapshotImage; bytes: number; at: Date } | null> {
  const file = path.join(dir, SNAPSHOT_FILE);
  let buf: Buffer;
  try {
    buf = await fsp.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const image: SnapshotImage = { seq: 0, collections: [] };
  let at = new Date(0);
  let current: CollectionImage | null = null;
  let ended = false;
  const scan = scanFrames(buf, file, (payload, offset) => {
    const rec = decodeDocument(payload);
    if (rec.t === 'h') {
      image.seq = Number(rec.seq);
      at = rec.at as Date;
    } else if (rec.t === 'c') {
      current = {
        db: rec.d as string,
        info: { name: rec.n as string, options: (rec.o as Doc) ?? {}, uuid: rec.u },
        indexes: (rec.ix as IndexSpec[]) ?? [],
        docs: [],
      };
      image.collections.push(current);
    } else if (rec.t === 'd') {
      if (!current) throw new Error(`Snapshot ${file} has a document before any collection at byte offset ${offset}`);
      (current as CollectionImage).docs.push(rec.x as Doc);
    } else if (rec.t === 'e') {
      ended = true;
    }
  });
  if (scan.tornBytes > 0 || !ended) {
    // Snapshots are complete before they are renamed into place: a short one is damage.
    throw new Error(`Snapshot ${file} is incomplete at byte offset ${scan.validEnd}; refusing to start`);
  }
  return { image, bytes: buf.length, at };
}

/**
 * Record framing shared by the journal and the snapshot: `[length u32 LE][crc32 u32 LE][payload]`
 * where the payload is one BSON document (whose own first four bytes repeat the length).
 *
 * Journal files are pre-allocated with zeros (journal-file.ts), so a zero length word where a
 * record would start ends the log, provided every byte after it is zero too. Records are never
 * written past a gap (one write in flight, appended in order), so a non-zero byte after that
 * point is damage and refused, like a valid record after a bad one.
 *
 * Reading tells a torn tail from corruption: a bad record with no valid record anywhere after it
 * (typically followed only by zeros) is what a crash in the middle of an append leaves (nothing
 * after it was ever acknowledged, since appends are written and synced in order), so it is cut
 * off; a bad record followed by a valid one means bytes changed after they were written, and
 * start-up refuses rather than silently dropping acknowledged writes.
 */
import { crc32 } from './crc32.js';

const HEADER = 8;
/** No record is larger than a 16 MB document plus its envelope; a bigger length is garbage. */
export const MAX_RECORD = 20 * 1024 * 1024;

/** Frames one BSON payload. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  out.set(payload, HEADER);
  return out;
}

/** Why the record at `o` is not valid, or null if it is. */
function invalidAt(buf: Buffer, o: number): string | null {
  if (buf.length - o < HEADER) return 'incomplete record header';
  const len = buf.readUInt32LE(o);
  if (len < 5 || len > MAX_RECORD) return `implausible record length ${len}`;
  if (o + HEADER + len > buf.length) return 'incomplete record';
  if (buf.readUInt32LE(o + HEADER) !== len) return 'record length does not match its BSON length';
  if (crc32(buf, o + HEADER, o + HEADER + len) !== buf.readUInt32LE(o + 4)) return 'checksum mismatch';
  return null;
}

/** Whether any valid record starts after `from` (cheap filter first: length == BSON length). */
function validRecordAfter(buf: Buffer, from: number): number {
  for (let p = from + 1; p + HEADER + 5 <= buf.length; p++) {
    const len = buf.readUInt32LE(p);
    if (len < 5 || len > MAX_RECORD || p + HEADER + len > buf.length) continue;
    if (buf.readUInt32LE(p + HEADER) !== len) continue;
    if (invalidAt(buf, p) === null) return p;
  }
  return -1;
}

const ZERO_RUN = Buffer.alloc(64 * 1024);

/** Offset of the first non-zero byte at or after `from`, or -1. */
export function firstNonZero(buf: Buffer, from: number): number {
  for (let p = from; p < buf.length; p += ZERO_RUN.length) {
    const end = Math.min(buf.length, p + ZERO_RUN.length);
    if (buf.subarray(p, end).equals(ZERO_RUN.subarray(0, end - p))) continue;
    for (let i = p; i < end; i++) if (buf[i] !== 0) return i;
  }
  return -1;
}

export interface ScanResult {
  /** Offset just past the last valid record. */
  validEnd: number;
  /** Bytes of torn tail after `validEnd` (0 when the file ends cleanly, zeros or not). */
  tornBytes: number;
}

/** Thrown when a file holds a corrupt record followed by valid ones (or by other non-zero data). */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    reason: string,
  ) {
    super(
      `Corrupt record in ${file} at byte offset ${offset} (${reason}); data follows it, so ` +
        'this is damage, not a torn write. Refusing to start: restore the file from a backup or ' +
        'truncate it at that offset to accept losing the writes after it.',
    );
    this.name = 'CorruptFileError';
  }
}

/**
 * Calls `onRecord(payload, offset)` for each valid record in order. A torn tail is reported in the
 * result; a corrupt record in the middle throws CorruptFileError naming the file and offset.
 */
export function scanFrames(buf: Buffer, file: string, onRecord: (payload: Buffer, offset: number) => void): ScanResult {
  let o = 0;
  while (o < buf.length) {
    if (buf.length - o < 4 ? firstNonZero(buf, o) < 0 : buf.readUInt32LE(o) === 0) {
      // The pre-allocated zeros: the end of the log, if nothing but zeros follows.
      const stray = firstNonZero(buf, o);
      if (stray >= 0) {
        throw new CorruptFileError(file, o, `a zero length word, yet non-zero data follows at byte offset ${stray}`);
      }
      return { validEnd: o, tornBytes: 0 };
    }
    const bad = invalidAt(buf, o);
    if (bad !== null) {
      if (validRecordAfter(buf, o) >= 0) throw new CorruptFileError(file, o, bad);
      return { validEnd: o, tornBytes: buf.length - o };
    }
    const len = buf.readUInt32LE(o);
    onRecord(buf.subarray(o + HEADER, o + HEADER + len), o);
    o += HEADER + len;
  }
  return { validEnd: o, tornBytes: 0 };
}

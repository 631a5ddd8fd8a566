/**
 * Record framing shared by the journal and the snapshot: `[length u32 LE][crc32 u32 LE][payload]`
 * where the payload is one BSON document (whose own first four bytes repeat the length).
 *
 * Reading tells a torn tail from corruption: a bad record with no valid record anywhere after it
 * is what a crash in the middle of an append leaves (nothing after it was ever acknowledged, since
 * appends are written and fsynced in order), so it is cut off; a bad record followed by a valid
 * one means bytes changed after they were written, and start-up refuses rather than silently
 * dropping acknowledged writes.
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

export interface ScanResult {
  /** Offset just past the last valid record. */
  validEnd: number;
  /** Bytes of torn tail after `validEnd` (0 when the file ends cleanly). */
  tornBytes: number;
}

/** Thrown when a file holds a corrupt record followed by valid ones. */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    reason: string,
  ) {
    super(
      `Corrupt record in ${file} at byte offset ${offset} (${reason}); valid records follow it, so ` +
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

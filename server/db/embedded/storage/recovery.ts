/**
 * Start-up recovery: find the snapshot and the journal files after it, and replay the journals in
 * order. A torn tail (crash during an append) is cut off; damage in the middle refuses to start.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { decodeDocument } from '../codec.js';
import type { Doc } from './api.js';
import { CorruptFileError, scanFrames } from './framing.js';
import { journalFileName, parseJournalSeq } from './journal.js';

/** Journal sequence numbers present in `dir`, ascending. */
export async function listJournals(dir: string): Promise<number[]> {
  const names = await fsp.readdir(dir);
  return names
    .map(parseJournalSeq)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
}

export interface ReplayResult {
  /** Bytes of valid records kept in the file. */
  bytes: number;
  records: number;
  tornBytes: number;
}

/** Whether a journal file holds any record (a pre-allocated file can be all zeros). */
async function holdsRecords(file: string): Promise<boolean> {
  const fh = await fsp.open(file, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead > 0 && buffer.subarray(0, bytesRead).some((b) => b !== 0);
  } finally {
    await fh.close();
  }
}

/**
 * Replays one journal file through `apply`. A torn tail is truncated away (when `isLast`) so the
 * file ends on a record boundary; in an earlier file it would mean later files hold writes made
 * after a lost one, which the writer never does, so it is reported as damage. The pre-allocated
 * zeros after the last record are trimmed too (the file is never written again).
 */
export async function replayJournal(
  file: string,
  isLast: boolean,
  apply: (record: Doc) => void,
  log: (msg: string, extra?: object) => void,
): Promise<ReplayResult> {
  const buf = await fsp.readFile(file);
  let records = 0;
  const scan = scanFrames(buf, file, (payload, offset) => {
    let rec: Doc;
    try {
      rec = decodeDocument(payload);
    } catch (err) {
      throw new CorruptFileError(file, offset, `undecodable record: ${(err as Error).message}`);
    }
    try {
      apply(rec);
    } catch (err) {
      throw new Error(`Journal ${file}: the record at byte offset ${offset} cannot be applied: ${(err as Error).message}`, {
        cause: err,
      });
    }
    records++;
  });
  if (scan.tornBytes > 0) {
    if (!isLast) {
      throw new CorruptFileError(file, scan.validEnd, 'incomplete record in a journal that later journals follow');
    }
    log('journal ends with a torn record (crash during a write); ignoring it', {
      file: path.basename(file),
      offset: scan.validEnd,
      bytes: scan.tornBytes,
    });
  }
  if (buf.length > scan.validEnd) {
    // Torn bytes and pre-allocated zeros go. fsynced, so a later OS crash cannot bring torn
    // bytes back once newer journals exist.
    const fh = await fsp.open(file, 'r+');
    try {
      await fh.truncate(scan.validEnd);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
  return { bytes: scan.validEnd, records, tornBytes: scan.tornBytes };
}

/**
 * Replays every journal after the snapshot's `covered` sequence, in order, and deletes the ones it
 * covers (left over from a crash between the snapshot's rename and their deletion). Returns the
 * bytes kept per live journal and the highest sequence seen.
 */
export async function replayJournals(
  dir: string,
  covered: number,
  apply: (record: Doc) => void,
  log: (msg: string, extra?: object) => void,
): Promise<{ live: Map<number, number>; maxSeq: number }> {
  const seqs = await listJournals(dir);
  const holds = await Promise.all(seqs.map((s) => holdsRecords(path.join(dir, journalFileName(s)))));
  const live = new Map<number, number>();
  for (let i = 0; i < seqs.length; i++) {
    const file = path.join(dir, journalFileName(seqs[i]));
    if (seqs[i] <= covered) {
      await fsp.rm(file, { force: true });
      continue;
    }
    // "Last" means no later journal holds records (an empty or all-zero later file is harmless).
    const isLast = holds.slice(i + 1).every((h) => !h);
    const r = await replayJournal(file, isLast, apply, log);
    live.set(seqs[i], r.bytes);
  }
  return { live, maxSeq: seqs.length ? seqs[seqs.length - 1] : 0 };
}

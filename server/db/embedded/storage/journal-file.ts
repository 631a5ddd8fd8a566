/**
 * One journal file, pre-allocated. The file is extended ahead of the records in chunks of real
 * zeros (written and fdatasynced once per chunk), and records are then written over those zeros
 * through an O_DSYNC descriptor. Because a routine append neither changes the file's size nor
 * allocates blocks, each durable write is one data flush with no filesystem-journal commit (on
 * ext4 an append's size change forces one, shared with every other process on the disk), and
 * `write` returning means the bytes are on disk: one thread-pool round trip instead of two.
 *
 * On disk this means a journal is its records followed by zeros; recovery reads the first zero
 * length word as the end of the log (see framing.ts).
 */
import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';

/** First extension; later ones double up to MAX_CHUNK (small data dirs stay small). */
const FIRST_CHUNK = 256 * 1024;
const MAX_CHUNK = 8 * 1024 * 1024;
/** Zeros are written from this buffer, reused (allocated on first use). */
const ZERO_WRITE = 1024 * 1024;
let zeros: Buffer | null = null;
/** Undefined where the platform has no O_DSYNC (Windows): each write is then followed by datasync. */
const O_DSYNC: number | undefined = constants.O_DSYNC;

/** fsyncs a directory so a created, renamed or deleted entry in it survives a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function writeAll(fh: fsp.FileHandle, buf: Buffer, position: number): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, position + off);
    off += bytesWritten;
  }
}

export class JournalFile {
  /** Where the next record goes (end of the records written so far). */
  private pos = 0;
  /** Bytes of zeros on disk (file size). */
  private allocated = 0;

  private constructor(
    private readonly file: string,
    private readonly fh: fsp.FileHandle,
  ) {}

  /** Creates a new journal file (never reuses one: O_EXCL) and makes its directory entry durable. */
  static async create(dir: string, name: string): Promise<JournalFile> {
    const file = path.join(dir, name);
    const flags = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | (O_DSYNC ?? 0);
    const fh = await fsp.open(file, flags, 0o644);
    try {
      await fsyncDir(dir); // the new file's directory entry must survive a crash too
    } catch (err) {
      await fh.close();
      throw err;
    }
    return new JournalFile(file, fh);
  }

  /** Writes `buf` after the previous records; resolves once it is on disk (O_DSYNC). */
  async append(buf: Buffer): Promise<void> {
    if (this.pos + buf.length > this.allocated) await this.extend(this.pos + buf.length);
    await writeAll(this.fh, buf, this.pos);
    if (O_DSYNC === undefined) await this.fh.datasync();
    this.pos += buf.length;
  }

  /**
   * Grows the file with zeros to at least `need` bytes. Written through a plain descriptor (so
   * the chunk is not flushed one write at a time) and fdatasynced once, which also makes the new
   * size durable; only then may records be written over it.
   */
  private async extend(need: number): Promise<void> {
    let size = this.allocated + Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK, this.allocated));
    while (size < need) size += MAX_CHUNK;
    zeros ??= Buffer.alloc(ZERO_WRITE);
    const fh = await fsp.open(this.file, 'r+');
    try {
      for (let p = this.allocated; p < size; p += ZERO_WRITE) {
        await writeAll(fh, zeros.subarray(0, Math.min(ZERO_WRITE, size - p)), p);
      }
      await fh.datasync();
    } finally {
      await fh.close();
    }
    this.allocated = size;
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

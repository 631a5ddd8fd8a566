/**
 * Durability under SIGKILL: a child writes acknowledged documents and is killed at random moments;
 * every restart must take over the stale lock and hold every acknowledged write. Then journal
 * damage: a torn tail is ignored, a flipped byte in the middle refuses to start, naming the file.
 * These tests start engines of their own on temporary data directories.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embedded/index.js';
import { ackedIds, cleanupWriter, prepareWriter, startWriter } from './helpers/child.js';
import { rejectionOf } from './helpers/db.js';

const ROUNDS = 20;
const dirs: string[] = [];

function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `atelier-crash-${label}-`));
  dirs.push(dir);
  return dir;
}
beforeAll(async () => {
  await prepareWriter();
}, 30_000);
afterAll(() => {
  cleanupWriter();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic PRNG (mulberry32) so a failing schedule can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ids present in crash_test.acked, checking there are no duplicates. */
async function storedIds(uri: string): Promise<Set<string>> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const docs = await client
      .db('crash_test')
      .collection('acked')
      .find({}, { projection: { _id: 1 } })
      .toArray();
    const ids = docs.map((d) => String(d._id));
    expect(new Set(ids).size).toBe(ids.length);
    return new Set(ids);
  } finally {
    await client.close();
  }
}

function journalFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /journal/i.test(f) && statSync(path.join(dir, f)).size > 0)
    .sort();
}

describe('SIGKILL at random moments', () => {
  it(`keeps every acknowledged write across ${ROUNDS} kills`, async () => {
    const dir = tempDir('rounds');
    const random = prng(20261125);
    const acked = new Set<string>();
    let killedWithWrites = 0;
    for (let round = 0; round <= ROUNDS; round += 1) {
      const writer = startWriter(dir, 'concurrent', `r${round}`);
      try {
        const { uri, owned } = await writer.ready;
        expect(owned).toBe(true); // a stale lock from the killed pid was taken over
        const stored = await storedIds(uri);
        const missing = [...acked].filter((id) => !stored.has(id));
        expect({ round, missing: missing.slice(0, 10), missingCount: missing.length }).toEqual({
          round,
          missing: [],
          missingCount: 0,
        });
        if (round === ROUNDS) break;
        writer.go();
        // kill at a random moment once writes flow (timed from GO, a loaded machine would often
        // kill before the child's client has even connected)
        await writer.firstAck(15_000);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
      } finally {
        await writer.kill();
      }
      const ids = ackedIds(writer);
      if (ids.length > 0) killedWithWrites += 1;
      for (const id of ids) acked.add(id);
      if (round % 5 === 4) {
        // now and then a clean start and stop in between: stop() snapshots and truncates the
        // journal, so later kills land on a directory holding a snapshot plus a fresh journal
        const engine = await startEmbeddedMongo({ dbPath: dir, port: 0 });
        try {
          expect(engine.owned).toBe(true);
          const present = await storedIds(engine.uri);
          expect([...acked].filter((id) => !present.has(id))).toEqual([]);
        } finally {
          await engine.stop();
        }
      }
    }
    expect(acked.size).toBeGreaterThan(0);
    expect(killedWithWrites).toBe(ROUNDS);
  }, 90_000);
});

describe('the data directory lock', () => {
  it('a second opener of a running directory connects to the owner instead', async () => {
    const dir = tempDir('lock');
    const writer = startWriter(dir, 'count:3', 'lock');
    try {
      const { uri } = await writer.ready;
      writer.go();
      await writer.printed('DONE', 15_000);
      const second = await startEmbeddedMongo({ dbPath: dir, port: 0 });
      try {
        expect(second.owned).toBe(false);
        expect(second.uri).toBe(uri);
        expect((await storedIds(second.uri)).size).toBe(3);
      } finally {
        await second.stop();
      }
      // stopping a non-owner must leave the owner running
      expect((await storedIds(uri)).size).toBe(3);
    } finally {
      await writer.kill();
    }
  }, 40_000);
});

/**
 * Where the written records of a journal end: frames are `[length u32][crc32 u32][payload]`
 * followed by pre-allocated zeros, so walk the lengths until a zero length word.
 */
function recordsEnd(bytes: Buffer): number {
  let o = 0;
  while (o + 8 <= bytes.length) {
    const len = bytes.readUInt32LE(o);
    if (len === 0) break;
    o += 8 + len;
  }
  if (o < 200) throw new Error(`journal holds too few records to damage (ends at ${o})`);
  return Math.min(o, bytes.length);
}

describe('journal damage', () => {
  /** Writes `n` documents in a child, SIGKILLs it (no clean stop), and returns the journal path. */
  async function killedAfterWrites(
    label: string,
    n: number,
  ): Promise<{ dir: string; journal: string }> {
    const dir = tempDir(label);
    const writer = startWriter(dir, `count:${n}`, label);
    try {
      await writer.ready;
      writer.go();
      await writer.printed('DONE', 20_000);
    } finally {
      await writer.kill();
    }
    const journals = journalFiles(dir);
    if (journals.length === 0)
      throw new Error(`no non-empty journal file in ${dir}: ${readdirSync(dir).join(', ')}`);
    return { dir, journal: path.join(dir, journals[journals.length - 1]) };
  }

  it('a torn tail is ignored and the earlier records are kept', async () => {
    const n = 200;
    const { dir, journal } = await killedAfterWrites('torn', n);
    // journals are pre-allocated with zeros: tear the last record itself, not the padding
    const end = recordsEnd(readFileSync(journal));
    truncateSync(journal, end - 5);
    const engine = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    try {
      expect(engine.owned).toBe(true);
      const ids = await storedIds(engine.uri);
      // the last record lost its tail; everything before it must be there
      for (let i = 0; i < n - 1; i += 1)
        expect(ids.has(`torn-${String(i).padStart(5, '0')}`)).toBe(true);
      const client = new MongoClient(engine.uri);
      try {
        await client
          .db('crash_test')
          .collection('acked')
          .insertOne({ _id: 'after-torn' } as never);
      } finally {
        await client.close();
      }
    } finally {
      await engine.stop();
    }
    // the repaired directory opens again with the new write in it
    const again = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    try {
      expect((await storedIds(again.uri)).has('after-torn')).toBe(true);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('a flipped byte in the middle refuses to start, naming the file and offset', async () => {
    const { dir, journal } = await killedAfterWrites('flip', 200);
    const bytes = readFileSync(journal);
    // the middle of the written records, not of the zero padding after them
    const middle = Math.floor(recordsEnd(bytes) / 2);
    bytes[middle] ^= 0xff;
    writeFileSync(journal, bytes);
    const err = await rejectionOf(startEmbeddedMongo({ dbPath: dir, port: 0 }));
    expect(err.message).toContain(path.basename(journal));
    expect(err.message).toMatch(/offset\D{0,20}\d+/i);
  }, 60_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { Double, Long, ObjectId } from 'bson';
import { createStorageEngine } from '../../../server/db/embedded/storage/index.js';
import { journalFiles, openEngine, removeTempDirs, tempDir } from './storage-helpers.js';

afterAll(removeTempDirs);

/** Where the records of a journal end (the pre-allocated zeros start), walking the frames. */
function recordsEnd(bytes: Buffer): number {
  let o = 0;
  while (o + 4 <= bytes.length && bytes.readUInt32LE(o) !== 0) o += 8 + bytes.readUInt32LE(o);
  return o;
}

describe('storage durability', () => {
  it('keeps documents, types, indexes and collection options across close and reopen', async () => {
    const { engine, dir } = await openEngine();
    const c = engine.createCollection('app', 'things', { validator: { a: { $exists: true } } });
    const uuid = c.info.uuid;
    c.createIndex({ name: 'n_1', key: { n: 1 }, unique: true, expireAfterSeconds: 3600 });
    const oid = new ObjectId();
    const when = new Date('2025-03-01T10:00:00Z');
    c.insert({ _id: oid, n: Long.fromString('9007199254740993'), d: new Double(5), at: when, tags: ['x'] });
    c.insert({ _id: 'two', n: 2 });
    c.replace({ _id: 'two', n: 3, changed: true });
    engine.ensureCollection('other', 'gone').insert({ _id: 1 });
    engine.dropDatabase('other');
    await engine.sync();
    await engine.close();

    const again = createStorageEngine({ dbPath: dir });
    await again.open();
    const c2 = again.getCollection('app', 'things');
    expect(c2).toBeDefined();
    expect(c2!.info.options).toEqual({ validator: { a: { $exists: true } } });
    expect(String(c2!.info.uuid)).toBe(String(uuid));
    const doc = c2!.getById(oid)!;
    expect(doc.n).toBeInstanceOf(Long);
    expect(String(doc.n)).toBe('9007199254740993');
    expect(doc.d).toBeInstanceOf(Double);
    expect(doc.at).toEqual(when);
    expect(Object.keys(doc)[0]).toBe('_id');
    expect(c2!.getById('two')).toEqual({ _id: 'two', n: 3, changed: true });
    expect(c2!.listIndexes()[1]).toEqual({ v: 2, key: { n: 1 }, name: 'n_1', unique: true, expireAfterSeconds: 3600 });
    expect(() => c2!.insert({ _id: 'three', n: 3 })).toThrow(/E11000/);
    expect(again.listDatabases().map((d) => d.name)).toEqual(['app']);
    await again.close();
  });

  it('replays the journal after a crash (no close) and shares fsyncs between writers', async () => {
    const { engine, dir } = await openEngine();
    const c = engine.ensureCollection('app', 'log');
    // 8 concurrent writers, each awaiting durability before the next write, as the wire layer does.
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 50; i++) {
          c.insert({ _id: `${w}-${i}`, w, i });
          await engine.sync();
        }
      }),
    );
    c.remove('0-0');
    engine.renameCollection('app', 'log', 'app', 'journal', false);
    await engine.sync();
    expect(fs.existsSync(path.join(dir, 'snapshot.bin'))).toBe(false);
    const stats = engine.stats();
    expect(stats.journalRecords).toBe(403);
    expect(stats.journalFsyncs).toBeLessThan(403); // concurrent writers shared fsyncs

    // Simulated SIGKILL: the first engine stops without close().
    await engine.abandon();
    const { engine: after } = await openEngine(dir);
    const j = after.getCollection('app', 'journal')!;
    expect(after.getCollection('app', 'log')).toBeUndefined();
    expect(j.count()).toBe(399);
    expect(j.getById('7-49')).toEqual({ _id: '7-49', w: 7, i: 49 });
    expect(j.getById('0-0')).toBeUndefined();
    await after.close();
  });

  it('pre-allocates the journal: routine appends do not change its size', async () => {
    const { engine, dir } = await openEngine();
    const c = engine.ensureCollection('app', 'p');
    c.insert({ _id: 0 });
    await engine.sync();
    const file = path.join(dir, journalFiles(dir)[0]);
    const size = fs.statSync(file).size;
    for (let i = 1; i < 50; i++) {
      c.insert({ _id: i, text: 'x'.repeat(50) });
      await engine.sync();
    }
    expect(fs.statSync(file).size).toBe(size);
    const bytes = fs.readFileSync(file);
    const end = recordsEnd(bytes);
    expect(end).toBeGreaterThan(50 * 60);
    expect(end).toBeLessThan(size);
    expect(bytes.subarray(end).every((b) => b === 0)).toBe(true);
    await engine.abandon();
    const { engine: after } = await openEngine(dir);
    expect(after.getCollection('app', 'p')!.count()).toBe(50);
    await after.close();
  });

  it('extends the pre-allocated journal as it fills and replays across the extensions', async () => {
    const { engine, dir } = await openEngine();
    const c = engine.ensureCollection('app', 'grow');
    for (let i = 0; i < 4000; i++) {
      c.insert({ _id: i, text: 'g'.repeat(200) });
      if (i % 500 === 499) await engine.sync();
    }
    await engine.sync();
    const file = path.join(dir, journalFiles(dir)[0]);
    const bytes = fs.readFileSync(file);
    expect(recordsEnd(bytes)).toBeGreaterThan(4000 * 200);
    expect(bytes.length).toBeGreaterThan(512 * 1024); // grown past the first chunks
    expect(bytes.subarray(recordsEnd(bytes)).every((b) => b === 0)).toBe(true);
    await engine.abandon();
    const { engine: after } = await openEngine(dir);
    expect(after.getCollection('app', 'grow')!.count()).toBe(4000);
    expect(after.getCollection('app', 'grow')!.getById(3999)).toEqual({ _id: 3999, text: 'g'.repeat(200) });
    await after.close();
  });

  it('ignores and truncates a torn final record followed by the pre-allocated zeros', async () => {
    const { engine, dir } = await openEngine();
    const c = engine.ensureCollection('app', 't');
    for (let i = 0; i < 10; i++) c.insert({ _id: i, text: 'x'.repeat(50) });
    await engine.sync();
    const [file] = journalFiles(dir);
    const bytes = fs.readFileSync(path.join(dir, file));
    const end = recordsEnd(bytes);
    // A crash in the middle of the next append: a header and half a payload, zeros after it.
    bytes.writeUInt32LE(200, end);
    bytes.writeUInt32LE(12345, end + 4);
    bytes.writeUInt32LE(200, end + 8);
    bytes.fill(0x61, end + 12, end + 30);
    fs.writeFileSync(path.join(dir, file), bytes);
    await engine.abandon();

    const { engine: after, logs } = await openEngine(dir);
    expect(after.getCollection('app', 't')!.count()).toBe(10);
    expect(logs.some((l) => /torn/.test(l))).toBe(true);
    expect(fs.statSync(path.join(dir, file)).size).toBe(end);
    after.getCollection('app', 't')!.insert({ _id: 10 });
    await after.sync();
    await after.close();
    const { engine: third } = await openEngine(dir);
    expect(third.getCollection('app', 't')!.count()).toBe(11);
    await third.close();
  });

  it('refuses a non-zero byte after the end of the records, naming the file and offset', async () => {
    const { engine, dir } = await openEngine();
    const c = engine.ensureCollection('app', 'z');
    for (let i = 0; i < 10; i++) c.insert({ _id: i });
    await engine.sync();
    const file = path.join(dir, journalFiles(dir)[0]);
    const bytes = fs.readFileSync(file);
    const end = recordsEnd(bytes);
    bytes[end + 5000] = 0x01;
    fs.writeFileSync(file, bytes);
    await engine.abandon();

    const broken = createStorageEngine({ dbPath: dir });
    await expect(broken.open()).rejects.toThrow(`Corrupt record in ${file} at byte offset ${end}`);
  });

  it('refuses a record lost in the middle (zeroed header) before valid ones', async () => {
    const { engine, dir } = await openEngine();
    const c = engine.ensureCollection('app', 'h');
    for (let i = 0; i < 10; i++) c.insert({ _id: i, text: 'payload-' + i });
    await engine.sync();
    const file = path.join(dir, journalFiles(dir)[0]);
    const bytes = fs.readFileSync(file);
    let third = 0;
    for (let k = 0; k < 2; k++) third += 8 + bytes.readUInt32LE(third);
    bytes.fill(0, third, third + 8);
    fs.writeFileSync(file, bytes);
    await engine.abandon();

    const broken = createStorageEngine({ dbPath: dir });
    await expect(broken.open()).rejects.toThrow(`Corrupt record in ${file} at byte offset ${third}`);
  });

  it('refuses to start on a flipped byte mid-journal, naming the file and offset', async () => {
    const { engine, dir } = await openEngine();
    const c = engine.ensureCollection('app', 'f');
    for (let i = 0; i < 10; i++) c.insert({ _id: i, text: 'payload-' + i });
    await engine.sync();
    const file = path.join(dir, journalFiles(dir)[0]);
    const bytes = fs.readFileSync(file);
    // Find the third record's offset by walking the frames.
    let offset = 0;
    for (let k = 0; k < 2; k++) offset += 8 + bytes.readUInt32LE(offset);
    bytes[offset + 8 + 20] ^= 0x5a;
    fs.writeFileSync(file, bytes);
    await engine.abandon();

    const broken = createStorageEngine({ dbPath: dir });
    await expect(broken.open()).rejects.toThrow(`Corrupt record in ${file} at byte offset ${offset}`);
  });

  it('snapshots in the background when the journal grows, rotates it, and recovers from both', async () => {
    const { engine, dir } = await openEngine(tempDir(), { journalLimitBytes: 64 * 1024 });
    const c = engine.ensureCollection('app', 'big');
    c.createIndex({ name: 'k_1', key: { k: 1 } });
    for (let i = 0; i < 3000; i++) {
      c.insert({ _id: i, k: i % 100, pad: 'y'.repeat(40) });
      if (i % 100 === 99) await engine.sync();
    }
    await engine.sync();
    await engine.flushSnapshot();
    const stats = engine.stats();
    expect(stats.lastSnapshotAt).not.toBeNull();
    expect(stats.snapshotBytes).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, 'snapshot.bin'))).toBe(true);
    expect(journalFiles(dir).length).toBeLessThanOrEqual(2);
    c.remove(0);
    await engine.sync();

    await engine.abandon(); // crash: no close
    const { engine: after } = await openEngine(dir);
    const big = after.getCollection('app', 'big')!;
    expect(big.count()).toBe(2999);
    expect(big.plan({ k: 5 })).toBe('k_1');
    expect([...big.candidates({ k: 5 })]).toHaveLength(30);
    await after.close();
    expect(journalFiles(dir)).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'snapshot.tmp'))).toBe(false);
  });

  it('ignores a leftover temporary snapshot from a crash during a snapshot', async () => {
    const { engine, dir } = await openEngine();
    engine.ensureCollection('app', 'a').insert({ _id: 1 });
    await engine.sync();
    fs.writeFileSync(path.join(dir, 'snapshot.tmp'), Buffer.from('half a snapshot'));
    await engine.abandon();
    const { engine: after } = await openEngine(dir);
    expect(after.getCollection('app', 'a')!.count()).toBe(1);
    await after.close();
  });
});

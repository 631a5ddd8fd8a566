/**
 * The engine's own life cycle, on private data directories: restart keeps documents, indexes and
 * collection options; idle cursors time out; `npm run db` (cli.ts) serves in the foreground and
 * stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient, MongoServerError } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embedded/index.js';
import { rejectionOf, serverErrorOf, type AnyDoc } from './helpers/db.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'atelier-lifecycle-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(uri: string, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe('restart', () => {
  it('keeps documents, indexes and collection options across stop() and start', async () => {
    const dir = tempDir();
    const first = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    expect(first.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+/);
    await withClient(first.uri, async (client) => {
      const db = client.db('lifecycle_test');
      await db.createCollection('opts', { capped: true, size: 4096 });
      const users = db.collection<AnyDoc>('users');
      await users.createIndex({ email: 1 }, { unique: true });
      await users.createIndex({ expires: 1 }, { expireAfterSeconds: 3600 });
      await users.insertMany([
        { _id: 1, email: 'a@x' },
        { _id: 2, email: 'b@x' },
      ]);
      await users.updateOne({ _id: 2 }, { $set: { name: 'B' } });
      await users.deleteOne({ _id: 1 });
    });
    await first.stop();

    const second = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    try {
      await withClient(second.uri, async (client) => {
        const db = client.db('lifecycle_test');
        const users = db.collection<AnyDoc>('users');
        expect(await users.find().toArray()).toEqual([{ _id: 2, email: 'b@x', name: 'B' }]);
        const indexes = await users.listIndexes().toArray();
        expect(indexes.map((i) => i.name)).toEqual(['_id_', 'email_1', 'expires_1']);
        expect(indexes[2].expireAfterSeconds).toBe(3600);
        expect((await serverErrorOf(users.insertOne({ email: 'b@x' }))).code).toBe(11000);
        const [opts] = await db.listCollections({ name: 'opts' }).toArray();
        expect((opts as { options?: AnyDoc }).options).toMatchObject({ capped: true, size: 4096 });
      });
    } finally {
      await second.stop();
    }
  });
});

describe('cursor time-out', () => {
  it('forgets an idle cursor after cursorTimeoutMs (getMore answers CursorNotFound)', async () => {
    const engine = await startEmbeddedMongo({ dbPath: tempDir(), port: 0, cursorTimeoutMs: 300 });
    try {
      await withClient(engine.uri, async (client) => {
        const coll = client.db('lifecycle_test').collection<AnyDoc>('many');
        await coll.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i })));
        const busy = coll.find({}, { batchSize: 2 });
        const idle = coll.find({}, { batchSize: 2 });
        await busy.next();
        await idle.next();
        // keep one cursor in use while the other sits idle well past the time-out
        for (let i = 0; i < 8; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 150));
          expect(await busy.next()).not.toBeNull();
        }
        await new Promise((resolve) => setTimeout(resolve, 1200));
        const err = await rejectionOf(idle.toArray());
        expect(err).toBeInstanceOf(MongoServerError);
        expect((err as MongoServerError).code).toBe(43);
        await busy.close();
      });
    } finally {
      await engine.stop();
    }
  });
});

describe('npm run db (cli.ts)', () => {
  it('prints its address, serves the driver, and exits 0 on SIGTERM with the data flushed', async () => {
    const dir = tempDir();
    const here = path.dirname(fileURLToPath(import.meta.url));
    const cli = path.resolve(here, '..', '..', 'server', 'db', 'embedded', 'cli.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, '--dbpath', dir, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let out = '';
    const uri = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening on" line: ${out}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (mongodb:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    try {
      await withClient(uri, async (client) => {
        await client.db('lifecycle_test').collection<AnyDoc>('cli').insertOne({ _id: 'kept' });
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const again = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    try {
      const doc = await withClient(again.uri, (client) =>
        client.db('lifecycle_test').collection<AnyDoc>('cli').findOne({ _id: 'kept' }),
      );
      expect(doc).toEqual({ _id: 'kept' });
    } finally {
      await again.stop();
    }
  }, 40_000);
});

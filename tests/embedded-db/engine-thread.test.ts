/**
 * The engine in its own worker thread (how `npm start` runs it): the same files and protocol as
 * in-process, acknowledged writes survive a stop, a second start on the same directory finds the
 * running engine, and a bad data directory is reported instead of hanging.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embedded/index.js';
import { startEmbeddedMongoThread } from '../../server/db/embedded/thread.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'atelier-thread-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the engine in a worker thread', () => {
  it('serves the driver, keeps acknowledged writes, and hands over to an in-process engine', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const engine = await startEmbeddedMongoThread({
      dbPath: dir,
      port: 0,
      logger: {
        info: (m) => lines.push(m),
        warn: (m) => lines.push(m),
        error: (m) => lines.push(m),
      },
    });
    expect(engine.owned).toBe(true);
    expect(lines.join('\n')).toContain('listening on');

    // A second start on the same directory (a CLI script) finds the running engine.
    const second = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    expect(second).toMatchObject({ owned: false, uri: engine.uri });

    const client = await MongoClient.connect(engine.uri);
    await client
      .db('t')
      .collection<{ _id: number; text: string }>('notes')
      .insertMany([
        { _id: 1, text: 'kept' },
        { _id: 2, text: 'also kept' },
      ]);
    await client.close();
    await engine.stop();

    const reopened = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    const again = await MongoClient.connect(reopened.uri);
    expect(await again.db('t').collection('notes').find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, text: 'kept' },
      { _id: 2, text: 'also kept' },
    ]);
    await again.close();
    await reopened.stop();
  });

  it('also listens on a Unix socket for its own process, removed when it stops', async () => {
    const dir = tempDir();
    const engine = await startEmbeddedMongoThread({ dbPath: dir, port: 0, localSocket: true });
    const socket = path.join(dir, 'mongod.sock');
    expect(engine.localUri).toBe(`mongodb://${encodeURIComponent(socket)}/?directConnection=true`);
    // Other processes are pointed at the TCP address.
    expect(readFileSync(path.join(dir, 'mongod.lock'), 'utf8')).toContain(engine.uri);
    const client = await MongoClient.connect(engine.localUri);
    await client.db('t').collection('notes').insertOne({ text: 'over the socket' });
    await client.close();
    const tcp = await MongoClient.connect(engine.uri);
    expect(
      await tcp
        .db('t')
        .collection('notes')
        .findOne({}, { projection: { _id: 0 } }),
    ).toEqual({ text: 'over the socket' });
    await tcp.close();
    await engine.stop();
    expect(existsSync(socket)).toBe(false);
  });

  it('rejects with the reason when the engine cannot start', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    await expect(startEmbeddedMongoThread({ dbPath: file, port: 0 })).rejects.toThrow(
      /not-a-directory|ENOTDIR|EEXIST/,
    );
  });

  it('leaves no lock behind when its process exits abruptly', () => {
    const dir = tempDir();
    const thread = fileURLToPath(new URL('../../server/db/embedded/thread.ts', import.meta.url));
    const script = `const { startEmbeddedMongoThread } = await import(${JSON.stringify(thread)});
      await startEmbeddedMongoThread({ dbPath: ${JSON.stringify(dir)}, port: 0 });
      process.exit(3);`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(3);
    expect(existsSync(path.join(dir, 'mongod.lock'))).toBe(false);
  });
});

/**
 * The test database: mongoose's default connection (the one every model uses), with a database
 * of its own per test file, named so the guard below can tell it is a test database.
 *
 * On the embedded engine each test file runs an engine of its own in its process, as the server
 * does, with the change counters that keep the read caches (server/db/read-cache.ts) exact: the
 * suite runs with the caches on, as an install does. `testMongoUri()` is the address in use, for
 * tests that start CLI scripts against it. With MONGODB_URI set, tests use that server and the
 * caches stay off, as on such an install.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { ChangeCounters } from '../../server/db/embedded/change-counters.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embedded/index.js';
import { WATCHED_FIELDS, watchChanges } from '../../server/db/read-cache.js';

const worker = process.env.JEST_WORKER_ID ?? '0';
/** One database per test file (jest gives each file its own module registry). */
export const testDbName = `atelier_test_${worker}_${randomBytes(4).toString('hex')}`;

/** Refuses to touch any database whose name does not say it is a test database. */
export function assertTestDatabase(name: string): void {
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to use database "${name}" in tests: its name must contain "test"`);
  }
}

let connecting: Promise<Connection> | undefined;
let engine: { server: EmbeddedMongo; dbPath: string } | undefined;

/** This file's own engine (the global setup's engine marks an embedded run with TEST_DB_PATH). */
async function startFileEngine(): Promise<string> {
  const dbPath = mkdtempSync(path.join(tmpdir(), 'atelier-test-file-db-'));
  const server = await startEmbeddedMongo({
    dbPath,
    port: 0,
    changeCounters: { buffer: ChangeCounters.allocate(), fields: [...WATCHED_FIELDS] },
  });
  engine = { server, dbPath };
  watchChanges(server.changes ?? null);
  return server.uri;
}

/** This file's engine's change counters (null on MONGODB_URI), to turn the caches back on. */
export function testEngineChanges(): ChangeCounters | null {
  return engine?.server.changes ?? null;
}

/** The address this file's database is on (call after connectTestDatabase). */
export function testMongoUri(): string {
  const uri = engine?.server.uri ?? process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: run tests through jest (global setup)');
  return uri;
}

/** Connects (once per file) and returns mongoose's default connection. */
export function connectTestDatabase(): Promise<Connection> {
  connecting ??= (async () => {
    const embedded = Boolean(process.env.TEST_DB_PATH) && !process.env.MONGODB_URI;
    const uri = embedded ? await startFileEngine() : process.env.TEST_MONGODB_URI;
    if (!uri) throw new Error('TEST_MONGODB_URI is not set: run tests through jest (global setup)');
    assertTestDatabase(testDbName);
    await mongoose.connect(uri, { dbName: testDbName, serverSelectionTimeoutMS: 10_000 });
    return mongoose.connection;
  })();
  return connecting;
}

/** Empties every collection (indexes stay): call in beforeEach. */
export async function clearDatabase(): Promise<void> {
  const connection = await connectTestDatabase();
  const db = connection.db;
  if (!db) throw new Error('not connected');
  assertTestDatabase(db.databaseName);
  const collections = await db.collections();
  await Promise.all(collections.map((c) => c.deleteMany({})));
}

/** Drops this file's database and disconnects: call in afterAll. */
export async function disconnect(): Promise<void> {
  if (!connecting) return;
  const connection = await connecting;
  if (connection.db) {
    assertTestDatabase(connection.db.databaseName);
    await connection.db.dropDatabase().catch(() => undefined);
  }
  await mongoose.disconnect();
  connecting = undefined;
  if (engine) {
    watchChanges(null);
    await engine.server.stop();
    rmSync(engine.dbPath, { recursive: true, force: true });
    engine = undefined;
  }
}

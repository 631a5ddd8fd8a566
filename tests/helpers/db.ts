/**
 * The test database: mongoose's default connection (the one every model uses) on the engine the
 * jest global setup started, with a database of its own per test file, named so the guard below
 * can tell it is a test database.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';

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

/** Connects (once per file) and returns mongoose's default connection. */
export function connectTestDatabase(): Promise<Connection> {
  connecting ??= (async () => {
    const uri = process.env.TEST_MONGODB_URI;
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
}

/**
 * Connection helpers for the engine conformance suite. Every file talks to the server through the
 * official driver at TEST_MONGODB_URI (the embedded engine, or a real mongod when MONGODB_URI is
 * set), in a database of its own whose name says it is a test, dropped before and after.
 */
import { MongoClient, MongoServerError, type Db, type MongoClientOptions } from 'mongodb';

/** The server under test: set by tests/helpers/global-setup.ts. */
export function testUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri)
    throw new Error(
      'TEST_MONGODB_URI is not set: run through jest (global setup starts the engine)',
    );
  return uri;
}

/** A per-file, per-worker database name that the test-database guard accepts. */
export function testDbName(file: string): string {
  return `engine_test_${file}_${process.env.JEST_WORKER_ID ?? '0'}`;
}

export interface TestDb {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/** Connects, drops any leftover database of that name, and returns a closer that drops it again. */
export async function openTestDb(file: string, options: MongoClientOptions = {}): Promise<TestDb> {
  const client = new MongoClient(testUri(), { serverSelectionTimeoutMS: 10_000, ...options });
  await client.connect();
  const name = testDbName(file);
  if (!name.includes('test')) throw new Error(`refusing to use non-test database ${name}`);
  const db = client.db(name);
  await db.dropDatabase();
  return {
    client,
    db,
    async close() {
      await db.dropDatabase();
      await client.close();
    },
  };
}

/** Awaits a promise that must reject and returns the error (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

/** Awaits a promise that must reject with a server error and returns it. */
export async function serverErrorOf(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await rejectionOf(promise);
  if (!(error instanceof MongoServerError)) {
    throw new Error(`expected a MongoServerError, got ${error.name}: ${error.message}`);
  }
  return error;
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the last result. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * How long to wait for the TTL sweeper: the embedded engine sweeps every second or so, a real
 * mongod's TTL monitor only every 60 s.
 */
export function ttlWaitMs(): number {
  return process.env.MONGODB_URI ? 75_000 : 10_000;
}

/**
 * A schemaless document whose `_id` may be any BSON value (the suite uses numbers and strings);
 * the driver's default schema types `_id` as ObjectId. Fields are `any` as in the driver's own
 * `Document`, since the suite reads arbitrary fields back.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = { _id?: NonNullable<unknown> | null; [key: string]: any };

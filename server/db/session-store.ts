/** Sessions live in the database (connect-mongo) on mongoose's own client: one pool, one place. */
import MongoStore from 'connect-mongo';
import type { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';

export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;
const COLLECTION = 'sessions';

/**
 * The TTL index that removes expired sessions; main awaits it at start-up. Doing it here rather
 * than letting connect-mongo build it in the background means no index build is still running
 * when a quick shutdown closes the connection.
 */
export async function ensureSessionIndex(connection: Connection): Promise<void> {
  await connection.collection(COLLECTION).createIndex({ expires: 1 }, { expireAfterSeconds: 0 });
}

/** The session store (call ensureSessionIndex once at start-up so expired sessions go away). */
export function createSessionStore(connection: Connection): MongoStore {
  return MongoStore.create({
    // mongoose bundles its own copy of the driver; at run time it is the same client API.
    client: connection.getClient() as unknown as MongoClient,
    // The connection's own database (it may come from mongoose's dbName option rather than the
    // URI): otherwise sessions would land in the client's default database, away from the TTL
    // index that ensureSessionIndex builds.
    dbName: connection.db?.databaseName ?? connection.name,
    collectionName: COLLECTION,
    ttl: SESSION_TTL_SECONDS,
    autoRemove: 'disabled',
    // Without this every signed-in request rewrites its session's expiry: once an hour is enough.
    touchAfter: 60 * 60,
    stringify: false,
  });
}

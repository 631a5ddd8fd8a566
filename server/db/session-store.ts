/**
 * Sessions live in the database (connect-mongo) on mongoose's own client: one pool, one place.
 * Reads go through a read cache (read-cache.ts): with the embedded engine a signed-in request
 * reads its session from the database only after something wrote it.
 */
import MongoStore from 'connect-mongo';
import type { SessionData } from 'express-session';
import type { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { ReadCache } from './read-cache.js';

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

type GetCallback = (err: unknown, session?: SessionData | null) => void;

/** connect-mongo's store, with `get` answered from the read cache while the document is unchanged. */
class CachedMongoStore extends MongoStore {
  private readonly cache = new ReadCache<SessionData | null>();

  constructor(
    options: ConstructorParameters<typeof MongoStore>[0],
    private readonly ns: string,
  ) {
    super(options);
  }

  override get(sid: string, callback: GetCallback): void {
    const load = () =>
      new Promise<SessionData | null>((resolve, reject) =>
        super.get(sid, (err: unknown, session?: SessionData | null) => (err ? reject(err) : resolve(session ?? null))),
      );
    this.cache.read(sid, { ns: this.ns, field: '_id', value: sid }, load).then((session) => {
      // The database answers nothing for an expired session; neither may a copy read before.
      const expires = session?.cookie?.expires;
      if (!session || (expires && new Date(expires).getTime() <= Date.now())) return callback(null, null);
      // express-session changes what it is given: each request gets its own copy.
      callback(null, structuredClone(session));
    }, callback);
  }
}

/** The session store (call ensureSessionIndex once at start-up so expired sessions go away). */
export function createSessionStore(connection: Connection): MongoStore {
  // The connection's own database (it may come from mongoose's dbName option rather than the
  // URI): otherwise sessions would land in the client's default database, away from the TTL
  // index that ensureSessionIndex builds.
  return sessionStoreOn(Promise.resolve(connection), connection.db?.databaseName ?? connection.name);
}

/** The same store on a connection that may still be opening (tests build apps synchronously). */
export function sessionStoreOn(connection: Promise<Connection>, dbName: string): MongoStore {
  return new CachedMongoStore(
    {
      // mongoose bundles its own copy of the driver; at run time it is the same client API.
      clientPromise: connection.then((c) => c.getClient() as unknown as MongoClient),
      dbName,
      collectionName: COLLECTION,
      ttl: SESSION_TTL_SECONDS,
      autoRemove: 'disabled',
      // Without this every signed-in request rewrites its session's expiry: once an hour is enough.
      touchAfter: 60 * 60,
      stringify: false,
    },
    `${dbName}.${COLLECTION}`,
  );
}

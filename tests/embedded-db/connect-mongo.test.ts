/** connect-mongo 6 session store: set/get/touch/destroy, and the TTL index removing expired sessions. */
import MongoStore from 'connect-mongo';
import type { SessionData } from 'express-session';
import { openTestDb, ttlWaitMs, waitFor, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
let store: MongoStore;

beforeAll(async () => {
  t = await openTestDb('sessions');
  store = MongoStore.create({
    client: t.client,
    dbName: t.db.databaseName,
    collectionName: 'sessions',
    ttl: 3600,
  });
});
afterAll(async () => {
  // the store shares our client: closing it here would close the client twice
  await t.close();
});

/** A session as express-session hands it to the store. */
function sessionData(extra: Record<string, unknown>, expires?: Date): SessionData {
  return {
    cookie: {
      originalMaxAge: 3_600_000,
      expires: expires ?? new Date(Date.now() + 3_600_000),
      httpOnly: true,
      path: '/',
    },
    ...extra,
  } as unknown as SessionData;
}

const call = <T>(
  fn: (cb: (err: unknown, value?: T | null) => void) => void,
): Promise<T | null | undefined> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

describe('connect-mongo', () => {
  it('creates the TTL index on expires', async () => {
    const ok = await waitFor(async () => {
      const indexes = await t.db
        .collection<AnyDoc>('sessions')
        .listIndexes()
        .toArray()
        .catch(() => []);
      return indexes.some((i) => i.key?.expires === 1 && i.expireAfterSeconds === 0);
    }, 5_000);
    expect(ok).toBe(true);
  });

  it('set then get returns the session; set again updates it in place', async () => {
    await call((cb) => store.set('sid-1', sessionData({ userId: 'u1' }), cb));
    const got = await call<SessionData>((cb) => store.get('sid-1', cb));
    expect(got).toMatchObject({ userId: 'u1' });
    await call((cb) => store.set('sid-1', sessionData({ userId: 'u1', flash: 'saved' }), cb));
    expect(await call<SessionData>((cb) => store.get('sid-1', cb))).toMatchObject({
      flash: 'saved',
    });
    expect(
      await t.db.collection<AnyDoc>('sessions').countDocuments({ _id: 'sid-1' as never }),
    ).toBe(1);
  });

  it('touch moves the expiry forward', async () => {
    const soon = new Date(Date.now() + 60_000);
    await call((cb) => store.set('sid-2', sessionData({ n: 1 }, soon), cb));
    const later = new Date(Date.now() + 7_200_000);
    await call((cb) => store.touch('sid-2', sessionData({ n: 1 }, later), cb));
    const raw = await t.db.collection<AnyDoc>('sessions').findOne({ _id: 'sid-2' as never });
    expect((raw!.expires as Date).getTime()).toBe(later.getTime());
  });

  it('destroy removes the session', async () => {
    await call((cb) => store.set('sid-3', sessionData({ n: 3 }), cb));
    await call((cb) => store.destroy('sid-3', cb));
    expect(await call((cb) => store.get('sid-3', cb))).toBeNull();
    expect(await t.db.collection<AnyDoc>('sessions').findOne({ _id: 'sid-3' as never })).toBeNull();
  });

  it('length and all count live sessions only', async () => {
    await call((cb) => store.clear(cb));
    await call((cb) => store.set('a', sessionData({ k: 'a' }), cb));
    await call((cb) => store.set('b', sessionData({ k: 'b' }), cb));
    expect(await call<number>((cb) => store.length(cb))).toBe(2);
    const all = await call<SessionData[]>((cb) => store.all(cb as never));
    expect(all).toHaveLength(2);
  });

  it(
    'an expired session is not returned, and the TTL sweeper deletes it',
    async () => {
      await call((cb) =>
        store.set('old', sessionData({ k: 'old' }, new Date(Date.now() - 1000)), cb),
      );
      expect(await call((cb) => store.get('old', cb))).toBeNull();
      const gone = await waitFor(
        async () =>
          (await t.db.collection<AnyDoc>('sessions').findOne({ _id: 'old' as never })) === null,
        ttlWaitMs(),
        200,
      );
      expect(gone).toBe(true);
      expect(
        await t.db.collection<AnyDoc>('sessions').findOne({ _id: 'a' as never }),
      ).not.toBeNull();
    },
    ttlWaitMs() + 10_000,
  );
});

/**
 * The bell's unread count (issue 8, point 5; issue 6: no query per page for it). With the
 * embedded engine it is a cached read, exact on every page. On MONGODB_URI (no read caches) the
 * count is kept in the session for half a minute; opening the inbox or marking something read
 * recounts at once, and an older count is taken afresh.
 */
import mongoose from 'mongoose';
import { readCachesEnabled, watchChanges } from '../../../server/db/read-cache.js';
import { BELL_FRESH_MS } from '../../../server/features/notifications/bell-locals.js';
import { notify } from '../../../server/features/notifications/notifications.service.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect, testEngineChanges } from '../../helpers/db.js';
import { createUser, type TestUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';

const { app } = buildTestApp();
let person: TestUser;

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  person = await createUser({ name: 'Ana' });
});
afterAll(disconnect);

let n = 0;
const note = () =>
  notify({
    userId: person.id,
    kind: 'deadline-reminder',
    key: `bell-${(n += 1)}`,
    title: `Reminder ${n}`,
    body: 'Body',
    url: '/assignments',
  });

/** The number on the bell of `page` (0 when there is no badge). */
async function bellOn(
  agent: Awaited<ReturnType<typeof loginAs>>,
  page = '/profile',
): Promise<number> {
  const res = await agent.get(page).set('Accept', 'text/html').expect(200);
  const label = /<a class="notification-bell" href="\/notifications" aria-label="([^"]*)"/.exec(
    res.text,
  )?.[1];
  if (label === undefined) throw new Error(`no bell on ${page}`);
  return Number(/, (\d+) unread/.exec(label)?.[1] ?? 0);
}

const onEmbedded = process.env.MONGODB_URI ? it.skip : it; // on MONGODB_URI there are no read caches

onEmbedded('is exact on every page with the read caches, and kept out of the session', async () => {
  expect(readCachesEnabled()).toBe(true);
  await note();
  const agent = await loginAs(app, person);
  expect(await bellOn(agent)).toBe(1);
  await note();
  expect(await bellOn(agent)).toBe(2);
  // Written behind the app's back (another process): seen on the next page all the same.
  await mongoose.connection.collection('notifications').updateMany({}, { $set: { readAt: new Date() } });
  expect(await bellOn(agent)).toBe(0);
  await note();
  expect(await bellOn(agent, '/dashboard')).toBe(1);
  const sessions = await mongoose.connection.collection('sessions').find({}).toArray();
  expect(sessions.length).toBeGreaterThan(0);
  for (const s of sessions) expect((s.session as { bell?: unknown }).bell).toBeUndefined();
});

it('without read caches, keeps the count for half a minute and recounts after the inbox or a read', async () => {
  const changes = testEngineChanges();
  watchChanges(null);
  try {
    await keptInSession();
  } finally {
    watchChanges(changes);
  }
});

async function keptInSession(): Promise<void> {
  await note();
  await note();
  const agent = await loginAs(app, person);
  expect(await bellOn(agent)).toBe(2);

  // A notification arriving now shows once the kept count is older than BELL_FRESH_MS...
  await note();
  expect(await bellOn(agent)).toBe(2);
  await mongoose.connection
    .collection('sessions')
    .updateMany(
      { 'session.bell': { $exists: true } },
      { $inc: { 'session.bell.at': -BELL_FRESH_MS - 1000 } },
    );
  expect(await bellOn(agent)).toBe(3);

  // ... or at once when the person opens the inbox.
  await note();
  expect(await bellOn(agent, '/notifications')).toBe(4);
  expect(await bellOn(agent)).toBe(4);

  const res = await agent.postForm('/notifications/read-all', {}, { tokenFrom: '/notifications' });
  expect(res.status).toBe(303);
  expect(await bellOn(agent)).toBe(0);
}

/**
 * Notifications (issue 8, point 5): the inbox and mark-read, per-kind preferences honoured (in
 * app only: no email job; daily digest: one email for the day), the unsubscribe link.
 */
import { useMailConfig } from '../../../server/features/mail/mail.config.js';
import { Notification } from '../../../server/features/notifications/notification.model.js';
import { runNotificationDigest } from '../../../server/features/notifications/notification-digest.job.js';
import {
  notify,
  unreadCount,
} from '../../../server/features/notifications/notifications.service.js';
import { NotificationPreference } from '../../../server/features/notifications/preference.model.js';
import {
  unsubscribeToken,
  useSigningSecret,
} from '../../../server/features/notifications/preferences.service.js';
import { buildTestApp, TEST_SESSION_SECRET } from '../../helpers/app.js';
import { anonymousAgent, loginAs } from '../../helpers/login.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser, type TestUser } from '../../helpers/factories/users.js';
import { jobs } from '../jobs/helpers.js';

const { app, config } = buildTestApp();
let person: TestUser;

beforeAll(async () => {
  await connectTestDatabase();
  useMailConfig(config);
  useSigningSecret(TEST_SESSION_SECRET);
});
beforeEach(async () => {
  await clearDatabase();
  person = await createUser({ name: 'Ana' });
});
afterAll(async () => {
  useMailConfig(undefined);
  useSigningSecret(undefined);
  await disconnect();
});

const note = (key: string, kind: Parameters<typeof notify>[0]['kind'] = 'deadline-reminder') =>
  notify({
    userId: person.id,
    kind,
    key,
    title: `Title ${key}`,
    body: `Body ${key}`,
    url: '/assignments',
  });

it('lists notifications in the inbox, counts unread ones and marks them read', async () => {
  await note('a');
  await note('b');
  expect(await unreadCount(person.id)).toBe(2);
  const agent = await loginAs(app, person);
  const page = await agent.get('/notifications').expect(200);
  expect(page.text).toContain('Title a');
  expect(page.text).toContain('Body b');
  const a = await Notification.findOne({ key: 'a' }).lean();
  const open = await agent.postForm(
    `/notifications/${String(a!._id)}/read`,
    { open: '1' },
    { tokenFrom: '/notifications' },
  );
  expect(open.status).toBe(303);
  expect(open.headers.location).toBe('/assignments');
  expect(await unreadCount(person.id)).toBe(1);
  await agent.postForm('/notifications/read-all', {}, { tokenFrom: '/notifications' });
  expect(await unreadCount(person.id)).toBe(0);
  // Someone else's notification: 404.
  const other = await loginAs(app, await createUser());
  const res = await other.postForm(
    `/notifications/${String(a!._id)}/read`,
    {},
    { tokenFrom: '/notifications' },
  );
  expect(res.status).toBe(404);
});

it('honours the preference per kind: email too (default), in app only, daily digest', async () => {
  const agent = await loginAs(app, person);
  const res = await agent.postForm(
    '/notifications/settings',
    { 'deadline-reminder': 'inapp', overdue: 'digest' },
    { tokenFrom: '/notifications/settings' },
  );
  expect(res.status).toBe(303);
  const page = await agent.get('/notifications/settings').expect(200);
  expect(page.text).toMatch(/<option value="inapp" selected>In Atelier only<\/option>/);

  await note('in-app-only', 'deadline-reminder');
  await note('digest-1', 'overdue');
  await note('digest-2', 'overdue');
  await note('emailed', 'feedback-released');
  const emailJobs = await jobs().find({ name: 'send-email' }).toArray();
  expect(emailJobs.map((j) => j.data.subject)).toEqual(['Title emailed']);
  expect(await Notification.countDocuments({ user: person.id })).toBe(4);

  // The next morning the daily digest gathers both overdue notices in one email, once.
  const morning = new Date(Date.now() + 86_400_000);
  morning.setUTCHours(8, 0, 0, 0);
  expect(await runNotificationDigest(morning)).toBe(1);
  expect(await runNotificationDigest(morning)).toBe(0);
  const digest = await jobs().find({ name: 'send-email', 'data.kind': 'digest' }).toArray();
  expect(digest).toHaveLength(1);
  expect(digest[0].data.subject).toBe('Your day in Atelier: 2 updates');
  expect(digest[0].data.text).toContain('Body digest-1');
  expect(digest[0].data.text).toContain('Body digest-2');
  expect(digest[0].data.html).toContain('<h2>Title digest-2</h2>');
});

it('the unsubscribe link stops that kind by email (still in app); a forged link is refused', async () => {
  const token = unsubscribeToken(person.id, 'nudge');
  const visitor = await anonymousAgent(app);
  const page = await visitor.get(`/notifications/unsubscribe/${token}`).expect(200);
  expect(page.text).toContain('Nudges after a quiet spell');
  const done = await visitor.postForm(
    `/notifications/unsubscribe/${token}`,
    {},
    { tokenFrom: `/notifications/unsubscribe/${token}` },
  );
  expect(done.status).toBe(200);
  expect(done.text).toContain('you will no longer receive');
  expect(await NotificationPreference.findOne({ kind: 'nudge' }).lean()).toMatchObject({
    mode: 'inapp',
  });
  await note('after-unsubscribe', 'nudge');
  expect(await jobs().countDocuments({ name: 'send-email' })).toBe(0);
  expect(await Notification.countDocuments({ key: 'after-unsubscribe' })).toBe(1);
  const forged = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
  await visitor.get(`/notifications/unsubscribe/${forged}`).expect(404);
  const otherKind = unsubscribeToken(person.id, 'digest').split('.')[0] + '.' + token.split('.')[1];
  await visitor.get(`/notifications/unsubscribe/${otherKind}`).expect(404);
});

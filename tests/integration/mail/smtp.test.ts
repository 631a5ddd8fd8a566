/** Mail through a real SMTP peer (smtp-server in this process), failures kept and retried. */
import { resetRateLimits } from '../../../server/features/auth/rate-limits.js';
import { useMailConfig } from '../../../server/features/mail/mail.config.js';
import { retryFailedMail, sendMail } from '../../../server/features/mail/mail.service.js';
import { closeMailTransports } from '../../../server/features/mail/mail.transport.js';
import { OutboxMail } from '../../../server/features/mail/outbox-mail.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { csrfAgent } from '../../helpers/csrf.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import { startSmtpPeer, type SmtpPeer } from '../../helpers/smtp.js';

const { app, config } = buildTestApp();
let peer: SmtpPeer;
let received: SmtpPeer['received'];

beforeAll(async () => {
  peer = await startSmtpPeer();
  received = peer.received;
  await connectTestDatabase();
});
beforeEach(async () => {
  peer.reset();
  useMailConfig({ ...config, smtpUrl: peer.url });
  await clearDatabase();
  await resetRateLimits();
});
afterAll(async () => {
  useMailConfig(undefined);
  closeMailTransports();
  await peer.close();
  await disconnect();
});

it('delivers an invitation with a text part and a link that opens the accept page', async () => {
  const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
  const res = await admin.postForm('/admin/invitations', {
    name: 'Vesna',
    email: 'vesna@example.org',
    role: 'mentor',
    country: 'MK',
  });
  expect(res.status).toBe(303);
  expect(received).toHaveLength(1);
  const mail = received[0];
  expect(mail.to).toMatchObject({ text: 'vesna@example.org' });
  expect(mail.from?.text).toContain('no-reply@atelier.local');
  expect(mail.subject).toContain('invitation');
  const link = /http:\/\/localhost:3000(\/invitations\/[A-Za-z0-9_-]{43})/.exec(
    mail.text ?? '',
  )?.[1];
  expect(link).toBeDefined();
  expect(mail.html).toContain(link);
  const stored = await OutboxMail.findOne({ to: 'vesna@example.org' }).lean();
  expect(stored).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1 });
  expect(stored!.emlFile).toBeUndefined();

  const visitor = await csrfAgent(app, '/login');
  const page = await visitor.get(link!).expect(200);
  expect(page.text).toContain('You were invited as <strong>vesna@example.org</strong>');
});

it('keeps a message the server refused and sends it on a later retry', async () => {
  peer.refuseWith = 550;
  const mail = await sendMail({
    to: 'later@example.org',
    subject: 'Hello',
    text: 'Plain words.',
    kind: 'test',
  });
  expect(mail.status).toBe('failed');
  const stored = await OutboxMail.findById(mail.id).lean();
  expect(stored).toMatchObject({ status: 'failed', attempts: 1, text: 'Plain words.' });
  expect(stored!.lastError).toMatch(/550|Mailbox unavailable/);
  expect(stored!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
  expect(received).toHaveLength(0);

  // Not due yet: nothing happens.
  expect(await retryFailedMail()).toBe(0);
  peer.refuseWith = null;
  const later = new Date(Date.now() + 60 * 60_000);
  expect(await retryFailedMail(20, later)).toBe(1);
  expect(received).toHaveLength(1);
  expect(received[0].text?.trim()).toBe('Plain words.');
  expect(await OutboxMail.findById(mail.id).lean()).toMatchObject({ status: 'sent', attempts: 2 });
  // Running the retry again does no harm.
  expect(await retryFailedMail(20, later)).toBe(0);
  expect(received).toHaveLength(1);
});

it('keeps the message when the SMTP server cannot be reached, and sends it once it is back', async () => {
  await peer.down();
  const mail = await sendMail({ to: 'nobody-home@example.org', subject: 'Hi', text: 'Text.' });
  expect(mail.status).toBe('failed');
  expect(await OutboxMail.countDocuments({ status: 'failed' })).toBe(1);
  await peer.up();
  expect(await retryFailedMail(20, new Date(Date.now() + 60 * 60_000))).toBe(1);
  expect(received.map((m) => m.subject)).toEqual(['Hi']);
});

it('hides a delivered reset link from the admin Outbox page (the person got it; the admin needs no key)', async () => {
  const user = await createUser();
  const visitor = await csrfAgent(app, '/password/forgot');
  await visitor.postForm(
    '/password/forgot',
    { email: user.email },
    { tokenFrom: '/password/forgot' },
  );
  // Delivery runs in the background for resets: wait until the peer has it.
  for (let i = 0; i < 50 && received.length === 0; i += 1)
    await new Promise((r) => setTimeout(r, 50));
  const token = /\/password\/reset\/([A-Za-z0-9_-]{43})/.exec(received[0]?.text ?? '')?.[1];
  expect(token).toBeDefined();
  const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
  const mail = await OutboxMail.findOne({ kind: 'password-reset' }).lean();
  const page = await admin.get(`/admin/outbox/${mail!._id}`).expect(200);
  expect(page.text).not.toContain(token!);
  expect(page.text).toContain('link hidden');
});

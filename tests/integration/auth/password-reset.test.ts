/** Password reset by email: single-use, expiring, hashed token; it ends the person's sessions. */
import { LoginThrottle } from '../../../server/features/auth/login-throttle.model.js';
import { PasswordReset } from '../../../server/features/auth/password-reset.model.js';
import { OutboxMail } from '../../../server/features/mail/outbox-mail.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { useMailingApp } from '../../helpers/mailing-app.js';
import { csrfAgent } from '../../helpers/csrf.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs, signedInAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();
const NEW_PASSWORD = 'Harbour-violin-pebble-9';

async function resetLinkFor(email: string): Promise<string> {
  // The mail is recorded before the response; delivery runs in the background.
  const mail = await OutboxMail.findOne({ to: email, kind: 'password-reset' }).lean();
  const match = /http:\/\/localhost:3000(\/password\/reset\/[A-Za-z0-9_-]{43})/.exec(
    mail?.text ?? '',
  );
  if (!match) throw new Error(`no reset link mailed to ${email}`);
  return match[1];
}

async function requestReset(email: string) {
  const agent = await csrfAgent(app, '/password/forgot');
  return agent.postForm('/password/forgot', { email }, { tokenFrom: '/password/forgot' });
}

async function canSignIn(email: string, password: string): Promise<boolean> {
  const agent = await csrfAgent(app, '/login');
  const res = await agent.postForm('/login', { email, password }, { tokenFrom: '/login' });
  return res.status === 303;
}

useMailingApp(config);

it('answers the same for a known and an unknown email, and mails only the known one', async () => {
  const user = await createUser();
  const known = await requestReset(user.email);
  const unknown = await requestReset('nobody@example.org');
  expect(known.status).toBe(200);
  expect(unknown.status).toBe(200);
  const strip = (html: string) =>
    html.replace(/(value|content)="[^"]*"/g, '').replace(/<strong>[^<]*<\/strong>/, '');
  expect(strip(known.text)).toBe(strip(unknown.text));
  expect(known.text).toContain('Check your email');
  expect(await OutboxMail.countDocuments({ to: user.email, kind: 'password-reset' })).toBe(1);
  expect(await OutboxMail.countDocuments({ to: 'nobody@example.org' })).toBe(0);
  const reset = await PasswordReset.findOne().lean();
  const token = (await resetLinkFor(user.email)).split('/').pop()!;
  expect(reset!.tokenHash).not.toContain(token);
  expect(reset!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
});

it('sets the new password, ends every session, lifts a lock, and cannot be used twice', async () => {
  const user = await createUser();
  const signedIn = await loginAs(app, user);
  await LoginThrottle.create({
    email: user.email,
    failures: 0,
    lockedUntil: new Date(Date.now() + 600_000),
    lastFailureAt: new Date(),
  });
  await requestReset(user.email);
  const link = await resetLinkFor(user.email);

  const visitor = await csrfAgent(app, link);
  const form = await visitor.get(link).expect(200);
  expect(form.text).toContain('Choose a new password');
  const res = await visitor.postForm(
    link,
    { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    { tokenFrom: link },
  );
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/login');

  expect(await signedInAs(signedIn)).toBeNull();
  expect(await canSignIn(user.email, user.password)).toBe(false);
  expect(await canSignIn(user.email, NEW_PASSWORD)).toBe(true);

  const again = await visitor.postForm(
    link,
    { newPassword: `${NEW_PASSWORD}x`, confirmPassword: `${NEW_PASSWORD}x` },
    { tokenFrom: '/login' },
  );
  expect(again.status).toBe(410);
  expect(again.text).toContain('This link has already been used');
  expect(await canSignIn(user.email, NEW_PASSWORD)).toBe(true);
});

it('refuses a weak password and keeps the old one', async () => {
  const user = await createUser();
  await requestReset(user.email);
  const link = await resetLinkFor(user.email);
  const visitor = await csrfAgent(app, link);
  const res = await visitor.postForm(
    link,
    { newPassword: 'letmein12345', confirmPassword: 'letmein12345' },
    { tokenFrom: link },
  );
  expect(res.status).toBe(422);
  expect(res.text).toContain('This password is too common or too easy to guess');
  expect(await canSignIn(user.email, user.password)).toBe(true);
});

it('shows the expired page for an old link and the invalid page for a made-up one', async () => {
  const user = await createUser();
  await requestReset(user.email);
  const link = await resetLinkFor(user.email);
  await PasswordReset.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1) } });
  const visitor = await csrfAgent(app, '/login');
  const expired = await visitor.get(link);
  expect(expired.status).toBe(410);
  expect(expired.text).toContain('This link has expired');
  const post = await visitor.postForm(
    link,
    { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    { tokenFrom: '/login' },
  );
  expect(post.status).toBe(410);
  expect(await canSignIn(user.email, NEW_PASSWORD)).toBe(false);
  const invalid = await visitor.get(`/password/reset/${'B'.repeat(43)}`);
  expect(invalid.status).toBe(404);
  expect(invalid.text).toContain('This link is not valid');
});

it('a newer request replaces the older link', async () => {
  const user = await createUser();
  await requestReset(user.email);
  const first = await resetLinkFor(user.email);
  await OutboxMail.deleteMany({});
  await requestReset(user.email);
  const second = await resetLinkFor(user.email);
  const visitor = await csrfAgent(app, '/login');
  expect((await visitor.get(first)).status).toBe(410);
  expect((await visitor.get(second)).status).toBe(200);
});

it('needs a CSRF token: a forged form changes nothing', async () => {
  const user = await createUser();
  await requestReset(user.email);
  const link = await resetLinkFor(user.email);
  const visitor = await csrfAgent(app, link);
  await visitor
    .post(link)
    .type('form')
    .send({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    .expect(403);
  await visitor
    .post(link)
    .type('form')
    .send({ _csrf: 'nope', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    .expect(403);
  expect(await canSignIn(user.email, user.password)).toBe(true);
  expect((await PasswordReset.findOne().lean())!.usedAt).toBeNull();
});

/** Sign-in, sign-out, sessions and the per-email lock (issue 4, points 1 and 2). */
import mongoose from 'mongoose';
import request from 'supertest';
import { LOGIN_MESSAGES } from '../../../server/features/auth/auth.service.js';
import { LoginThrottle } from '../../../server/features/auth/login-throttle.model.js';
import { resetRateLimits } from '../../../server/features/auth/rate-limits.js';
import { setActive } from '../../../server/features/users/people.service.js';
import { buildTestApp } from '../../helpers/app.js';
import { csrfAgent } from '../../helpers/csrf.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs, signedInAs } from '../../helpers/login.js';

const { app } = buildTestApp();

function sessionCookie(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith('atelier.sid='));
}

async function sessions() {
  const db = (await connectTestDatabase()).db!;
  return db.collection('sessions').find({}).toArray();
}

async function tryLogin(email: string, password: string) {
  const agent = await csrfAgent(app, '/login');
  const res = await agent.postForm('/login', { email, password }, { tokenFrom: '/login' });
  return { agent, res };
}

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await resetRateLimits();
});
afterAll(disconnect);

describe('sign-in page', () => {
  it('shows a form with email and password fields', async () => {
    const res = await request(app).get('/login').expect(200);
    expect(res.text).toContain('<h1 id="login-title">Sign in</h1>');
    expect(res.text).toMatch(/<input type="email" id="field-email" name="email"/);
    expect(res.text).toMatch(/<input type="password" id="field-password" name="password"/);
  });

  it('signs in with the right password, stores only the user id in a database session', async () => {
    const user = await createUser({ name: 'Ana Kovač' });
    const { agent, res } = await tryLogin(user.email.toUpperCase(), user.password);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(await signedInAs(agent)).toBe('Ana Kovač');

    const stored = await sessions();
    expect(stored).toHaveLength(1);
    expect(stored[0].expires).toBeInstanceOf(Date);
    const data = stored[0].session as { passport?: unknown };
    expect(data.passport).toEqual({ user: user.id });
    expect(JSON.stringify(stored[0])).not.toContain(user.email);
    expect(JSON.stringify(stored[0])).not.toContain(user.password);
  });

  it('gives a new session id at every sign-in', async () => {
    const user = await createUser();
    const { agent, res } = await tryLogin(user.email, user.password);
    const first = sessionCookie(res)!.split(';')[0];
    const again = await agent.postForm(
      '/login',
      { email: user.email, password: user.password },
      { tokenFrom: '/login' },
    );
    expect(again.status).toBe(303);
    const second = sessionCookie(again)!.split(';')[0];
    expect(second).not.toBe(first);
  });

  it('honours `next` only for local paths', async () => {
    const user = await createUser();
    for (const [next, expected] of [
      ['/profile', '/profile'],
      ['https://evil.example/', '/'],
      ['//evil.example/x', '/'],
      ['/\\evil.example', '/'],
    ]) {
      const agent = await csrfAgent(app, '/login');
      const res = await agent.postForm(
        '/login',
        { email: user.email, password: user.password, next },
        { tokenFrom: '/login' },
      );
      expect([next, res.headers.location]).toEqual([next, expected]);
    }
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const user = await createUser();
    const wrong = await tryLogin(user.email, 'not the password at all');
    const unknown = await tryLogin('nobody@example.org', 'not the password at all');
    for (const { res, agent } of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.text).toContain(LOGIN_MESSAGES.invalid);
      expect(sessionCookie(res)).toBeUndefined();
      const page = await agent.get('/account/password');
      expect(page.status).toBe(303);
      expect(page.headers.location).toMatch(/^\/login/);
    }
    // Apart from the typed email and the CSRF token, the two pages are identical.
    const strip = (html: string) => html.replace(/(value|content)="[^"]*"/g, '');
    expect(strip(wrong.res.text)).toBe(strip(unknown.res.text));
  });

  it('locks an email after five failures, with the same message for an unknown email', async () => {
    const user = await createUser();
    for (const email of [user.email, 'ghost@example.org']) {
      const answers: string[] = [];
      for (let i = 0; i < 5; i += 1)
        answers.push((await tryLogin(email, `wrong password ${i}`)).res.text);
      expect(answers.slice(0, 4).every((t) => t.includes(LOGIN_MESSAGES.invalid))).toBe(true);
      expect(answers[4]).toContain(LOGIN_MESSAGES.locked);
    }
    // Even the right password is refused while the lock lasts.
    const locked = await tryLogin(user.email, user.password);
    expect(locked.res.status).toBe(401);
    expect(locked.res.text).toContain(LOGIN_MESSAGES.locked);
    const ghost = await tryLogin('ghost@example.org', user.password);
    expect(ghost.res.text).toContain(LOGIN_MESSAGES.locked);

    // When the lock has run out, the right password works again.
    await LoginThrottle.updateMany({}, { $set: { lockedUntil: new Date(Date.now() - 1000) } });
    const after = await tryLogin(user.email, user.password);
    expect(after.res.status).toBe(303);
    expect(await LoginThrottle.countDocuments({ email: user.email })).toBe(0);
  });

  it('refuses a deactivated person and ends the sessions they had', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    await setActive(user.id, false);
    const page = await agent.get('/account/password');
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
    const again = await tryLogin(user.email, user.password);
    expect(again.res.status).toBe(401);
    expect(again.res.text).toContain(LOGIN_MESSAGES.deactivated);
  });

  it('refuses a person who was invited but has not chosen a password', async () => {
    const user = await createUser({ pending: true });
    const { res } = await tryLogin(user.email, user.password);
    expect(res.status).toBe(401);
    expect(res.text).toContain(LOGIN_MESSAGES.invalid);
  });
});

describe('sign-out', () => {
  it('destroys the session in the store', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    expect(await sessions()).toHaveLength(1);
    const res = await agent.postForm('/logout', {});
    expect(res.status).toBe(303);
    expect(await sessions()).toHaveLength(0);
    const page = await agent.get('/account/password');
    expect(page.headers.location).toMatch(/^\/login/);
  });

  it('needs a CSRF token: without one nothing happens (403)', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    await agent.post('/logout').type('form').send({}).expect(403);
    await agent.post('/logout').type('form').send({ _csrf: 'forged-token' }).expect(403);
    expect(await sessions()).toHaveLength(1);
    expect(await signedInAs(agent)).toBe(user.name);
  });
});

it('keeps passwords out of the database in clear', async () => {
  const user = await createUser();
  const doc = await mongoose.connection.db!.collection('users').findOne({ email: user.email });
  expect(doc!.passwordHash).toMatch(/^\$argon2id\$/);
  expect(JSON.stringify(doc)).not.toContain(user.password);
});

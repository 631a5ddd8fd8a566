/** Per-IP rate limits on sign-in, password reset requests and token links (429 past the limit). */
import { OutboxMail } from '../../../server/features/mail/outbox-mail.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { useMailingApp } from '../../helpers/mailing-app.js';
import { csrfAgent } from '../../helpers/csrf.js';
import { createUser } from '../../helpers/factories/users.js';

const { app, config } = buildTestApp();

useMailingApp(config);

it('stops sign-in attempts from one address after 20 failures, even with the right password', async () => {
  const user = await createUser();
  const agent = await csrfAgent(app, '/login');
  for (let i = 0; i < 20; i += 1) {
    // Different emails: the per-email lock is not what stops these.
    const res = await agent.postForm(
      '/login',
      { email: `guess${i}@example.org`, password: 'wrong password here' },
      { tokenFrom: '/login' },
    );
    expect(res.status).toBe(401);
  }
  const blocked = await agent.postForm(
    '/login',
    { email: user.email, password: user.password },
    { tokenFrom: '/login' },
  );
  expect(blocked.status).toBe(429);
  expect(blocked.text).toContain('Too many attempts from your network');
  expect(blocked.headers['ratelimit-policy']).toBeDefined();
});

it('successful sign-ins do not count', async () => {
  const user = await createUser();
  for (let i = 0; i < 25; i += 1) {
    const agent = await csrfAgent(app, '/login');
    const res = await agent.postForm(
      '/login',
      { email: user.email, password: user.password },
      { tokenFrom: '/login' },
    );
    expect(res.status).toBe(303);
  }
});

it('limits password reset requests to 5 per 15 minutes', async () => {
  const user = await createUser();
  const agent = await csrfAgent(app, '/password/forgot');
  for (let i = 0; i < 5; i += 1) {
    expect(
      (
        await agent.postForm(
          '/password/forgot',
          { email: user.email },
          { tokenFrom: '/password/forgot' },
        )
      ).status,
    ).toBe(200);
  }
  const blocked = await agent.postForm(
    '/password/forgot',
    { email: user.email },
    { tokenFrom: '/password/forgot' },
  );
  expect(blocked.status).toBe(429);
  expect(await OutboxMail.countDocuments({ kind: 'password-reset' })).toBe(5);
});

it('limits failed invitation submissions', async () => {
  const agent = await csrfAgent(app, '/login');
  const statuses: number[] = [];
  for (let i = 0; i < 21; i += 1) {
    statuses.push(
      (
        await agent.postForm(
          `/invitations/${'C'.repeat(43)}`,
          { name: 'x' },
          { tokenFrom: '/login' },
        )
      ).status,
    );
  }
  expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
  expect(statuses[20]).toBe(429);
});

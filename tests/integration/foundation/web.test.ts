import { Router, type NextFunction, type Request, type Response } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import type { Role } from '../../../server/lib/roles.js';
import { enforcePasswordChange, requireAuth, requireRole } from '../../../server/web/guards.js';
import { buildTestApp } from '../../helpers/app.js';
import { csrfAgent } from '../../helpers/csrf.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';

/** Test-only stand-in for a signed-in person (the accounts feature does this for real). */
function as(roles: Role[], extra: Partial<Express.User> = {}) {
  return (req: Request, _res: Response, next: NextFunction) => {
    req.user = {
      id: 'u1',
      email: 'a@example.org',
      name: 'Ana Test',
      roles,
      countries: ['RS'],
      ...extra,
    };
    next();
  };
}

function testRoutes(app: import('express').Express): void {
  const router = Router();
  router.post('/test/echo', (req, res) => {
    res.type('text').send(`accepted ${String((req.body as { note?: string }).note)}`);
  });
  router.post('/test/flash', (req, res) => {
    req.flash('success', 'Your changes were saved.');
    res.redirect(303, '/');
  });
  router.get('/test/members', requireAuth, (_req, res) => {
    res.type('text').send('members only');
  });
  router.get('/test/admin', as(['mentor']), requireRole('admin'), (_req, res) => {
    res.send('admin');
  });
  router.get('/test/mentor', as(['mentor']), requireRole('admin', 'mentor'), (_req, res) => {
    res.type('text').send('mentor area');
  });
  // The global guard runs before this stand-in user exists, so the route applies it again.
  router.get(
    '/test/must-change',
    as(['innovator'], { mustChangePassword: true }),
    enforcePasswordChange,
    (_req, res) => {
      res.type('text').send('should not get here');
    },
  );
  app.use(router);
}

const { app } = buildTestApp({}, { extraRoutes: testRoutes });

beforeAll(async () => {
  await connectTestDatabase();
});
beforeEach(clearDatabase);
afterAll(disconnect);

describe('security headers', () => {
  it('sends a strict CSP and the usual protections', async () => {
    const res = await request(app).get('/');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data: https:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';frame-ancestors 'none';form-action 'self'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // No HSTS on a plain-http install: it would lock browsers out.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('compresses pages', async () => {
    const res = await request(app).get('/').set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});

describe('CSRF', () => {
  it('refuses a form posted without a token with the "expired" page', async () => {
    const res = await request(app).post('/test/echo').type('form').send({ note: 'hi' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired; reload and try again.');
    expect(res.text).toContain('Go back, reload the page and submit the form again.');
    expect(res.text).not.toContain('accepted');
  });

  it('refuses a wrong token and a token without its cookie', async () => {
    const agent = await csrfAgent(app);
    const wrong = await agent.post('/test/echo').type('form').send({ note: 'hi', _csrf: 'forged' });
    expect(wrong.status).toBe(403);
    const noCookie = await request(app)
      .post('/test/echo')
      .type('form')
      .send({ note: 'hi', _csrf: agent.csrfToken });
    expect(noCookie.status).toBe(403);
  });

  it('accepts a form with the token from the page, and the x-csrf-token header', async () => {
    const agent = await csrfAgent(app);
    const form = await agent.postForm('/test/echo', { note: 'hi' });
    expect(form.status).toBe(200);
    expect(form.text).toBe('accepted hi');
    const header = await agent
      .post('/test/echo')
      .set('x-csrf-token', agent.csrfToken)
      .send({ note: 'json' });
    expect(header.text).toBe('accepted json');
  });

  it('answers JSON clients with a 403 JSON error', async () => {
    const res = await request(app).post('/test/echo').set('Accept', 'application/json').send({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf');
  });

  it('sets its cookie httpOnly and SameSite=Lax', async () => {
    const res = await request(app).get('/');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('atelier.csrf='),
    );
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });
});

describe('flash messages', () => {
  it('shows a message once on the next page, in a session cookie that is httpOnly and Lax', async () => {
    const agent = await csrfAgent(app);
    const post = await agent.postForm('/test/flash', {});
    expect(post.status).toBe(303);
    const sessionCookie = (post.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('atelier.sid='),
    );
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    const stored = await mongoose.connection.collection('sessions').find({}).toArray();
    expect(stored).toHaveLength(1);
    const first = await agent.get('/');
    expect(first.text).toContain('Your changes were saved.');
    expect(first.text).toContain('role="status"');
    const second = await agent.get('/');
    expect(second.text).not.toContain('Your changes were saved.');
  });
});

describe('guards', () => {
  it('sends anonymous visitors to sign in, remembering where they were going', async () => {
    const res = await request(app).get('/test/members?tab=2').set('Accept', 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Ftest%2Fmembers%3Ftab%3D2');
  });

  it('answers anonymous JSON clients with 401', async () => {
    const res = await request(app).get('/test/members').set('Accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('shows a 403 page to people without the role and lets the right role in', async () => {
    const denied = await request(app).get('/test/admin').set('Accept', 'text/html');
    expect(denied.status).toBe(403);
    expect(denied.text).toContain('You do not have permission to do that.');
    const allowed = await request(app).get('/test/mentor');
    expect(allowed.status).toBe(200);
    expect(allowed.text).toBe('mentor area');
  });

  it('sends people who must change their password to /account/password', async () => {
    const res = await request(app).get('/test/must-change').set('Accept', 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account/password');
  });
});

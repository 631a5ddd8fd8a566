import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Express } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { createApp } from '../../../server/app.js';
import { home } from '../../../server/features/home/home.controller.js';
import { FormError } from '../../../server/lib/errors.js';
import { navFor } from '../../../server/web/nav.js';
import { testConfig } from '../../helpers/app.js';
import { csrfAgent } from '../../helpers/csrf.js';

const FORM_VIEW = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'join-form.ejs',
);

function testRoutes(app: Express): void {
  const router = Router();
  router.post('/test/form', (req) => {
    const { name, email, password } = req.body as Record<string, string>;
    throw new FormError({
      view: FORM_VIEW,
      fieldErrors: { email: 'Enter an email address like name@library.org.' },
      values: { name, email, password },
      locals: { title: 'Join the network' },
    });
  });
  router.get('/test/cast', () => {
    throw new mongoose.Error.CastError('ObjectId', 'not-an-id', '_id');
  });
  router.get('/test/invalid', () => {
    const err = new mongoose.Error.ValidationError();
    err.addError(
      'title',
      new mongoose.Error.ValidatorError({ message: 'A title is required.', path: 'title' }),
    );
    throw err;
  });
  router.get('/test/home-as-mentor', (req, res) => {
    // A stand-in for a signed-in mentor; the nav is recomputed as userLocals would.
    req.user = {
      id: 'm1',
      email: 'm@example.org',
      name: 'Milica Mentor',
      roles: ['mentor'],
      countries: ['RS'],
    };
    res.locals.currentUser = req.user;
    res.locals.nav = navFor(req.user, '/');
    home(req, res);
  });
  router.get('/test/home-as-innovator', (req, res) => {
    req.user = {
      id: 'i1',
      email: 'i@example.org',
      name: 'Ivana',
      roles: ['innovator'],
      countries: ['HR'],
    };
    home(req, res);
  });
  app.use(router);
}

const app = createApp({ config: testConfig(), extraRoutes: testRoutes });

describe('a form that fails validation', () => {
  it('is shown again with 422, the messages beside the fields and the values typed (not the password)', async () => {
    const agent = await csrfAgent(app);
    const res = await agent.postForm('/test/form', {
      name: 'Ana <Test>',
      email: 'ana-at-library',
      password: 'secret-secret-1',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<title>Join the network · Atelier</title>');
    expect(res.text).toContain('class="error-summary" role="alert"');
    expect(res.text).toContain(
      '<a href="#field-email">Enter an email address like name@library.org.</a>',
    );
    expect(res.text).toContain(
      'id="field-email-error">Enter an email address like name@library.org.</p>',
    );
    expect(res.text).toContain('value="ana-at-library"');
    expect(res.text).toContain('value="Ana &lt;Test&gt;"');
    expect(res.text).not.toContain('secret-secret-1');
  });

  it('answers JSON clients with the field errors', async () => {
    const agent = await csrfAgent(app);
    const res = await agent
      .post('/test/form')
      .set('Accept', 'application/json')
      .set('x-csrf-token', agent.csrfToken)
      .send({ email: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      status: 422,
      code: 'invalid_form',
      message: 'Please correct the errors below.',
      fieldErrors: { email: 'Enter an email address like name@library.org.' },
    });
  });
});

describe('database errors and limits', () => {
  it('turns a malformed id into a 404', async () => {
    const res = await request(app).get('/test/cast').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
  });

  it('turns a mongoose validation error into a 422 naming the field', async () => {
    const res = await request(app).get('/test/invalid').set('Accept', 'application/json');
    expect(res.status).toBe(422);
    expect(res.body.error.fieldErrors).toEqual({ title: 'A title is required.' });
  });

  it('refuses a form body over the limit with 413', async () => {
    const agent = await csrfAgent(app);
    const res = await agent
      .post('/test/form')
      .type('form')
      .set('Accept', 'text/html')
      .send({ bio: 'x'.repeat(1100 * 1024) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('The request is too large (the limit is 1 MB).');
  });
});

describe('home page for a signed-in person', () => {
  it('greets them and shows only the navigation their roles allow', async () => {
    const res = await request(app).get('/test/home-as-mentor');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Welcome, Milica Mentor');
    expect(res.text).toContain('href="/grading"');
    expect(res.text).not.toContain('href="/admin/people"');
    expect(res.text).toContain('<form method="post" action="/logout"');
    expect(res.text).not.toContain('>Sign in</a>');
  });

  it('sends innovators to their learning dashboard', async () => {
    const res = await request(app).get('/test/home-as-innovator');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/dashboard');
  });
});

import { Router } from 'express';
import request from 'supertest';
import { createApp } from '../../../server/app.js';
import { ConflictError } from '../../../server/lib/errors.js';
import { testConfig } from '../../helpers/app.js';

// Pages that need no database: a memory session store is enough here.
function appWithBrokenRoutes() {
  return createApp({
    config: testConfig(),
    extraRoutes: (app) => {
      const router = Router();
      router.get('/test/boom', () => {
        throw new Error('database password is hunter2');
      });
      router.get('/test/conflict', async () => {
        throw new ConflictError('Someone else changed this lesson.');
      });
      app.use(router);
    },
  });
}

describe('home page', () => {
  it('tells visitors what the programme is and links to sign in', async () => {
    const res = await request(createApp({ config: testConfig() })).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<title>Atelier: training for library innovators · Atelier</title>');
    expect(res.text).toContain('Library Innovators Programme');
    expect(res.text).toMatch(/<a[^>]+href="\/login"[^>]*>Sign in<\/a>/);
    expect(res.text).toContain('<main id="main"');
    expect(res.text).toContain('href="#main"');
  });

  it('links a fingerprinted stylesheet that is served with a long cache', async () => {
    const app = createApp({ config: testConfig() });
    const page = await request(app).get('/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)?.[1];
    expect(href).toMatch(/^\/assets\/css\/app\.[0-9a-f]{10}\.css$/);
    const css = await request(app).get(href!);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.text).toContain('.skip-link');
    const stale = await request(app).get('/assets/css/app.0000000000.css');
    expect(stale.status).toBe(404);
  });
});

describe('errors', () => {
  it('renders a 404 page in the layout', async () => {
    const res = await request(appWithBrokenRoutes())
      .get('/no/such/page')
      .set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1 id="error-title">Page not found</h1>');
    expect(res.text).toContain('We could not find that page.');
    expect(res.text).toContain('class="site-header"');
  });

  it('answers 404 in JSON to clients asking for JSON and under /api', async () => {
    const app = appWithBrokenRoutes();
    const json = await request(app).get('/no/such/page').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body).toEqual({
      error: { status: 404, code: 'not_found', message: 'We could not find that page.' },
    });
    const api = await request(app).get('/api/nothing');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });

  it('hides the details of a 500 and shows a reference to quote', async () => {
    const res = await request(appWithBrokenRoutes()).get('/test/boom').set('Accept', 'text/html');
    expect(res.status).toBe(500);
    expect(res.text).toContain('Something went wrong on our side.');
    expect(res.text).not.toContain('hunter2');
    const requestId = res.headers['x-request-id'];
    expect(requestId).toBeTruthy();
    expect(res.text).toContain(`<code>${requestId}</code>`);
  });

  it('answers a 500 in JSON with the request id and no details', async () => {
    const res = await request(appWithBrokenRoutes())
      .get('/test/boom')
      .set('Accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({
      status: 500,
      code: 'internal_error',
      message: 'Something went wrong on our side.',
      requestId: res.headers['x-request-id'],
    });
  });

  it('shows an AppError message with its status', async () => {
    const res = await request(appWithBrokenRoutes())
      .get('/test/conflict')
      .set('Accept', 'text/html');
    expect(res.status).toBe(409);
    expect(res.text).toContain('Someone else changed this lesson.');
  });
});

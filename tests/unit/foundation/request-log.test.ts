/**
 * Request logging: one line per request at level info; above info no line can be written, so
 * requests skip pino-http, and every response still carries its request id.
 */
import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { createLogger } from '../../../server/lib/logger.js';
import { requestLogger } from '../../../server/web/security.js';

function appLogging() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger(stream, 'info');
  const app = express();
  app.use(requestLogger(log));
  app.get('/page', (req, res) => res.send(`id ${String((req as unknown as { id: string }).id)}`));
  return { app, log, lines };
}

describe('request logging', () => {
  it('writes one line per request at info, with the id it sends back', async () => {
    const { app, lines } = appLogging();
    const res = await request(app).get('/page').expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).toBe(`id ${id}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      req: { id, method: 'GET', url: '/page' },
      res: { statusCode: 200 },
    });
  });

  it('above info writes nothing but still gives each request an id, a sane incoming one kept', async () => {
    const { app, log, lines } = appLogging();
    log.level = 'warn';
    const res = await request(app).get('/page').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).toBe(`id ${res.headers['x-request-id']}`);
    const kept = await request(app).get('/page').set('X-Request-Id', 'proxy-1234abcd').expect(200);
    expect(kept.headers['x-request-id']).toBe('proxy-1234abcd');
    const refused = await request(app)
      .get('/page')
      .set('X-Request-Id', 'bad id <script>')
      .expect(200);
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(0);
    log.level = 'info';
    await request(app).get('/page').expect(200);
    expect(lines).toHaveLength(1);
  });
});

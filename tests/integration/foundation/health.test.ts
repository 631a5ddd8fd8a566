import mongoose from 'mongoose';
import request from 'supertest';
import { createApp } from '../../../server/app.js';
import { buildTestApp, testConfig } from '../../helpers/app.js';
import { connectTestDatabase, disconnect, testMongoUri } from '../../helpers/db.js';

beforeAll(async () => {
  await connectTestDatabase();
});
afterAll(disconnect);

describe('GET /healthz', () => {
  it('answers 200 after pinging the database', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 when the database connection is closed', async () => {
    const connection = mongoose.createConnection(testMongoUri(), {
      dbName: 'atelier_test_health',
    });
    await connection.asPromise();
    await connection.close();
    const app = createApp({ config: testConfig(), dbConnection: connection });
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error', db: 'down' });
  });

  it('answers 503 when the database server cannot be reached', async () => {
    // Port 9 (discard) on loopback: nothing listens there, so the connection never opens.
    const connection = mongoose.createConnection('mongodb://127.0.0.1:9/atelier_test_x', {
      serverSelectionTimeoutMS: 500,
    });
    connection.on('error', () => undefined);
    const app = createApp({ config: testConfig(), dbConnection: connection });
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error', db: 'down' });
    await connection.close().catch(() => undefined);
  });
});

import { openEngine, removeTempDirs } from './storage-helpers.js';

afterAll(removeTempDirs);

describe('storage TTL sweep', () => {
  it('removes documents whose TTL date has passed, durably, and keeps the rest', async () => {
    const { engine, dir } = await openEngine();
    const sessions = engine.ensureCollection('app', 'sessions');
    sessions.createIndex({ name: 'expires_1', key: { expires: 1 }, expireAfterSeconds: 0 });
    const events = engine.ensureCollection('app', 'events');
    events.createIndex({ name: 'at_1', key: { at: 1 }, expireAfterSeconds: 60 });
    const now = new Date('2026-01-01T12:00:00Z');
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    sessions.insert({ _id: 'old', expires: ago(1) });
    sessions.insert({ _id: 'exact', expires: now });
    sessions.insert({ _id: 'fresh', expires: ago(-60) });
    sessions.insert({ _id: 'no-date', expires: 'tomorrow' });
    sessions.insert({ _id: 'missing' });
    // An array expires with its earliest date.
    sessions.insert({ _id: 'array', expires: [ago(-600), ago(5)] });
    events.insert({ _id: 1, at: ago(59) });
    events.insert({ _id: 2, at: ago(61) });

    expect(engine.sweepExpired(now)).toBe(4);
    expect([...sessions.all()].map((d) => d._id)).toEqual(['fresh', 'no-date', 'missing']);
    expect([...events.all()].map((d) => d._id)).toEqual([1]);
    expect(engine.sweepExpired(now)).toBe(0);
    await engine.sync();
    await engine.abandon();

    const { engine: after } = await openEngine(dir);
    expect(after.getCollection('app', 'sessions')!.count()).toBe(3);
    expect(after.getCollection('app', 'events')!.count()).toBe(1);
    await after.close();
  });
});

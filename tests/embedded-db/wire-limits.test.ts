/** Protocol paths the drivers rely on: unacknowledged writes (moreToCome) and large messages. */
import type { CommandStartedEvent } from 'mongodb';
import { openTestDb, testUri, waitFor, type AnyDoc, type TestDb } from './helpers/db.js';
import { hostPort, opMsg, replyBody, roundTrip } from './helpers/wire.js';

let t: TestDb;
const started: CommandStartedEvent[] = [];

beforeAll(async () => {
  // one connection, so a stray reply to a moreToCome message would desynchronise the next command
  t = await openTestDb('wire', { maxPoolSize: 1, monitorCommands: true });
  t.client.on('commandStarted', (e) => started.push(e));
});
afterAll(async () => t.close());

describe('unacknowledged writes (w: 0, moreToCome)', () => {
  it('applies them and keeps the connection in step', async () => {
    const c = t.db.collection<AnyDoc>('w0');
    for (let i = 0; i < 20; i += 1) {
      await c.insertOne({ _id: i }, { writeConcern: { w: 0 } });
      expect((await t.db.command({ ping: 1 })).ok).toBe(1);
    }
    await c.deleteMany({ _id: { $lt: 5 } }, { writeConcern: { w: 0 } });
    await c.updateMany({}, { $set: { seen: true } }, { writeConcern: { w: 0 } });
    const ok = await waitFor(async () => (await c.countDocuments({ seen: true })) === 15, 5_000);
    expect(ok).toBe(true);
    expect(started.filter((e) => e.commandName === 'insert').length).toBeGreaterThanOrEqual(20);
  });
});

describe('large messages', () => {
  it('accepts one OP_MSG of about 45 MB (three 15 MB documents in a document sequence)', async () => {
    // the driver splits inserts at 16 MB per message, so the message is built by hand
    const docs = ['a', 'b', 'c'].map((k) => ({ _id: k, blob: k.repeat(15 * 1024 * 1024) }));
    const message = opMsg({ insert: 'large', $db: t.db.databaseName }, 11, 0, [
      ['documents', docs],
    ]);
    expect(message.length).toBeGreaterThan(45 * 1024 * 1024);
    expect(message.length).toBeLessThan(48_000_000);
    const { host, port } = hostPort(testUri());
    const reply = replyBody(await roundTrip(host, port, message, 30_000));
    expect(reply).toMatchObject({ ok: 1, n: 3 });
    const c = t.db.collection<AnyDoc>('large');
    const back = await c
      .find({}, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray();
    expect(back).toEqual([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
    expect((await c.findOne({ _id: 'b' }))!.blob.length).toBe(15 * 1024 * 1024);
    await c.drop();
  }, 60_000);

  it('returns a large result set through cursor batches', async () => {
    const c = t.db.collection<AnyDoc>('fat');
    const pad = 'x'.repeat(1024 * 1024);
    await c.insertMany(Array.from({ length: 40 }, (_, i) => ({ _id: i, pad })));
    const all = await c.find().sort({ _id: 1 }).toArray();
    expect(all).toHaveLength(40);
    expect(all[39].pad.length).toBe(pad.length);
    await c.drop();
  }, 60_000);
});

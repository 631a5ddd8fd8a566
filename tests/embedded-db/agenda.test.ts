/** Agenda 6 with @agendajs/mongo-backend: one-off and repeating jobs run; two instances lock. */
import { Agenda, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { openTestDb, waitFor, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
const started: Agenda[] = [];

beforeAll(async () => {
  t = await openTestDb('agenda');
});
afterEach(async () => {
  for (const agenda of started.splice(0)) await agenda.stop(false);
});
afterAll(async () => t.close());

/** An Agenda polling every 200 ms (a number: strings like '200 ms' are misread). */
function makeAgenda(name: string, collection: string): Agenda {
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: t.db, collection }),
    name,
    processEvery: 200,
    // Short: Agenda 6 leaves a liveness timer of half the lock lifetime that nothing can cancel,
    // and it would hold jest open after the last test. The jobs here take milliseconds.
    defaultLockLifetime: 2_000,
  });
  started.push(agenda);
  return agenda;
}

describe('Agenda', () => {
  it('runs a one-off job scheduled with now() and records its completion', async () => {
    const agenda = makeAgenda('single', 'jobs_now');
    const seen: unknown[] = [];
    agenda.define('send-welcome', async (job: Job<{ user: string }>) => {
      seen.push(job.attrs.data.user);
    });
    await agenda.start();
    await agenda.now('send-welcome', { user: 'ana' });
    expect(await waitFor(async () => seen.length > 0, 15_000)).toBe(true);
    expect(seen).toEqual(['ana']);
    const finished = await waitFor(async () => {
      const doc = await t.db.collection<AnyDoc>('jobs_now').findOne({ name: 'send-welcome' });
      return Boolean(doc?.lastFinishedAt);
    }, 5_000);
    expect(finished).toBe(true);
    const doc = await t.db.collection<AnyDoc>('jobs_now').findOne({ name: 'send-welcome' });
    expect(doc).toMatchObject({ name: 'send-welcome', data: { user: 'ana' } });
    expect(doc!.lastRunAt).toBeInstanceOf(Date);
  });

  it('runs an every() job repeatedly and keeps a single job document', async () => {
    const agenda = makeAgenda('repeat', 'jobs_every');
    let runs = 0;
    agenda.define('tick', async () => {
      runs += 1;
    });
    await agenda.start();
    await agenda.every(300, 'tick');
    await agenda.every(300, 'tick'); // a restart re-declares it: the upsert must not duplicate
    expect(await waitFor(async () => runs >= 3, 20_000)).toBe(true);
    expect(await t.db.collection<AnyDoc>('jobs_every').countDocuments({ name: 'tick' })).toBe(1);
    const doc = await t.db.collection<AnyDoc>('jobs_every').findOne({ name: 'tick' });
    expect(doc).toMatchObject({ type: 'single' });
    expect(doc!.repeatInterval).toBeDefined();
    expect(doc!.nextRunAt).toBeInstanceOf(Date);
  });

  it('two instances on one collection never run the same job twice', async () => {
    const runsById = new Map<string, string[]>();
    const handler = (instance: string) => async (job: Job<{ id: string }>) => {
      const list = runsById.get(job.attrs.data.id) ?? [];
      list.push(instance);
      runsById.set(job.attrs.data.id, list);
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const a = makeAgenda('worker-a', 'jobs_shared');
    const b = makeAgenda('worker-b', 'jobs_shared');
    a.define('work', handler('a'));
    b.define('work', handler('b'));
    const ids = Array.from({ length: 16 }, (_, i) => `job-${i}`);
    for (const id of ids) await a.now('work', { id });
    await Promise.all([a.start(), b.start()]);
    expect(await waitFor(async () => runsById.size === ids.length, 20_000)).toBe(true);
    // give a double run the chance to show itself before judging
    await new Promise((resolve) => setTimeout(resolve, 600));
    for (const id of ids) expect(runsById.get(id)).toHaveLength(1);
    const byInstance = [...runsById.values()].flat();
    expect(byInstance.length).toBe(ids.length);
  });
});

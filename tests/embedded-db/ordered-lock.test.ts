/**
 * Agenda's lock through the official driver: findOneAndUpdate with its `$or` filter and sort
 * {nextRunAt: 'asc', priority: 'desc'} (as @agendajs/mongo-backend sends it) takes due jobs in due
 * order, higher priority first, never one twice and never a future or freshly locked one; a
 * stale lock is taken over. Explain names the lock index for the sorted query.
 */
import type { Collection } from 'mongodb';
import { openTestDb, type AnyDoc, type TestDb } from './helpers/db.js';

let t: TestDb;
let jobs: Collection<AnyDoc>;
const NOW = new Date('2026-11-25T12:00:00Z');
const at = (min: number) => new Date(NOW.getTime() + min * 60_000);

beforeAll(async () => {
  t = await openTestDb('ordered_lock');
  jobs = t.db.collection<AnyDoc>('agendaJobs');
  await jobs.createIndex(
    { name: 1, nextRunAt: 1, priority: -1, lockedAt: 1, disabled: 1 },
    { name: 'findAndLockNextJobIndex' },
  );
  await jobs.insertMany([
    { _id: 'done', name: 'r', nextRunAt: null, priority: 0, lockedAt: null },
    { _id: 'late-low', name: 'r', nextRunAt: at(-5), priority: 0, lockedAt: null },
    { _id: 'late-high', name: 'r', nextRunAt: at(-5), priority: 10, lockedAt: null },
    { _id: 'due', name: 'r', nextRunAt: at(-1), priority: 0 },
    { _id: 'disabled', name: 'r', nextRunAt: at(-9), priority: 0, disabled: true },
    { _id: 'busy', name: 'r', nextRunAt: at(-9), priority: 0, lockedAt: at(-1) },
    { _id: 'stale', name: 'r', nextRunAt: null, priority: 0, lockedAt: at(-60) },
    { _id: 'future', name: 'r', nextRunAt: at(30), priority: 0, lockedAt: null },
    { _id: 'other', name: 'x', nextRunAt: at(-30), priority: 0, lockedAt: null },
  ]);
});
afterAll(async () => t.close());

const lockQuery = {
  name: 'r',
  disabled: { $ne: true },
  $or: [{ lockedAt: { $eq: null }, nextRunAt: { $lte: NOW } }, { lockedAt: { $lte: at(-10) } }],
};

it('locks due jobs one at a time in due order, higher priority first, and takes over a stale lock', async () => {
  const locked: unknown[] = [];
  for (;;) {
    const job = await jobs.findOneAndUpdate(
      lockQuery,
      { $set: { lockedAt: NOW } },
      { sort: { nextRunAt: 'asc', priority: 'desc' }, returnDocument: 'after' },
    );
    if (!job) break;
    locked.push(job._id);
  }
  // 'stale' sorts first (nextRunAt null) and matches through its expired lock.
  expect(locked).toEqual(['stale', 'late-high', 'late-low', 'due']);
});

it('explain names the index the sorted query walks', async () => {
  const plan = await jobs.find(lockQuery).sort({ nextRunAt: 1, priority: -1 }).explain();
  expect(plan.queryPlanner.winningPlan.inputStage.indexName).toBe('findAndLockNextJobIndex');
});

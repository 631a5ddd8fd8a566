/**
 * 10,000 due deadline-reminder jobs processed by the real Agenda on a fresh embedded engine:
 * 2,000 innovators x the sample programme's 5 assignments, every reminder due now. Each job runs
 * the production handler (due date and submission check, notification, send-email job queued).
 * Prints the time, jobs/s and the check that no reminder was notified twice (target: within 60 s).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { startEmbeddedMongo } from '../../server/db/embedded/index.js';
import { importCurriculum } from '../../server/features/curriculum/curriculum-import.service.js';
import { listAssignments } from '../../server/features/curriculum/curriculum.service.js';
import { dueDatesFor } from '../../server/features/assignments/due-dates.service.js';
import { Cohort } from '../../server/features/cohorts/cohort.model.js';
import { User } from '../../server/features/users/user.model.js';
import { Notification } from '../../server/features/notifications/notification.model.js';
import type { Job } from 'agenda';
import {
  createAgenda,
  ensureJobIndexes,
  JOBS_COLLECTION,
  setAgenda,
} from '../../server/jobs/agenda.js';
import { table } from './lib/report.js';

const INNOVATORS = Number(process.env.BENCH_REMINDER_INNOVATORS ?? 2000);
const COHORT_SIZE = 20;
const progress = (m: string) => process.stderr.write(`[bench:reminders] ${m}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The engine in this process (as `npm start` runs it) or, with BENCH_ENGINE=process, in its own
 * process (`npm run db`), which lets it use the second core.
 */
async function startEngine(
  dbPath: string,
): Promise<{ uri: string; stop(): Promise<void>; label: string }> {
  if (process.env.BENCH_ENGINE !== 'process') {
    const engine = await startEmbeddedMongo({ dbPath, port: 0 });
    return { uri: engine.uri, stop: () => engine.stop(), label: 'in the same process' };
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/db/embedded/cli.ts', '--dbpath', dbPath, '--port', String(port)],
    { stdio: 'ignore' },
  );
  const uri = `mongodb://127.0.0.1:${port}`;
  return {
    uri,
    label: 'in its own process',
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atelier-bench-reminders-'));
  const engine = await startEngine(path.join(dir, 'db'));
  for (let i = 0; ; i += 1) {
    try {
      await mongoose.connect(engine.uri, {
        dbName: 'bench_reminders_test',
        maxPoolSize: 20,
        serverSelectionTimeoutMS: 1000,
      });
      break;
    } catch (err) {
      if (i > 30) throw err;
    }
  }
  try {
    progress('importing the sample programme');
    await importCurriculum(path.resolve('curriculum'), {
      uploadsDir: path.join(dir, 'uploads'),
      maxResourceBytes: 5 * 1024 * 1024,
    });
    const assignments = await listAssignments();
    progress(`creating ${INNOVATORS} innovators`);
    const users = Array.from({ length: INNOVATORS }, (_, i) => ({
      _id: new Types.ObjectId(),
      email: `innovator${i}@bench.test`,
      name: `Innovator ${i}`,
      roles: ['innovator'],
      countries: ['RS'],
      profile: { country: 'RS', languages: [] },
      active: true,
      passwordHash: null,
    }));
    await User.insertMany(users);
    const start = new Date(Date.now() - 5 * 86_400_000);
    // Cohorts of 20, as in the programme (a cohort document holds its members' ids).
    for (let c = 0; c * COHORT_SIZE < users.length; c += 1) {
      const members = users.slice(c * COHORT_SIZE, (c + 1) * COHORT_SIZE).map((u) => u._id);
      await Cohort.create({
        name: `Bench ${c}`,
        slug: `bench-${c}`,
        startDate: start,
        endDate: new Date(start.getTime() + 200 * 86_400_000),
        countries: ['RS'],
        members,
      });
    }
    const due = await dueDatesFor(
      String(users[0]._id),
      assignments.map((a) => ({ id: a.assignment.id, dueDays: a.assignment.dueDays })),
    );
    const now = new Date();
    const docs = users.flatMap((u) =>
      assignments.map((a) => ({
        name: 'deadline-reminder',
        type: 'normal',
        priority: 0,
        nextRunAt: now,
        data: {
          innovatorId: String(u._id),
          assignmentId: a.assignment.id,
          type: 'before',
          days: 3,
          dueAt: due.get(a.assignment.id)!.dueAt.toISOString(),
        },
      })),
    );
    progress(`inserting ${docs.length} due jobs`);
    for (let i = 0; i < docs.length; i += 1000)
      await mongoose.connection.collection(JOBS_COLLECTION).insertMany(docs.slice(i, i + 1000));

    await ensureJobIndexes(mongoose.connection);
    // startJobs()'s settings; this worker runs the reminders only: the send-email jobs they queue
    // stay queued (counted below), as another worker's work.
    const agenda = createAgenda(mongoose.connection, { jobs: ['deadline-reminder'] });
    setAgenda(agenda);
    const runs = new Map<string, number>();
    let done = 0;
    let failed = 0;
    agenda.on('start:deadline-reminder', (job: Job) => {
      const id = String(job.attrs._id);
      runs.set(id, (runs.get(id) ?? 0) + 1);
    });
    agenda.on('complete:deadline-reminder', () => (done += 1));
    agenda.on('fail:deadline-reminder', () => (failed += 1));
    const t0 = process.hrtime.bigint();
    await agenda.start();
    let reported = 0;
    while (done < docs.length && Number(process.hrtime.bigint() - t0) / 1e9 < 300) {
      await new Promise((r) => setTimeout(r, 250));
      if (done - reported >= 1000) progress(`${(reported = done)} processed`);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await agenda.drain({ timeout: 30_000, closeConnection: false });
    const twice = [...runs.values()].filter((n) => n > 1).length;
    const notifications = await Notification.countDocuments({ kind: 'deadline-reminder' });
    const distinct = (await Notification.distinct('key', { kind: 'deadline-reminder' })).length;
    const emailJobs = await mongoose.connection
      .collection(JOBS_COLLECTION)
      .countDocuments({ name: 'send-email' });
    const pass = done === docs.length && seconds <= 60 && twice === 0 && notifications === distinct;
    console.log(`## Deadline reminders (Agenda)

${docs.length.toLocaleString('en-US')} deadline-reminder jobs, all due at once (${INNOVATORS.toLocaleString('en-US')} innovators in cohorts of ${COHORT_SIZE} x ${assignments.length} assignments), processed by one Agenda worker with startJobs()' settings (processEvery 1 s, lockLimit 200, maxConcurrency 50, Agenda's lock order by due time) on the embedded engine ${engine.label}. Each job runs the production handler: due-date and submission check, an in-app notification, a send-email job queued (left for the email worker: not run here). "Ran twice" counts jobs Agenda started more than once.

${table(
  [
    'Jobs',
    'Completed',
    'Failed',
    'Ran twice',
    'Seconds',
    'Jobs/s',
    'Notifications',
    'Distinct keys',
    'Email jobs queued',
    'Target (60 s)',
  ],
  [
    [
      docs.length,
      done,
      failed,
      twice,
      seconds.toFixed(1),
      (done / seconds).toFixed(0),
      notifications,
      distinct,
      emailJobs,
      pass ? 'PASS' : 'MISS',
    ],
  ],
)}
`);
    console.error(
      `[bench:reminders] ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(0)} jobs/s, ${twice} ran twice`,
    );
  } finally {
    await mongoose.disconnect();
    await engine.stop();
  }
}

// Exit explicitly: Agenda's timers outlive drain() and would keep `npm run bench` waiting.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

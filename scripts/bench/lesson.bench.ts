/**
 * Issue 6: a signed-in learner opening a lesson page (session, progress lookup, cached Markdown)
 * against a bare Express + EJS app serving the same HTML, and "mark complete" POSTs per second, on
 * a database seeded with 1,000 learners and 50,000 progress records. Prints a markdown section
 * with PASS/MISS per target. BENCH_DURATION (s per round, default 3) and BENCH_ROUNDS (default 5:
 * this virtual machine swings by about 10% from one 3 s round to the next).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express from 'express';
import mongoose from 'mongoose';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config/env.js';
import { ChangeCounters } from '../../server/db/embedded/change-counters.js';
import { startEmbeddedMongoThread } from '../../server/db/embedded/thread.js';
import { WATCHED_FIELDS, watchChanges } from '../../server/db/read-cache.js';
import { createSessionStore } from '../../server/db/session-store.js';
import { hashPassword } from '../../server/features/auth/password.service.js';
import { importCurriculum } from '../../server/features/curriculum/curriculum-import.service.js';
import { getCourseOutline } from '../../server/features/learning/course-outline.service.js';
import type { CourseOutline } from '../../server/features/learning/course.types.js';
import { LessonProgress } from '../../server/features/progress/progress.model.js';
import { User } from '../../server/features/users/user.model.js';
import { setLogLevel } from '../../server/lib/logger.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LEARNERS = 1000;
const RECORDS_PER_LEARNER = 50;
const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PASSWORD = 'Bench-lantern-orchard-42';
// Never "atelier": the bench drops its database when done, even on a MONGODB_URI server.
const DB_NAME = 'atelier_bench_lesson';

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  /** Responses by status code (and errors), over all rounds. */
  codes: Map<string, number>;
  /** Responses other than the expected status, plus errors and time-outs: must be 0. */
  unexpected: number;
  /** CPU milliseconds of this thread (app and load generator) per response; NaN without /proc. */
  cpuMs: number;
  /** Database operations (serverStatus opcounters) per response. */
  dbOps: number;
}

/** This thread's CPU time in ms (Linux /proc; NaN elsewhere). */
function threadCpuMs(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s
  } catch {
    return NaN;
  }
}

async function dbOperations(): Promise<number> {
  const status = await mongoose.connection.db!.admin().command({ serverStatus: 1 });
  return Object.values(status.opcounters as Record<string, number>).reduce((a, b) => a + Number(b), 0);
}

type Request = Parameters<typeof autocannon>[0];

async function load(opts: Partial<Request> & { url: string }, expected: number, seconds = DURATION): Promise<Figures> {
  const [cpu0, ops0] = [threadCpuMs(), await dbOperations()];
  const r = await autocannon({ connections: CONNECTIONS, duration: seconds, ...opts } as Request);
  // Less the serverStatus call that ends the count.
  const [cpu, ops] = [threadCpuMs() - cpu0, (await dbOperations()) - ops0 - 1];
  const codes = new Map(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  if (r.errors) codes.set('errors', r.errors);
  const good = codes.get(String(expected)) ?? 0;
  const all = [...codes.entries()].filter(([k]) => k !== 'errors').reduce((n, [, c]) => n + c, 0);
  const n = Math.max(1, all);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, codes, unexpected: all - good + r.errors + r.timeouts, cpuMs: cpu / n, dbOps: ops / n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Medians over the rounds; status counts are summed. */
function combine(runs: Figures[]): Figures {
  const codes = new Map<string, number>();
  for (const r of runs) for (const [k, v] of r.codes) codes.set(k, (codes.get(k) ?? 0) + v);
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    dbOps: median(runs.map((r) => r.dbOps)),
    codes,
    unexpected: runs.reduce((n, r) => n + r.unexpected, 0),
  };
}

/** Runs the scenarios in alternating rounds (A, B, C, A, B, C ...) so bursts of load elsewhere hit all. */
async function rounds(scenarios: (() => Promise<Figures>)[]): Promise<Figures[]> {
  const runs = scenarios.map(() => [] as Figures[]);
  for (let i = 0; i < ROUNDS; i += 1) for (const [k, run] of scenarios.entries()) runs[k]!.push(await run());
  return runs.map(combine);
}

function listen(app: express.Express): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Signs a learner in through the real form; returns their cookies and a CSRF token from `page`. */
async function signIn(base: string, email: string, page: string): Promise<{ cookie: string; token: string }> {
  const jar = new Map<string, string>();
  const absorb = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const tokenIn = (html: string) => /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const login = await fetch(`${base}/login`);
  absorb(login);
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: tokenIn(await login.text()) }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  absorb(res);
  const opened = await fetch(`${base}${page}`, { headers: { cookie: cookie() } });
  if (opened.status !== 200) throw new Error(`${page} answered ${opened.status}`);
  absorb(opened);
  return { cookie: cookie(), token: tokenIn(await opened.text()) };
}

/** 1,000 learners part-way through the programme, topped up to 50 records each with a past pilot's. */
async function seedLearners(outline: CourseOutline): Promise<mongoose.Types.ObjectId[]> {
  const hash = await hashPassword(PASSWORD);
  const users = await User.insertMany(
    Array.from({ length: LEARNERS }, (_, i) => ({
      email: `learner${i}@bench.example`,
      name: `Learner ${i}`,
      roles: ['innovator'],
      countries: ['RS'],
      profile: { country: 'RS', languages: [] },
      passwordHash: hash,
      active: true,
    })),
  );
  const lessons = outline.modules.flatMap((m) => m.lessons.map((l) => ({ module: m.slug, lesson: l.slug })));
  const firstModule = outline.modules[0]!.lessons.length;
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (let start = 0; start < users.length; start += 50) {
    const docs = users.slice(start, start + 50).flatMap((u, k) => {
      // Everyone has finished the first module and got some way into the rest.
      const done = firstModule + ((start + k) % (lessons.length - firstModule));
      const base = { user: u._id, firstOpenedAt: hourAgo, lastVisitedAt: hourAgo, visits: 2, timeSpentSeconds: 600, quizAttemptCount: 0, quizAttempts: [] };
      const real = lessons.map((l, i) => ({
        ...base,
        ...l,
        programme: outline.programmeSlug,
        ...(i < done ? { status: 'completed', completedAt: hourAgo } : { status: 'in_progress' }),
      }));
      const pilot = Array.from({ length: RECORDS_PER_LEARNER - real.length }, (_, j) => ({
        ...base,
        programme: 'pilot-2025',
        module: 'pilot',
        lesson: `pilot-lesson-${j}`,
        status: 'completed',
        completedAt: hourAgo,
      }));
      return [...real, ...pilot];
    });
    await LessonProgress.collection.insertMany(docs);
  }
  return users.map((u) => u._id);
}

async function main(): Promise<void> {
  setLogLevel('silent');
  const work = mkdtempSync(path.join(tmpdir(), 'atelier-bench-lesson-'));
  // As connection.ts starts it: in its own thread, with the change counters the read caches use.
  const engine = process.env.MONGODB_URI
    ? null
    : await startEmbeddedMongoThread({
        dbPath: path.join(work, 'db'),
        port: 0,
        localSocket: true,
        changeCounters: { buffer: ChangeCounters.allocate(), fields: [...WATCHED_FIELDS] },
      });
  if (engine?.changes) watchChanges(engine.changes);
  await mongoose.connect(process.env.MONGODB_URI ?? engine!.localUri, { dbName: DB_NAME });
  await mongoose.connection.db!.dropDatabase();
  // Not Model.init(): mongoose started it when the connection opened, so it may have finished
  // before dropDatabase; createIndexes() builds the indexes on the now empty database for sure.
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghijkl',
    DATA_DIR: path.join(work, 'data'),
    UPLOADS_DIR: path.join(work, 'uploads'),
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
  });
  await importCurriculum(path.join(ROOT, 'curriculum'), { uploadsDir: config.uploadsDir, maxResourceBytes: config.uploadMaxBytes });
  const outline = (await getCourseOutline())!;
  const userIds = await seedLearners(outline);
  const recordCount = await LessonProgress.estimatedDocumentCount();
  const platform = await listen(createApp({ config, sessionStore: createSessionStore(mongoose.connection) }));

  // The learner opens the first lesson of the second module (unlocked by the first).
  const [first, second] = outline.modules as [CourseOutline['modules'][number], CourseOutline['modules'][number]];
  const lessonPath = `/learn/${second.slug}/${second.lessons[0]!.slug}`;
  const reader = await signIn(platform.url, 'learner3@bench.example', lessonPath);
  const html = await (await fetch(`${platform.url}${lessonPath}`, { headers: { cookie: reader.cookie } })).text();
  writeFileSync(path.join(work, 'lesson.ejs'), html.replaceAll('<%', '<%%'));
  const bare = express();
  bare.set('views', work);
  bare.set('view engine', 'ejs');
  bare.set('view cache', true);
  bare.get('/', (_req, res) => res.render('lesson'));
  const floorServer = await listen(bare);

  // Writers: 20 learners marking the first module's lessons without a quiz complete, at random.
  const completable = first.lessons.filter((l) => !l.quizId).map((l) => `/learn/${first.slug}/${l.slug}/complete`);
  const writers: { cookie: string; token: string }[] = [];
  for (let i = 0; i < 20; i += 1) writers.push(await signIn(platform.url, `learner${500 + i}@bench.example`, `/learn/${first.slug}`));
  await LessonProgress.deleteMany({ user: { $in: userIds.slice(500, 520) } });
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const openLessons = [first, second].flatMap((m) => m.lessons.map((l) => `/learn/${m.slug}/${l.slug}`));

  const floorRun = () => load({ url: `${floorServer.url}/` }, 200);
  const lessonRun = () => load({ url: `${platform.url}${lessonPath}`, headers: { cookie: reader.cookie } }, 200);
  // The same learner jumping between lessons: nearly every view is a new visit with its writes.
  const browseRun = () =>
    load({ url: platform.url, headers: { cookie: reader.cookie }, requests: [{ setupRequest: (req) => ({ ...req, path: pick(openLessons) }) }] }, 200);
  const completeRun = () =>
    load(
      {
        url: platform.url,
        requests: [
          {
            setupRequest: (req) => {
              const w = pick(writers);
              return {
                ...req,
                method: 'POST',
                path: pick(completable),
                headers: { cookie: w.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
                body: `_csrf=${encodeURIComponent(w.token)}`,
              };
            },
          },
        ],
      },
      303,
    );
  for (const warm of [floorRun, lessonRun]) await warm();
  const [floor, lesson, browse, complete] = await rounds([floorRun, lessonRun, browseRun, completeRun]);
  const firstCompletions = await LessonProgress.countDocuments({ user: { $in: userIds.slice(500, 520) }, completedAt: { $exists: true } });

  await platform.close();
  await floorServer.close();
  await mongoose.connection.db!.dropDatabase();
  await mongoose.disconnect();
  await engine?.stop();
  rmSync(work, { recursive: true, force: true });

  const ratio = lesson.rps / floor.rps;
  const verdict = (f: Figures, ok: boolean) => (f.unexpected === 0 && ok ? 'PASS' : 'MISS');
  const codes = (f: Figures) => [...f.codes].map(([k, v]) => `${k}: ${v}`).join(', ');
  const row = (name: string, f: Figures) =>
    `| ${name} | ${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.cpuMs.toFixed(2)} | ${f.dbOps.toFixed(1)} | ${codes(f)} |`;
  console.log(`## Lesson page and completions (issue 6)

${LEARNERS.toLocaleString('en')} learners and ${recordCount.toLocaleString('en')} progress records on ${engine ? 'the embedded engine' : 'MONGODB_URI'};
${CONNECTIONS} connections; ${ROUNDS} alternating rounds of ${DURATION} s per scenario after a warm-up, medians shown;
server and load generator in this one process, the database engine in its own thread (reached over a Unix socket) as \`npm start\` runs it, on ${cpus().length} CPU(s).
A lesson page view needs the session, the person (accounts), the learner's progress records and the bell's unread count; ${engine ? `with the embedded engine these
come from the read caches while the engine's change counters show no write to them (server/db/read-cache.ts), so a repeat view reads nothing from the database` : 'on MONGODB_URI the first three are read from the database and the count is kept in the session for 30 s'}.
A view records the visit: reloads of the same lesson within a minute are one visit and write nothing, so the single-page run mostly reads.
The "moving between lessons" run is informative: nearly every view there writes one or two records, and the next view reads the learner's records again.
"App-thread CPU" is the CPU time of the thread that runs the web app and the load generator, per
response (the floor's figure is the load generator plus a bare Express render); "DB operations"
come from the engine's serverStatus opcounters.

| Scenario | Requests/s | p50 ms | p99 ms | App-thread CPU ms/request | DB operations/request | Responses |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${row('Bare Express + EJS, same HTML (floor)', floor)}
${row(`Lesson page \`${lessonPath}\`, signed-in learner`, lesson)}
${row(`Lesson pages, the learner moving between ${openLessons.length} lessons`, browse)}
${row('Mark complete POST, 20 learners (answer: 303 See Other)', complete)}

${firstCompletions} first completions; the other requests were repeats (one record, one time each).

| Target | Measured | Result |
| --- | ---: | --- |
| Lesson page >= 40% of the floor's requests/s | ${(ratio * 100).toFixed(1)}% | ${verdict(lesson, ratio >= 0.4)} |
| Lesson page p99 < 50 ms at ${CONNECTIONS} connections | ${lesson.p99} ms | ${verdict(lesson, lesson.p99 < 50)} |
| Mark complete >= 1,000/s | ${Math.round(complete.rps)}/s | ${verdict(complete, complete.rps >= 1000)} |
`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

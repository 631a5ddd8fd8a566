/**
 * `npm run bench:db`: the embedded engine over loopback through the official driver. Measures
 * ping/s (the protocol floor), sequential acknowledged inserts/s, journaled inserts/s with 8
 * concurrent writers, indexed findOne/s, and findOne on 100,000 documents by indexed vs
 * unindexed field against the same lookup on 1,000. Prints a markdown section with the figures
 * and the targets (PASS/MISS). BENCH_DURATION (seconds per measure, default 2) bounds it;
 * BENCH_DB_URI measures another server (e.g. a real mongod) instead of a fresh engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection, type Document } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embedded/index.js';

const SECONDS = Number(process.env.BENCH_DURATION ?? 2);
const WRITERS = 8;
const BIG = 100_000;
const SMALL = 1_000;

const progress = (msg: string): void => {
  process.stderr.write(`[bench:db] ${msg}\n`);
};

/**
 * Runs `op` from `workers` loops for SECONDS after a time-based warm-up (JIT, connection pool);
 * returns operations/s.
 */
async function rate(
  workers: number,
  op: (i: number) => Promise<unknown>,
  seconds = SECONDS,
  maxOps = Infinity,
): Promise<number> {
  const warmUntil = Date.now() + Math.min(500, seconds * 250);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; Date.now() < warmUntil && i < maxOps / 10; i += 1) await op(i);
    }),
  );
  let done = 0;
  const start = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < deadline && done < maxOps) {
        await op(done);
        done += 1;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return done / elapsed;
}

/**
 * Rates of several single-in-flight operations measured in alternating 250 ms slices, so load
 * drift on a shared machine hits them all alike (their ratios are what the targets judge).
 */
async function interleaved(
  ops: Record<string, () => Promise<unknown>>,
  seconds: number,
): Promise<Record<string, number>> {
  const names = Object.keys(ops);
  for (const name of names) await rate(1, ops[name], 0.3);
  const done: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const spent: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (let slice = 0; slice < Math.ceil(seconds / 0.25); slice += 1) {
    for (const name of names) {
      const start = process.hrtime.bigint();
      const end = Date.now() + 250;
      while (Date.now() < end) {
        await ops[name]();
        done[name] += 1;
      }
      spent[name] += Number(process.hrtime.bigint() - start) / 1e9;
    }
  }
  return Object.fromEntries(names.map((n) => [n, done[n] / spent[n]]));
}

async function fill(coll: Collection<Document>, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
      const id = i + k;
      return {
        email: `user${id}@example.org`,
        plain: `user${id}@example.org`,
        n: id,
        bio: 'x'.repeat(100),
      };
    });
    await coll.insertMany(batch, { ordered: false });
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pick = (n: number): number => Math.floor(Math.random() * n);

async function main(): Promise<void> {
  const external = process.env.BENCH_DB_URI;
  const dbPath = external ? undefined : mkdtempSync(path.join(tmpdir(), 'atelier-bench-db-'));
  const engine = dbPath ? await startEmbeddedMongo({ dbPath, port: 0 }) : undefined;
  const client = new MongoClient(external ?? engine!.uri, { maxPoolSize: WRITERS * 2 });
  try {
    await client.connect();
    const db = client.db('bench_db_test');
    await db.dropDatabase();

    progress('sequential inserts');
    const seqInsert = await rate(1, (i) =>
      db.collection('seq').insertOne({ i, at: new Date(), pad: 'p'.repeat(100) }),
    );
    progress('8 concurrent journaled writers');
    const durable = await rate(WRITERS, (i) =>
      db
        .collection('durable')
        .insertOne(
          { i, at: new Date(), pad: 'p'.repeat(100) },
          { writeConcern: { w: 1, j: true } },
        ),
    );

    progress(`filling ${SMALL} and ${BIG} documents`);
    const small = db.collection('users_1k');
    const big = db.collection('users_100k');
    await fill(small, SMALL);
    await fill(big, BIG);
    await small.createIndex({ email: 1 }, { unique: true });
    await big.createIndex({ email: 1 }, { unique: true });

    progress('ping and indexed findOne, interleaved');
    const rates = await interleaved(
      {
        ping: () => db.command({ ping: 1 }),
        find1k: () => small.findOne({ email: `user${pick(SMALL)}@example.org` }),
        find100k: () => big.findOne({ email: `user${pick(BIG)}@example.org` }),
      },
      SECONDS * 2,
    );
    const { ping, find1k: indexed1k, find100k: indexed100k } = rates;
    progress('unindexed findOne (full scans)');
    const unindexed100k = await rate(
      1,
      () => big.findOne({ plain: `user${pick(BIG)}@example.org` }),
      SECONDS,
      200,
    );

    const ratioPing = indexed1k / ping;
    const slowdown = indexed1k / indexed100k;
    const rows = [
      ['`ping` (protocol floor)', `${fmt(ping)}/s`],
      ['Sequential acknowledged `insertOne`', `${fmt(seqInsert)}/s`],
      [`Journaled \`insertOne\` (j: true), ${WRITERS} concurrent writers`, `${fmt(durable)}/s`],
      [`Indexed \`findOne\`, ${fmt(SMALL)} documents`, `${fmt(indexed1k)}/s`],
      [`Indexed \`findOne\`, ${fmt(BIG)} documents`, `${fmt(indexed100k)}/s`],
      [`Unindexed \`findOne\`, ${fmt(BIG)} documents (full scan)`, `${unindexed100k.toFixed(1)}/s`],
      ['Indexed `findOne` / `ping`', `${(100 * ratioPing).toFixed(0)}%`],
      [
        `Indexed lookup slowdown, ${fmt(BIG)} vs ${fmt(SMALL)} documents`,
        `${slowdown.toFixed(2)}x`,
      ],
    ];
    const targets = [
      ['Indexed `findOne` >= 70% of `ping`', `${(100 * ratioPing).toFixed(0)}%`, ratioPing >= 0.7],
      [
        `>= 3,000 journaled inserts/s with ${WRITERS} writers`,
        `${fmt(durable)}/s`,
        durable >= 3000,
      ],
      [
        `${fmt(BIG)}-document indexed lookup no more than 2x slower than ${fmt(SMALL)}`,
        `${slowdown.toFixed(2)}x`,
        slowdown <= 2,
      ],
    ] as const;
    const server = engine
      ? 'the embedded engine (fresh data directory, journal fsync per group commit)'
      : 'the server at BENCH_DB_URI';
    console.log(
      [
        '## Embedded database (scripts/bench/db.bench.ts)',
        '',
        `${server}, over loopback through the official \`mongodb\` driver, one client in this process;`,
        `${SECONDS} s per measure after a warm-up, one operation in flight unless stated; ping and the`,
        `indexed lookups run in alternating 250 ms slices (${SECONDS * 2} s each) so they share any load drift.`,
        '',
        '| Measure | Result |',
        '| --- | ---: |',
        ...rows.map(([m, r]) => `| ${m} | ${r} |`),
        '',
        '| Target | Figure | Result |',
        '| --- | ---: | :---: |',
        ...targets.map(([t, f, ok]) => `| ${t} | ${f} | ${ok ? 'PASS' : 'MISS'} |`),
        '',
      ].join('\n'),
    );
    await db.dropDatabase();
  } finally {
    try {
      await client.close();
      await engine?.stop();
    } finally {
      if (dbPath) rmSync(dbPath, { recursive: true, force: true });
    }
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

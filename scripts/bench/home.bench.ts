/**
 * The home page served by the platform (createApp on the embedded engine, in this process) vs
 * the same HTML rendered by a bare Express + EJS app: the floor of this stack. Prints a markdown
 * section with requests/s, p50/p99 latency and the ratio.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config/env.js';
import { connectDatabase } from '../../server/db/connection.js';
import { createSessionStore, ensureSessionIndex } from '../../server/db/session-store.js';
import { logger, setLogLevel } from '../../server/lib/logger.js';
import { compare, settings } from './lib/load.js';
import { fixed, loadTable } from './lib/report.js';

function listen(app: express.Express): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function main(): Promise<void> {
  setLogLevel('silent');
  const work = mkdtempSync(path.join(tmpdir(), 'atelier-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghij',
    DATA_DIR: path.join(work, 'data'),
    UPLOADS_DIR: path.join(work, 'uploads'),
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
  });
  const db = await connectDatabase(config, logger);
  await ensureSessionIndex(db.connection);
  const sessionStore = createSessionStore(db.connection);
  const platform = await listen(createApp({ config, sessionStore, dbConnection: db.connection }));

  // The floor: Express rendering the very same HTML through EJS (view cache on), nothing else.
  const html = await (await fetch(platform.url, { headers: { accept: 'text/html' } })).text();
  writeFileSync(path.join(work, 'home.ejs'), html.replaceAll('<%', '<%%'));
  const bare = express();
  bare.set('views', work);
  bare.set('view engine', 'ejs');
  bare.set('view cache', true);
  bare.get('/', (_req, res) => res.render('home'));
  const floor = await listen(bare);

  const [platformRun, floorRun] = await compare([
    { label: 'Atelier (createApp, embedded engine)', url: platform.url },
    { label: 'Bare Express + EJS, same HTML', url: floor.url },
  ]);
  const { connections, durationSec, rounds } = settings();
  await platform.close();
  await floor.close();
  await db.close();
  rmSync(work, { recursive: true, force: true });

  const ratio = platformRun.requestsPerSec / floorRun.requestsPerSec;
  console.log(`## Home page: platform vs bare Express + EJS

The visitor home page (${(html.length / 1024).toFixed(1)} KB of HTML) served by \`createApp()\` with
every middleware (helmet, compression negotiation, sessions on the embedded engine, CSRF token,
request logging at level silent) against a bare Express app rendering the same HTML through EJS.
${connections} connections; after a 1 s warm-up each, ${rounds} alternating rounds of ${durationSec} s per
server, figures are the medians of the rounds; both servers in this process on ${cpus().length} CPU(s).

${loadTable([platformRun, floorRun])}

**Ratio**: the platform serves **${fixed(ratio * 100, 0)}%** of the bare floor's requests/s
(p99 ${fixed(platformRun.p99Ms)} ms vs ${fixed(floorRun.p99Ms)} ms).
`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * npm run seed:demo - demo people and a demo cohort (see server/features/users/demo-seed.service.ts).
 * Connects like the server: MONGODB_URI, or the embedded engine under DATA_DIR (the running
 * server's engine when it holds the data directory).
 */
import { getConfig } from '../server/config/env.js';
import { connectDatabase } from '../server/db/connection.js';
import { DEMO_COHORT, DEMO_PEOPLE, seedDemo } from '../server/features/users/demo-seed.service.js';
import { logger, setLogLevel } from '../server/lib/logger.js';

const config = getConfig();
setLogLevel(process.env.LOG_LEVEL ?? 'warn');
const db = await connectDatabase(config, logger);
try {
  const result = await seedDemo();
  const lines = [
    `Demo data ready (${result.created.length} people created, ${result.existing.length} already there).`,
    `Cohort: ${DEMO_COHORT.name} (/admin/cohorts/${DEMO_COHORT.slug})`,
    '',
    'DEMO ONLY - these passwords are public. Never run seed:demo on a real server.',
    ...DEMO_PEOPLE.map((p) => `  ${p.role.padEnd(10)} ${p.email.padEnd(34)} ${p.password}`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
} catch (err) {
  process.stderr.write(`seed:demo failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}

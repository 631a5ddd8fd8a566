/**
 * npm run curriculum:import [-- <path>]
 * Imports a programme folder (or every programme under a folder; default: curriculum/). Checks
 * everything first and lists every problem as file:line: reason; writes nothing if any is found.
 * Lessons and modules gone from the files are removed unless changed in the browser (then kept
 * and listed). Browser edits of unchanged files are kept and listed; browser edits replaced by a
 * changed file are listed as "overwrote browser changes".
 */
import path from 'node:path';
import { getConfig } from '../server/config/env.js';
import { connectDatabase } from '../server/db/connection.js';
import { logger } from '../server/lib/logger.js';
import {
  CurriculumValidationError,
  importCurriculum,
} from '../server/features/curriculum/curriculum-import.service.js';
import { createProgress } from '../server/features/curriculum/import-progress.js';

async function main(): Promise<number> {
  const root = path.resolve(process.argv[2] ?? 'curriculum');
  const config = getConfig();
  const db = await connectDatabase(config, logger);
  const progress = createProgress(process.stdout);
  try {
    const summary = await importCurriculum(root, {
      uploadsDir: config.uploadsDir,
      maxResourceBytes: config.uploadMaxBytes,
      onProgress: (done, total, label) => progress.update(done, total, label),
    });
    progress.finish();
    console.log(
      `Imported ${summary.programmes.join(', ')}: ${summary.created.length} lesson(s) created, ${summary.updated.length} updated, ${summary.removed.length} removed, ${summary.unchanged} unchanged.`,
    );
    for (const label of summary.created) console.log(`  created ${label}`);
    for (const label of summary.updated) console.log(`  updated ${label}`);
    for (const label of summary.removed) console.log(`  removed ${label}`);
    for (const entry of summary.kept) console.log(`  kept: ${entry}`);
    for (const label of summary.overwritten) console.log(`  overwrote browser changes: ${label}`);
    return 0;
  } catch (err) {
    if (!(err instanceof CurriculumValidationError)) throw err;
    console.error(`Nothing was imported: ${err.issues.length} problem(s) found.`);
    for (const issue of err.issues) console.error(`${issue.file}:${issue.line}: ${issue.message}`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);

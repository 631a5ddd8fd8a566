/**
 * npm run curriculum:export -- <dir> [programme-slug]
 * Writes the published curriculum to <dir>/<programme-slug>/ in the import format.
 */
import path from 'node:path';
import { getConfig } from '../server/config/env.js';
import { connectDatabase } from '../server/db/connection.js';
import { logger } from '../server/lib/logger.js';
import { exportCurriculum } from '../server/features/curriculum/curriculum-export.service.js';

async function main(): Promise<number> {
  const target = process.argv[2];
  if (!target) {
    console.error('Usage: npm run curriculum:export -- <dir> [programme-slug]');
    return 1;
  }
  const config = getConfig();
  const db = await connectDatabase(config, logger);
  try {
    const summary = await exportCurriculum(path.resolve(target), {
      uploadsDir: config.uploadsDir,
      programmeSlug: process.argv[3],
    });
    console.log(
      `Exported ${summary.programmes.join(', ') || 'nothing'}: ${summary.lessons} lesson(s), ${summary.files} file(s) to ${target}.`,
    );
    for (const skipped of summary.unpublished)
      console.log(`  skipped (never published): ${skipped}`);
    return 0;
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

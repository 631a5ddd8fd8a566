/**
 * First start: an empty database gets the sample programme from curriculum/ so a new install has
 * a course to look at. Skipped as soon as any programme exists (never re-imports over edits).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { onFirstStart } from '../../lib/startup.js';
import { CurriculumValidationError, importCurriculum } from './curriculum-import.service.js';
import { Programme } from './programme.model.js';

/** The folder holding the sample programme(s), relative to the working directory. */
export const SAMPLE_CURRICULUM_DIR = 'curriculum';

onFirstStart('curriculum: import the sample programme', async ({ config, logger }) => {
  if (await Programme.exists({})) return;
  const root = path.resolve(SAMPLE_CURRICULUM_DIR);
  if (!existsSync(root)) {
    logger.warn({ root }, 'curriculum: no sample programme folder; the course starts empty');
    return;
  }
  let summary;
  try {
    summary = await importCurriculum(root, { uploadsDir: config.uploadsDir, maxResourceBytes: config.uploadMaxBytes });
  } catch (err) {
    // Broken sample files should not keep the platform from starting: report them and go on.
    if (!(err instanceof CurriculumValidationError)) throw err;
    for (const issue of err.issues) logger.error(issue, 'curriculum: sample programme not imported');
    return;
  }
  logger.info({ programmes: summary.programmes, lessons: summary.created.length }, 'curriculum: sample programme imported');
});

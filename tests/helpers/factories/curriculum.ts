/**
 * Curriculum test data: the small fixture programme (two modules, four lessons, a quiz, an
 * assignment with a rubric, a resource file) imported through the real importer.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonContent } from '../../../server/features/curriculum/content.schemas.js';
import { importCurriculum } from '../../../server/features/curriculum/curriculum-import.service.js';
import { normalizeContent } from '../../../server/features/curriculum/content-hash.js';
import { Lesson } from '../../../server/features/curriculum/lesson.model.js';
import { clearRenderCache } from '../../../server/features/curriculum/render-cache.js';

export const FIXTURE_PROGRAMME_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'unit',
  'curriculum',
  'fixtures',
  'mini-programme',
);

/** Imports the fixture programme; resource files are stored under `uploadsDir`. */
export async function importFixtureProgramme(uploadsDir: string): Promise<void> {
  clearRenderCache();
  await importCurriculum(FIXTURE_PROGRAMME_DIR, { uploadsDir, maxResourceBytes: 5 * 1024 * 1024 });
}

export interface StoredLesson {
  id: string;
  version: number;
  publishedRevision: number;
  draft: LessonContent;
  published: LessonContent | null;
}

/** A lesson as stored, by slug (throws if missing so tests fail loudly). */
export async function lessonBySlug(slug: string): Promise<StoredLesson> {
  const lesson = await Lesson.findOne({ slug }).lean();
  if (!lesson) throw new Error(`no lesson "${slug}"`);
  return {
    id: String(lesson._id),
    version: lesson.version,
    publishedRevision: lesson.publishedRevision,
    draft: normalizeContent(lesson.draft),
    published: lesson.published ? normalizeContent(lesson.published) : null,
  };
}

/** The Markdown of a lesson content's first text block. */
export function firstText(content: LessonContent | null): string {
  const block = content?.blocks.find((b) => b.type === 'text');
  return block?.type === 'text' ? block.markdown : '';
}

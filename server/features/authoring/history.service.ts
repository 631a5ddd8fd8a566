/**
 * The history page's data: revisions of a lesson, and a readable diff between a revision and the
 * one before it (or the current draft), shown in the same text format as the curriculum files.
 */
import type { LessonContent } from '../curriculum/content.schemas.js';
import { serializeLesson } from '../curriculum/files/serialize.js';
import { getRevision, listRevisions } from '../curriculum/revisions.service.js';
import { getLessonForEditing } from '../curriculum/lesson-structure.service.js';
import { diffLines, toHunks, type DiffHunk } from './line-diff.js';

/** The lesson as one text: the lesson file followed by its quiz/assignment files. */
export function lessonAsText(slug: string, content: LessonContent): string {
  const out = serializeLesson(slug, content);
  const siblings = out.siblings.flatMap((s) => ('text' in s ? [`# ${s.relPath}\n${s.text}`] : []));
  return [out.text, ...siblings].join('\n');
}

export interface RevisionComparison {
  number: number;
  against: number | 'draft' | null;
  hunks: DiffHunk[];
  added: number;
  removed: number;
}

/** Diff of revision `number` against the revision before it (the first one against nothing). */
export async function compareWithPrevious(
  lessonId: string,
  number: number,
): Promise<RevisionComparison> {
  const lesson = await getLessonForEditing(lessonId);
  const current = await getRevision(lessonId, number);
  const previous = number > 1 ? await getRevision(lessonId, number - 1).catch(() => null) : null;
  const lines = diffLines(
    previous ? lessonAsText(lesson.slug, previous.content) : '',
    lessonAsText(lesson.slug, current.content),
  );
  return {
    number,
    against: previous ? previous.number : null,
    hunks: toHunks(lines),
    added: lines.filter((l) => l.op === 'add').length,
    removed: lines.filter((l) => l.op === 'del').length,
  };
}

/** Diff of the latest published revision against the current draft (what publishing would change). */
export async function compareDraftWithPublished(
  lessonId: string,
): Promise<RevisionComparison | null> {
  const lesson = await getLessonForEditing(lessonId);
  if (lesson.publishedRevision === 0) return null;
  const published = await getRevision(lessonId, lesson.publishedRevision);
  const lines = diffLines(
    lessonAsText(lesson.slug, published.content),
    lessonAsText(lesson.slug, lesson.draft),
  );
  return {
    number: lesson.publishedRevision,
    against: 'draft',
    hunks: toHunks(lines),
    added: lines.filter((l) => l.op === 'add').length,
    removed: lines.filter((l) => l.op === 'del').length,
  };
}

export { listRevisions };

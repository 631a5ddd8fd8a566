/** Reading a lesson's revision history and restoring an earlier revision (a restore is itself a new revision). */
import { Types } from 'mongoose';
import { NotFoundError } from '../../lib/errors.js';
import type { LessonContent } from './content.schemas.js';
import { normalizeContent } from './content-hash.js';
import { LessonRevision, type RevisionKind } from './lesson-revision.model.js';
import { publishContent } from './lesson-store.service.js';
import { Lesson } from './lesson.model.js';

export interface RevisionSummary {
  number: number;
  kind: RevisionKind;
  authorName: string;
  note: string;
  createdAt: Date;
}

export interface RevisionDetail extends RevisionSummary {
  content: LessonContent;
}

function lessonObjectId(lessonId: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(lessonId)) throw new NotFoundError('That lesson does not exist.');
  return new Types.ObjectId(lessonId);
}

/** Revisions of a lesson, newest first. */
export async function listRevisions(lessonId: string): Promise<RevisionSummary[]> {
  const rows = await LessonRevision.find({ lesson: lessonObjectId(lessonId) }, { content: 0 }).sort({ number: -1 }).lean();
  return rows.map((r) => ({ number: r.number, kind: r.kind, authorName: r.authorName, note: r.note, createdAt: r.createdAt }));
}

/** One revision with its content, or NotFoundError. */
export async function getRevision(lessonId: string, number: number): Promise<RevisionDetail> {
  const r = await LessonRevision.findOne({ lesson: lessonObjectId(lessonId), number }).lean();
  if (!r) throw new NotFoundError('That revision does not exist.');
  return { number: r.number, kind: r.kind, authorName: r.authorName, note: r.note, createdAt: r.createdAt, content: normalizeContent(r.content) };
}

/**
 * Publishes revision `number`'s content again as a new revision (history is never rewritten).
 * The draft becomes that content too, so `expectedVersion` protects unsaved concurrent edits.
 */
export async function restoreRevision(
  lessonId: string,
  number: number,
  expectedVersion: number,
  author: { id: string; name: string },
): Promise<{ revision: number }> {
  const old = await getRevision(lessonId, number);
  if (!(await Lesson.exists({ _id: lessonObjectId(lessonId) }))) throw new NotFoundError('That lesson does not exist.');
  const result = await publishContent(lessonId, expectedVersion, old.content, { kind: 'restore', author, note: `Restored revision ${number}` });
  return { revision: result.revision };
}

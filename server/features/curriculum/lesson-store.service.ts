/**
 * The write path shared by import and authoring: create a lesson, save a draft, publish content
 * (which records a revision). Writes are conditional on the lesson's `version`, so two writers
 * can never silently overwrite each other; without transactions (a standalone MongoDB has none)
 * the lesson is updated first and the revision recorded right after.
 */
import { Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import type { LessonContent } from './content.schemas.js';
import { contentHash, normalizeContent } from './content-hash.js';
import { invalidateLesson } from './render-cache.js';
import { LessonRevision, type RevisionKind } from './lesson-revision.model.js';
import { Lesson, type LessonDoc } from './lesson.model.js';

export const STALE_MESSAGE = 'This lesson changed since you opened it.';

export interface RevisionMeta {
  kind: RevisionKind;
  author?: { id: string; name: string } | null;
  note: string;
}

export interface NewLesson {
  _id?: Types.ObjectId;
  programme: Types.ObjectId;
  module: Types.ObjectId;
  slug: string;
  order: number;
  content: LessonContent;
}

/** Creates a lesson with a draft only (authoring) or already published (import: pass `publish`). */
export async function createLesson(input: NewLesson, publish?: RevisionMeta): Promise<LessonDoc> {
  const content = normalizeContent(input.content);
  const hash = contentHash(content);
  const lesson = await Lesson.create({
    _id: input._id ?? new Types.ObjectId(),
    programme: input.programme,
    module: input.module,
    slug: input.slug,
    order: input.order,
    draft: content,
    draftHash: hash,
    published: publish ? content : null,
    publishedHash: publish ? hash : null,
    publishedRevision: publish ? 1 : 0,
    publishedAt: publish ? new Date() : null,
    version: 1,
  });
  if (publish) await recordRevision(lesson._id, 1, content, hash, publish);
  return lesson;
}

/** Saves the draft if nobody saved since `expectedVersion`; returns the new version. */
export async function saveDraft(lessonId: Types.ObjectId | string, expectedVersion: number, content: LessonContent): Promise<number> {
  const normal = normalizeContent(content);
  const updated = await Lesson.findOneAndUpdate(
    { _id: lessonId, version: expectedVersion },
    { $set: { draft: normal, draftHash: contentHash(normal) }, $inc: { version: 1 } },
    { returnDocument: 'after', projection: { version: 1 } },
  ).lean();
  if (!updated) throw await staleOrMissing(lessonId);
  return updated.version;
}

/**
 * Makes `content` both the draft and the published version and records a revision. Returns the
 * new revision number. `expectedVersion` guards against a concurrent draft save.
 */
export async function publishContent(
  lessonId: Types.ObjectId | string,
  expectedVersion: number,
  content: LessonContent,
  meta: RevisionMeta,
): Promise<{ revision: number; version: number }> {
  const normal = normalizeContent(content);
  const hash = contentHash(normal);
  const updated = await Lesson.findOneAndUpdate(
    { _id: lessonId, version: expectedVersion },
    {
      $set: { draft: normal, draftHash: hash, published: normal, publishedHash: hash, publishedAt: new Date() },
      $inc: { version: 1, publishedRevision: 1 },
    },
    { returnDocument: 'after', projection: { version: 1, publishedRevision: 1 } },
  ).lean();
  if (!updated) throw await staleOrMissing(lessonId);
  await recordRevision(updated._id, updated.publishedRevision, normal, hash, meta);
  invalidateLesson(String(updated._id));
  return { revision: updated.publishedRevision, version: updated.version };
}

async function recordRevision(lesson: Types.ObjectId, number: number, content: LessonContent, hash: string, meta: RevisionMeta): Promise<void> {
  await LessonRevision.create({
    lesson,
    number,
    kind: meta.kind,
    content,
    contentHash: hash,
    author: meta.author ? new Types.ObjectId(meta.author.id) : null,
    authorName: meta.author?.name ?? '',
    note: meta.note,
  });
}

async function staleOrMissing(lessonId: Types.ObjectId | string): Promise<Error> {
  const exists = await Lesson.exists({ _id: lessonId });
  return exists ? new ConflictError(STALE_MESSAGE, { code: 'stale_lesson' }) : new NotFoundError('That lesson no longer exists.');
}

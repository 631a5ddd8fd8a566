/**
 * Writes to the progress record. Every write is one single-document operation whose filter
 * makes it idempotent: a double click, two tabs or a retried request leave one record per
 * (user, programme, lesson) and one completion time.
 */
import { Types } from 'mongoose';
import { namespaceOf, ReadCache } from '../../db/read-cache.js';
import { ConflictError } from '../../lib/errors.js';
import type { LessonRef } from '../learning/course.types.js';
import { LessonProgress, type LessonProgressRecord } from './progress.model.js';

/** A gap longer than this between two page views means the learner left; it is not counted. */
export const IDLE_LIMIT_SECONDS = 45 * 60;
/**
 * Views of the same lesson closer together than this are one visit (a reload on a slow line, the
 * back button): nothing is written, and the time is credited by the next view that is written.
 */
export const REVISIT_WINDOW_SECONDS = 60;

export interface QuizAttemptInput {
  quizId: string;
  maxAttempts: number;
  score: number;
  passed: boolean;
  answers: Record<string, string[]>;
  results: { questionId: string; correct: boolean }[];
}

function keyOf(userId: string, ref: LessonRef) {
  return { user: new Types.ObjectId(userId), programme: ref.programme, lesson: ref.lesson };
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Runs an upsert; two concurrent upserts of a missing record race on the unique index and the
 * loser gets E11000, after which the record exists and a second run is a plain update.
 * Returns false when the second run also collides (the filter excluded the existing record).
 */
async function upsertOnce(run: () => Promise<unknown>): Promise<boolean> {
  for (let i = 0; i < 2; i += 1) {
    try {
      await run();
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return false;
}

/** Every lesson and module page reads them: kept while none of the learner's records changes. */
const recordsOfLearner = new ReadCache<readonly LessonProgressRecord[]>();

/**
 * All of a learner's records in one programme (lean, for summaries and page state). The result
 * is frozen: it may be shared with other requests.
 */
export async function listProgress(userId: string, programme: string): Promise<readonly LessonProgressRecord[]> {
  const user = new Types.ObjectId(userId);
  return recordsOfLearner.read(`${String(user)}\u0000${programme}`, { ns: namespaceOf(LessonProgress), field: 'user', value: user }, () =>
    LessonProgress.find({ user, programme }).lean<LessonProgressRecord[]>(),
  );
}

/**
 * Several learners' records in one programme, in one query (added for the ambassador overview:
 * pages listing many learners must not query once per learner). Malformed ids are skipped.
 */
export async function listProgressOfUsers(userIds: string[], programme: string): Promise<LessonProgressRecord[]> {
  const ids = userIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return [];
  return LessonProgress.find({ user: { $in: ids }, programme }).lean<LessonProgressRecord[]>();
}

/** One lesson's record, or null when the learner never opened it. */
export async function getLessonProgress(userId: string, ref: LessonRef): Promise<LessonProgressRecord | null> {
  return LessonProgress.findOne(keyOf(userId, ref)).lean<LessonProgressRecord>();
}

/**
 * Records a page view of a lesson. Time spent is approximated without any script: the gap since
 * the learner's previous page view (if short enough) is credited to the lesson they were on.
 * `records` are the learner's records in this programme, already loaded by the caller.
 */
export async function recordLessonVisit(
  userId: string,
  ref: LessonRef,
  records: readonly LessonProgressRecord[],
  now = new Date(),
): Promise<void> {
  const latest = records.reduce<LessonProgressRecord | null>(
    (best, r) => (!best || r.lastVisitedAt > best.lastVisitedAt ? r : best),
    null,
  );
  const gap = latest ? Math.round((now.getTime() - latest.lastVisitedAt.getTime()) / 1000) : -1;
  const credit = gap >= 0 && gap <= IDLE_LIMIT_SECONDS ? gap : 0;
  const key = keyOf(userId, ref);

  if (latest && latest.lesson === ref.lesson && gap >= 0 && gap < REVISIT_WINDOW_SECONDS) return;
  if (latest && latest.lesson === ref.lesson) {
    // Same lesson again: one update, guarded by the previous view time so two tabs credit once.
    // No match means another request recorded this same view a moment ago: once is enough.
    await LessonProgress.updateOne(
      { ...key, lastVisitedAt: latest.lastVisitedAt },
      { $set: { lastVisitedAt: now, module: ref.module }, $inc: { visits: 1, timeSpentSeconds: credit } },
    );
    return;
  }
  if (latest && credit > 0) {
    // The time since the previous page view was spent on that other lesson.
    await LessonProgress.updateOne(
      { _id: latest._id, lastVisitedAt: latest.lastVisitedAt, creditedVisitAt: { $ne: latest.lastVisitedAt } },
      { $set: { creditedVisitAt: latest.lastVisitedAt }, $inc: { timeSpentSeconds: credit } },
    );
  }
  await upsertOnce(() =>
    LessonProgress.updateOne(
      key,
      // $max: a request that was slow to arrive never moves the last view back in time.
      { $set: { module: ref.module }, $max: { lastVisitedAt: now }, $inc: { visits: 1 }, $setOnInsert: { firstOpenedAt: now } },
      { upsert: true },
    ),
  );
}

/** Makes sure the record exists (a POST may arrive without a page view, e.g. a retried form). */
async function ensureRecord(userId: string, ref: LessonRef, now: Date): Promise<void> {
  await upsertOnce(() =>
    LessonProgress.updateOne(
      keyOf(userId, ref),
      { $setOnInsert: { firstOpenedAt: now, lastVisitedAt: now, module: ref.module } },
      { upsert: true },
    ),
  );
}

/**
 * Marks a lesson complete and returns whether this call did it, in one atomic operation: `$min`
 * keeps the earliest completion time, so a double click, two tabs or a retried request leave one
 * record and one time, and the record as it was before tells whether it was already complete.
 */
export async function completeLesson(userId: string, ref: LessonRef, now = new Date()): Promise<boolean> {
  const run = () =>
    LessonProgress.findOneAndUpdate(
      keyOf(userId, ref),
      {
        $set: { status: 'completed', module: ref.module },
        $min: { completedAt: now },
        $setOnInsert: { firstOpenedAt: now, lastVisitedAt: now },
      },
      { upsert: true, returnDocument: 'before', projection: { completedAt: 1 } },
    ).lean<{ completedAt?: Date }>();
  for (let i = 0; i < 2; i += 1) {
    try {
      const before = await run();
      return !before?.completedAt;
    } catch (err) {
      // Two requests creating the record at once: the loser retries as a plain update.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return false;
}

export interface RecordedAttempt {
  /** The attempt's number (1 for the first). */
  number: number;
  /** True when this was a repeat of a submission already stored (a double click, a retry). */
  duplicate: boolean;
}

/**
 * Stores a quiz attempt if the learner has attempts left and has not passed yet, atomically: the
 * limit is part of the update's filter. `attemptNumber` (from the form the learner answered) makes
 * a resubmission of the same form a no-op instead of using up another attempt. A pass also
 * completes the lesson (first time only).
 */
export async function recordQuizAttempt(
  userId: string,
  ref: LessonRef,
  input: QuizAttemptInput & { attemptNumber?: number },
  now = new Date(),
): Promise<RecordedAttempt> {
  await ensureRecord(userId, ref, now);
  const { attemptNumber: claimed, maxAttempts } = input;
  const filter: Record<string, unknown> = { ...keyOf(userId, ref), quizPassedAt: { $exists: false } };
  const countFilter: Record<string, number> = {};
  if (maxAttempts > 0) countFilter.$lt = maxAttempts;
  if (claimed !== undefined) countFilter.$eq = claimed - 1;
  if (Object.keys(countFilter).length) filter.quizAttemptCount = countFilter;
  const attempt = {
    quizId: input.quizId,
    submittedAt: now,
    score: input.score,
    passed: input.passed,
    answers: input.answers,
    results: input.results,
  };
  const update: Record<string, unknown> = { $inc: { quizAttemptCount: 1 }, $push: { quizAttempts: attempt } };
  if (input.passed) {
    update.$set = { quizPassedAt: now, status: 'completed' };
    update.$min = { completedAt: now };
  }
  const doc = await LessonProgress.findOneAndUpdate(filter, update, {
    returnDocument: 'after',
    projection: { quizAttemptCount: 1 },
  }).lean<{ quizAttemptCount: number }>();
  if (doc) return { number: doc.quizAttemptCount, duplicate: false };
  const current = await getLessonProgress(userId, ref);
  // The form's attempt was already stored (or overtaken by another tab): show the latest result.
  if (claimed !== undefined && (current?.quizAttemptCount ?? 0) >= claimed) return { number: claimed, duplicate: true };
  if (current?.quizPassedAt) throw new ConflictError('You have already passed this quiz.');
  throw new ConflictError('You have used all your attempts for this quiz.');
}

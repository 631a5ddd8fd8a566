import { Types } from 'mongoose';
import { ConflictError } from '../../../server/lib/errors.js';
import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import {
  completeLesson,
  listProgress,
  recordLessonVisit,
  recordQuizAttempt,
} from '../../../server/features/progress/progress.service.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';

const userId = new Types.ObjectId().toHexString();
const ref = { programme: 'p', module: 'm', lesson: 'l1' };
const attempt = (passed: boolean) => ({
  quizId: 'quiz',
  maxAttempts: 2,
  score: passed ? 100 : 0,
  passed,
  answers: { q1: ['0'] },
  results: [{ questionId: 'q1', correct: passed }],
});

beforeAll(async () => {
  await connectTestDatabase();
  await LessonProgress.init();
});
beforeEach(clearDatabase);
afterAll(disconnect);

describe('progress record', () => {
  it('completes once under 10 concurrent requests: one record, one completion time', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => completeLesson(userId, ref, new Date(Date.UTC(2026, 0, 1, 9, 0, i)))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const records = await LessonProgress.find({ user: new Types.ObjectId(userId) }).lean();
    expect(records).toHaveLength(1);
    expect(records[0]!.status).toBe('completed');
    const first = records[0]!.completedAt;
    expect(first).toBeInstanceOf(Date);
    // A retry later changes nothing.
    expect(await completeLesson(userId, ref, new Date(Date.UTC(2027, 0, 1)))).toBe(false);
    const again = await LessonProgress.findOne({ user: new Types.ObjectId(userId) }).lean();
    expect(again!.completedAt).toEqual(first);
  });

  it('records visits and credits the time between page views to the lesson being read', async () => {
    const t0 = new Date(Date.UTC(2026, 0, 1, 9, 0));
    await recordLessonVisit(userId, ref, [], t0);
    let records = await listProgress(userId, 'p');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ visits: 1, timeSpentSeconds: 0, status: 'in_progress' });
    expect(records[0]!.firstOpenedAt).toEqual(t0);

    // Ten minutes later the learner opens the next lesson: the ten minutes go to lesson 1.
    const t1 = new Date(t0.getTime() + 10 * 60_000);
    await recordLessonVisit(userId, { ...ref, lesson: 'l2' }, records, t1);
    records = await listProgress(userId, 'p');
    const l1 = records.find((r) => r.lesson === 'l1')!;
    const l2 = records.find((r) => r.lesson === 'l2')!;
    expect(l1.timeSpentSeconds).toBe(600);
    expect(l2).toMatchObject({ visits: 1, timeSpentSeconds: 0 });

    // A reload within the minute is the same visit: nothing written.
    records = await listProgress(userId, 'p');
    await recordLessonVisit(userId, { ...ref, lesson: 'l2' }, records, new Date(t1.getTime() + 20_000));
    expect((await listProgress(userId, 'p')).find((r) => r.lesson === 'l2')).toMatchObject({ visits: 1, timeSpentSeconds: 0 });

    // Back on the same lesson five minutes after the last recorded view: five minutes more.
    await recordLessonVisit(userId, { ...ref, lesson: 'l2' }, records, new Date(t1.getTime() + 300_000));
    expect((await listProgress(userId, 'p')).find((r) => r.lesson === 'l2')).toMatchObject({ visits: 2, timeSpentSeconds: 300 });

    // Two tabs replaying the same view do not credit lesson 1 twice.
    await recordLessonVisit(userId, { ...ref, lesson: 'l2' }, records.filter((r) => r.lesson === 'l1'), t1);
    expect((await listProgress(userId, 'p')).find((r) => r.lesson === 'l1')!.timeSpentSeconds).toBe(600);

    // Coming back after a long break counts nothing for the break.
    records = await listProgress(userId, 'p');
    await recordLessonVisit(userId, { ...ref, lesson: 'l2' }, records, new Date(t1.getTime() + 5 * 3600_000));
    const after = (await listProgress(userId, 'p')).find((r) => r.lesson === 'l2')!;
    expect(after).toMatchObject({ visits: 4, timeSpentSeconds: 300 });
  });

  it('keeps quiz attempts within the limit even when submitted at once', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => recordQuizAttempt(userId, ref, attempt(false))));
    const stored = outcomes.filter((o) => o.status === 'fulfilled');
    expect(stored).toHaveLength(2);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConflictError);
    const record = await LessonProgress.findOne({ user: new Types.ObjectId(userId) }).lean();
    expect(record!.quizAttempts).toHaveLength(2);
    expect(record!.quizAttemptCount).toBe(2);
    expect(record!.completedAt).toBeUndefined();
  });

  it('stores a form submitted twice (double click, retry) as one attempt', async () => {
    const same = { ...attempt(false), attemptNumber: 1 };
    const results = await Promise.all([recordQuizAttempt(userId, ref, same), recordQuizAttempt(userId, ref, same)]);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    const record = await LessonProgress.findOne({ user: new Types.ObjectId(userId) }).lean();
    expect(record!.quizAttempts).toHaveLength(1);
    // The next form carries attempt 2 and is stored.
    expect(await recordQuizAttempt(userId, ref, { ...attempt(false), attemptNumber: 2 })).toEqual({ number: 2, duplicate: false });
  });

  it('completes the lesson when the quiz is passed, and refuses attempts after a pass', async () => {
    expect(await recordQuizAttempt(userId, ref, attempt(false))).toEqual({ number: 1, duplicate: false });
    expect(await recordQuizAttempt(userId, ref, attempt(true))).toEqual({ number: 2, duplicate: false });
    const record = await LessonProgress.findOne({ user: new Types.ObjectId(userId) }).lean();
    expect(record).toMatchObject({ status: 'completed', quizAttemptCount: 2 });
    expect(record!.completedAt).toBeInstanceOf(Date);
    expect(record!.quizPassedAt).toEqual(record!.completedAt);
    await expect(recordQuizAttempt(userId, ref, { ...attempt(true), maxAttempts: 0 })).rejects.toThrow('already passed');
  });
});

import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { buildTestApp } from '../../helpers/app.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { clearLearnerData, COURSE, lessonUrl, seedCourse } from '../../helpers/factories/progress.js';
import { loginAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();
const QUIZ_PAGE = lessonUrl('mindset', 'mindset-check');

beforeAll(async () => {
  await connectTestDatabase();
  await LessonProgress.init();
  await seedCourse(config);
  clearCourseCache();
});
beforeEach(clearLearnerData);
afterAll(disconnect);

async function learner() {
  return loginAs(app, await createUser({ roles: ['innovator'] }));
}

type Agent = Awaited<ReturnType<typeof learner>>;

async function completeMindset(agent: Agent) {
  for (const lesson of ['why-innovate', 'habits']) {
    const res = await agent.postForm(`${lessonUrl('mindset', lesson)}/complete`, {}, { tokenFrom: lessonUrl('mindset', lesson) });
    expect(res.status).toBe(303);
  }
  const quiz = await agent.postForm(`${QUIZ_PAGE}/quiz`, COURSE.rightAnswers, { tokenFrom: QUIZ_PAGE });
  expect(quiz.status).toBe(303);
}

describe('quizzes', () => {
  it('never puts the answers or the feedback in the page before submission', async () => {
    const agent = await learner();
    const page = await agent.get(QUIZ_PAGE).expect(200);
    expect(page.text).toContain('Check your understanding');
    expect(page.text).toContain('A community need');
    expect(page.text).not.toContain(COURSE.secretFeedback);
    expect(page.text).not.toMatch(/correct/i);
    expect(page.text).not.toContain('Failure is evidence');
    expect(page.text).toContain('Attempts left: 2 of 2');
    expect(page.text).toContain('This lesson is complete when you pass its quiz.');
    expect(page.text).not.toContain('Mark as complete');
  });

  it('grades on the server, gives per-question feedback and limits attempts', async () => {
    const agent = await learner();
    const first = await agent.postForm(`${QUIZ_PAGE}/quiz`, COURSE.wrongAnswers, { tokenFrom: QUIZ_PAGE });
    expect(first.status).toBe(303);
    const afterFirst = await agent.get(QUIZ_PAGE).expect(200);
    expect(afterFirst.text).toContain('Attempt 1: you scored 33%');
    expect(afterFirst.text).toContain('Not passed yet');
    expect(afterFirst.text).toContain('Your answer: Buying new technology — <strong>Incorrect</strong>');
    expect(afterFirst.text).toContain('Your answer: False — <strong>Correct</strong>');
    expect(afterFirst.text).toContain(COURSE.secretFeedback);
    expect(afterFirst.text).toContain('Attempts left: 1 of 2');

    await agent.postForm(`${QUIZ_PAGE}/quiz`, COURSE.wrongAnswers, { tokenFrom: QUIZ_PAGE });
    const afterSecond = await agent.get(QUIZ_PAGE).expect(200);
    expect(afterSecond.text).toContain('no attempts are left');
    expect(afterSecond.text).not.toContain('Submit answers');

    const third = await agent.postForm(`${QUIZ_PAGE}/quiz`, COURSE.rightAnswers, { tokenFrom: QUIZ_PAGE });
    expect(third.status).toBe(303);
    const refused = await agent.get(QUIZ_PAGE).expect(200);
    expect(refused.text).toContain('You have used all your attempts for this quiz.');
    const record = await LessonProgress.findOne({ lesson: 'mindset-check' }).lean();
    expect(record!.quizAttempts.map((a) => a.score)).toEqual([33, 33]);
    expect(record!.completedAt).toBeUndefined();
  });

  it('counts a double-clicked submission once', async () => {
    const agent = await learner();
    const token = await agent.refreshToken(QUIZ_PAGE);
    const page = await agent.get(QUIZ_PAGE).expect(200);
    expect(page.text).toContain('name="attempt" value="1"');
    const form = new URLSearchParams({ _csrf: token, attempt: '1', q_q1: '0', q_q3: 'true' }).toString();
    const responses = await Promise.all(
      [1, 2].map(() => agent.post(`${QUIZ_PAGE}/quiz`).type('form').set('Accept', 'text/html').send(form)),
    );
    expect(responses.map((r) => r.status)).toEqual([303, 303]);
    const record = await LessonProgress.findOne({ lesson: 'mindset-check' }).lean();
    expect(record!.quizAttempts).toHaveLength(1);
    expect((await agent.get(QUIZ_PAGE)).text).toContain('Attempts left: 1 of 2');
  });

  it('completes the lesson when the quiz is passed; marking it complete by hand is refused', async () => {
    const agent = await learner();
    const manual = await agent.postForm(`${QUIZ_PAGE}/complete`, {}, { tokenFrom: QUIZ_PAGE });
    expect(manual.status).toBe(400);
    await agent.postForm(`${QUIZ_PAGE}/quiz`, COURSE.rightAnswers, { tokenFrom: QUIZ_PAGE });
    const page = await agent.get(QUIZ_PAGE).expect(200);
    expect(page.text).toContain('Attempt 1: you scored 100%');
    expect(page.text).toContain('You passed this quiz.');
    expect(page.text).toContain('You completed this lesson.');
    const record = await LessonProgress.findOne({ lesson: 'mindset-check' }).lean();
    expect(record!.completedAt).toBeInstanceOf(Date);
    expect(record!.quizPassedAt).toBeInstanceOf(Date);
  });
});

describe('prerequisites', () => {
  it('locks a module until its prerequisites are complete, with the reason, then unlocks it', async () => {
    const agent = await learner();
    const locked = await agent.get(lessonUrl('planning', 'environment-scan'));
    expect(locked.status).toBe(403);
    expect(locked.text).toContain('This module is locked.');
    expect(locked.text).toContain('Complete The innovator mindset first');
    const refused = await agent.postForm(`${lessonUrl('planning', 'environment-scan')}/complete`, {}, { tokenFrom: '/learn/planning' });
    expect(refused.status).toBe(403);
    expect(await LessonProgress.countDocuments({ lesson: 'environment-scan' })).toBe(0);

    await completeMindset(agent);
    const open = await agent.get(lessonUrl('planning', 'environment-scan')).expect(200);
    expect(open.text).toContain('Lesson 1 of 2');
    // Service design still needs Strategic planning.
    const design = await agent.get(lessonUrl('design', 'personas'));
    expect(design.status).toBe(403);
    expect(design.text).toContain('Complete Strategic planning first');
  });
});

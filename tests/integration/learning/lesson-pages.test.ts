import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { buildTestApp } from '../../helpers/app.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { clearLearnerData, COURSE, lessonUrl, seedCourse } from '../../helpers/factories/progress.js';
import { loginAs } from '../../helpers/login.js';
import request from 'supertest';

const { app, config } = buildTestApp();

beforeAll(async () => {
  await connectTestDatabase();
  await LessonProgress.init();
  await seedCourse(config);
  clearCourseCache();
});
beforeEach(clearLearnerData);
afterAll(disconnect);

async function learner() {
  const user = await createUser({ roles: ['innovator'] });
  return { user, agent: await loginAs(app, user) };
}

describe('lesson and module pages', () => {
  it('sends visitors to sign in', async () => {
    const res = await request(app).get(lessonUrl('mindset', 'why-innovate'));
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('shows a lesson with its position, blocks, status and neighbours, and records the visit', async () => {
    const { user, agent } = await learner();
    const res = await agent.get(lessonUrl('mindset', 'why-innovate')).expect(200);
    expect(res.text).toContain('<h1>Why libraries innovate</h1>');
    expect(res.text).toContain('Lesson 1 of 3');
    expect(res.text).toContain('Libraries change with their towns.');
    expect(res.text).toContain('Mark as complete');
    expect(res.text).toContain('href="/learn/mindset/habits"');
    expect(res.text).toContain('In progress');
    const records = await LessonProgress.find({}).lean();
    expect(records).toHaveLength(1);
    expect(String(records[0]!.user)).toBe(user.id);
    expect(records[0]).toMatchObject({ programme: COURSE.programme, module: 'mindset', lesson: 'why-innovate', visits: 1 });
  });

  it('marks a lesson complete with a form post (no JavaScript) and keeps one completion time', async () => {
    const { agent } = await learner();
    await agent.get(lessonUrl('mindset', 'why-innovate')).expect(200);
    const url = `${lessonUrl('mindset', 'why-innovate')}/complete`;
    const first = await agent.postForm(url, {}, { tokenFrom: lessonUrl('mindset', 'why-innovate') });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(lessonUrl('mindset', 'why-innovate'));
    const { completedAt } = (await LessonProgress.findOne({ lesson: 'why-innovate' }).lean())!;
    await agent.postForm(url, {}, { tokenFrom: lessonUrl('mindset', 'why-innovate') }).then((r) => expect(r.status).toBe(303));
    const records = await LessonProgress.find({ lesson: 'why-innovate' }).lean();
    expect(records).toHaveLength(1);
    expect(records[0]!.completedAt).toEqual(completedAt);
    const page = await agent.get(lessonUrl('mindset', 'why-innovate')).expect(200);
    expect(page.text).toContain('You completed this lesson.');
    expect(page.text).not.toContain('Mark as complete');
  });

  it('refuses a completion without a CSRF token and changes nothing', async () => {
    const { agent } = await learner();
    const res = await agent.post(`${lessonUrl('mindset', 'why-innovate')}/complete`).type('form').send({});
    expect(res.status).toBe(403);
    expect(await LessonProgress.countDocuments({ completedAt: { $exists: true } })).toBe(0);
  });

  it('completes under 10 simultaneous clicks with one record and one completion time', async () => {
    const { user, agent } = await learner();
    const token = await agent.refreshToken(lessonUrl('mindset', 'why-innovate'));
    const url = `${lessonUrl('mindset', 'why-innovate')}/complete`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => agent.post(url).type('form').set('Accept', 'text/html').send({ _csrf: token })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(303));
    const records = await LessonProgress.find({ lesson: 'why-innovate' }).lean();
    expect(records).toHaveLength(1);
    expect(String(records[0]!.user)).toBe(user.id);
    expect(records[0]!.completedAt).toBeInstanceOf(Date);
  });

  it('shows the module overview with outcomes, lesson statuses and locks explained', async () => {
    const { agent } = await learner();
    await agent.postForm(`${lessonUrl('mindset', 'why-innovate')}/complete`, {}, { tokenFrom: '/learn/mindset' });
    const mindset = await agent.get('/learn/mindset').expect(200);
    expect(mindset.text).toContain('Explain the innovator mindset.');
    expect(mindset.text).toContain('1 of 3 lessons completed');
    expect(mindset.text).toMatch(/Why libraries innovate<\/a>\s*<span class="badge badge-success">Completed/);
    expect(mindset.text).toContain('Continue: Habits of innovators');
    const planning = await agent.get('/learn/planning').expect(200);
    expect(planning.text).toContain('Complete The innovator mindset first');
  });

  it('answers 404 for a lesson or module that does not exist', async () => {
    const { agent } = await learner();
    await agent.get('/learn/nope').expect(404);
    await agent.get('/learn/mindset/nope').expect(404);
    await agent.get('/learn/mindset/Bad_Slug!').expect(404);
  });
});

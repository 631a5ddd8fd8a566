import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { resetDashboardSlots, setDashboardSlots } from '../../../server/features/dashboard/dashboard.slots.js';
import { buildTestApp } from '../../helpers/app.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { clearLearnerData, COURSE, lessonUrl, seedCourse } from '../../helpers/factories/progress.js';
import { loginAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();

beforeAll(async () => {
  await connectTestDatabase();
  await LessonProgress.init();
  await seedCourse(config);
  clearCourseCache();
});
beforeEach(async () => {
  await clearLearnerData();
  resetDashboardSlots();
});
afterAll(disconnect);

const squash = (html: string) => html.replace(/\s+/g, ' ');

describe('dashboard', () => {
  it('welcomes a new learner with the first lesson and empty progress', async () => {
    const agent = await loginAs(app, await createUser({ name: 'Ana Novak' }));
    const res = await agent.get('/dashboard').expect(200);
    const html = squash(res.text);
    expect(html).toContain('Welcome, Ana Novak');
    expect(html).toContain('Start here');
    expect(html).toContain(`href="${lessonUrl('mindset', 'why-innovate')}">Start: Why libraries innovate`);
    expect(html).toContain('0 of 6 lessons completed (0%)');
    expect(html).toContain('0 of 3 lessons completed');
    expect(html).toContain('Complete The innovator mindset first');
    expect(html).toContain('No upcoming assignment deadlines.');
    expect(html).toContain('No feedback yet.');
    expect(html).toContain('No check-in scheduled.');
    expect(html).toContain('Nothing yet: your first lesson is waiting.');
    expect(html).toMatch(/<progress max="6" value="0"/);
  });

  it('shows a half-way learner where to continue, per-module bars and recent activity', async () => {
    const agent = await loginAs(app, await createUser());
    for (const lesson of ['why-innovate', 'habits']) {
      await agent.get(lessonUrl('mindset', lesson));
      await agent.postForm(`${lessonUrl('mindset', lesson)}/complete`, {}, { tokenFrom: lessonUrl('mindset', lesson) });
    }
    await agent.postForm(`${lessonUrl('mindset', 'mindset-check')}/quiz`, COURSE.rightAnswers, { tokenFrom: lessonUrl('mindset', 'mindset-check') });

    const html = squash((await agent.get('/dashboard').expect(200)).text);
    expect(html).toContain('Continue where you left off');
    expect(html).toContain(`href="${lessonUrl('planning', 'environment-scan')}">Continue: Environment scan`);
    expect(html).toContain('3 of 6 lessons completed (50%)');
    expect(html).toContain('3 of 3 lessons completed');
    expect(html).toContain('0 of 2 lessons completed');
    expect(html).toMatch(/<progress max="6" value="3"/);
    expect(html).toContain('Quiz in “Check your mindset”: 100%, passed');
    expect(html).toContain('Completed “Habits of innovators”');
    expect(html).not.toContain('Complete The innovator mindset first');
    expect(html).toContain('Complete Strategic planning first');
  });

  it('continues with the lesson last opened when it is unfinished', async () => {
    const agent = await loginAs(app, await createUser());
    await agent.get(lessonUrl('mindset', 'habits')).expect(200);
    const html = squash((await agent.get('/dashboard').expect(200)).text);
    expect(html).toContain(`href="${lessonUrl('mindset', 'habits')}">Continue: Habits of innovators`);
  });

  it('fills the deadline, feedback and check-in panels from the features that provide them', async () => {
    setDashboardSlots({
      upcomingDeadlines: async () => [{ title: 'Your action plan', href: '/assignments/planning-assignment', dueAt: new Date('2026-12-01T00:00:00Z') }],
      nextCheckIn: async () => ({ title: 'Monthly check-in', href: '/check-ins/1', at: new Date('2026-12-03T10:00:00Z') }),
    });
    const agent = await loginAs(app, await createUser());
    const html = squash((await agent.get('/dashboard').expect(200)).text);
    expect(html).toContain('<a href="/assignments/planning-assignment">Your action plan</a>: due 1 Dec 2026');
    expect(html).toContain('Monthly check-in</a> on 3 Dec 2026');
  });
});

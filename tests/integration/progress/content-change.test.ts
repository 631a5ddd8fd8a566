import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { buildTestApp } from '../../helpers/app.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { COURSE, lessonUrl, seedCourse } from '../../helpers/factories/progress.js';
import { loginAs } from '../../helpers/login.js';

// Content changes are made by re-importing the files with one more lesson: a file of its own so
// the grown programme does not leak into other tests.
const { app, config } = buildTestApp();

beforeAll(async () => {
  await connectTestDatabase();
  await LessonProgress.init();
  await seedCourse(config);
  clearCourseCache();
});
afterAll(disconnect);

const squash = (html: string) => html.replace(/\s+/g, ' ');

describe('content changes', () => {
  it('keeps progress when a lesson is added to a finished module: one more lesson to do', async () => {
    const agent = await loginAs(app, await createUser());
    for (const lesson of ['why-innovate', 'habits']) {
      await agent.postForm(`${lessonUrl('mindset', lesson)}/complete`, {}, { tokenFrom: lessonUrl('mindset', lesson) });
    }
    await agent.postForm(`${lessonUrl('mindset', 'mindset-check')}/quiz`, COURSE.rightAnswers, { tokenFrom: lessonUrl('mindset', 'mindset-check') });
    const before = await LessonProgress.find({}).sort({ lesson: 1 }).lean();

    await seedCourse(config, { extraLesson: true });
    clearCourseCache();
    {
      const html = squash((await agent.get('/dashboard').expect(200)).text);
      expect(html).toContain('3 of 7 lessons completed');
      expect(html).toContain('3 of 4 lessons completed');
      expect(html).toContain(`href="${lessonUrl('mindset', 'more-habits')}">Continue: More habits`);
      const after = await LessonProgress.find({}).sort({ lesson: 1 }).lean();
      expect(after.map((r) => [r.lesson, r.completedAt])).toEqual(before.map((r) => [r.lesson, r.completedAt]));
    }
  });
});

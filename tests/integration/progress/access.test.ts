import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { buildTestApp } from '../../helpers/app.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';
import { assignMentor, createCohort, createUser } from '../../helpers/factories/users.js';
import { clearLearnerData, lessonUrl, seedCourse } from '../../helpers/factories/progress.js';
import { loginAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();

beforeAll(async () => {
  await connectTestDatabase();
  await LessonProgress.init();
  await seedCourse(config);
  clearCourseCache();
});
beforeEach(clearLearnerData);
afterAll(disconnect);

async function setup() {
  const learner = await createUser({ name: 'Learner Lea', country: 'RS' });
  const mentor = await createUser({ roles: ['mentor'] });
  const otherMentor = await createUser({ roles: ['mentor'] });
  const cohort = await createCohort({ members: [learner.id, mentor.id, otherMentor.id] });
  await assignMentor(cohort.id, learner.id, mentor.id);
  const agent = await loginAs(app, learner);
  await agent.postForm(`${lessonUrl('mindset', 'why-innovate')}/complete`, {}, { tokenFrom: lessonUrl('mindset', 'why-innovate') });
  return { learner, mentor, otherMentor };
}

describe('who may read progress', () => {
  it("lets a mentor read their mentee's progress", async () => {
    const { learner, mentor } = await setup();
    const res = await (await loginAs(app, mentor)).get(`/progress/${learner.id}`).expect(200);
    expect(res.text).toContain('Progress: Learner Lea');
    expect(res.text).toContain('1 of 6 lessons completed');
  });

  it("answers 404 to another mentor, another innovator and a malformed id", async () => {
    const { learner, otherMentor } = await setup();
    const other = await loginAs(app, otherMentor);
    const res = await other.get(`/progress/${learner.id}`).expect(404);
    expect(res.text).not.toContain('Learner Lea');
    const peer = await loginAs(app, await createUser({ country: 'RS' }));
    await peer.get(`/progress/${learner.id}`).expect(404);
    await peer.get('/progress/not-an-id').expect(404);
  });

  it('lets a learner read their own record, an ambassador of their country and an admin too', async () => {
    const { learner } = await setup();
    await (await loginAs(app, learner)).get(`/progress/${learner.id}`).expect(200);
    const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
    await admin.get(`/progress/${learner.id}`).expect(200);
    const ambassador = await loginAs(app, await createUser({ roles: ['ambassador'], countries: ['RS'] }));
    await ambassador.get(`/progress/${learner.id}`).expect(200);
    const foreignAmbassador = await loginAs(app, await createUser({ roles: ['ambassador'], countries: ['AL'], country: 'AL' }));
    await foreignAmbassador.get(`/progress/${learner.id}`).expect(404);
  });

  it("never shows one learner another's progress on their own pages", async () => {
    await setup();
    const peer = await loginAs(app, await createUser());
    const dashboard = await peer.get('/dashboard').expect(200);
    expect(dashboard.text).toContain('0 of 6 lessons completed');
    const lesson = await peer.get(lessonUrl('mindset', 'why-innovate')).expect(200);
    expect(lesson.text).toContain('Mark as complete');
  });
});

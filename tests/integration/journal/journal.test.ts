import { Reflection } from '../../../server/features/journal/reflection.model.js';
import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { buildTestApp } from '../../helpers/app.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { clearLearnerData, COURSE, lessonUrl, seedCourse } from '../../helpers/factories/progress.js';
import { loginAs } from '../../helpers/login.js';
import { pdfText } from '../../unit/learning/pdf-text.js';

const { app, config } = buildTestApp();
const HABITS = lessonUrl('mindset', 'habits');
const SAVE = `${HABITS}/reflections/${COURSE.reflectionId}`;

beforeAll(async () => {
  await connectTestDatabase();
  await Promise.all([LessonProgress.init(), Reflection.init()]);
  await seedCourse(config);
  clearCourseCache();
});
beforeEach(clearLearnerData);
afterAll(disconnect);

describe('reflections and the learning journal', () => {
  it('saves a reflection with the button (no JavaScript) and shows it back in the lesson', async () => {
    const user = await createUser({ name: 'Milica Petrović' });
    const agent = await loginAs(app, user);
    const page = await agent.get(HABITS).expect(200);
    expect(page.text).toContain('Which habit do you practise already?');
    expect(page.text).toContain('Save reflection');

    const res = await agent.postForm(SAVE, { text: 'Curiosity: I ask readers what they miss.' }, { tokenFrom: HABITS });
    expect(res.status).toBe(303);
    const again = await agent.get(HABITS).expect(200);
    expect(again.text).toContain('Curiosity: I ask readers what they miss.</textarea>');
    const stored = await Reflection.find({}).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ reflectionId: COURSE.reflectionId, lesson: 'habits', module: 'mindset', text: 'Curiosity: I ask readers what they miss.' });
  });

  it('autosaves through JSON (the script path) and keeps one record per prompt', async () => {
    const agent = await loginAs(app, await createUser());
    const token = await agent.refreshToken(HABITS);
    for (const text of ['First draft', 'Second draft']) {
      const res = await agent.post(SAVE).set('Accept', 'application/json').set('x-csrf-token', token).send({ text });
      expect(res.status).toBe(200);
      expect(res.body.saved).toBe(true);
    }
    const stored = await Reflection.find({}).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text).toBe('Second draft');
  });

  it('refuses a reflection id that the lesson does not have', async () => {
    const agent = await loginAs(app, await createUser());
    const res = await agent.postForm(`${HABITS}/reflections/not-here`, { text: 'x' }, { tokenFrom: HABITS });
    expect(res.status).toBe(404);
    expect(await Reflection.countDocuments()).toBe(0);
  });

  it('gathers reflections on My journal and exports them as Markdown and PDF', async () => {
    const user = await createUser({ name: 'Đorđe Ćosić' });
    const agent = await loginAs(app, user);
    await agent.postForm(SAVE, { text: 'We started a seed library.' }, { tokenFrom: HABITS });

    const journal = await agent.get('/journal').expect(200);
    expect(journal.text).toContain('<h1>My journal</h1>');
    expect(journal.text).toContain('Habits of innovators');
    expect(journal.text).toContain('Which habit do you practise already?');
    expect(journal.text).toContain('We started a seed library.');

    const md = await agent.get('/journal/export.md').expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.headers['content-disposition']).toMatch(/attachment; filename="?journal-dorde-cosic\.md"?/);
    expect(md.text).toContain('# Learning journal: Đorđe Ćosić');
    expect(md.text).toContain('## The innovator mindset');
    expect(md.text).toContain('We started a seed library.');

    const pdf = await agent.get('/journal/export.pdf').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Learning journal: Đorđe Ćosić');
    expect(text).toContain('We started a seed library.');
  });

  it('shows a learner only their own journal', async () => {
    const author = await loginAs(app, await createUser());
    await author.postForm(SAVE, { text: 'Private thoughts of learner A' }, { tokenFrom: HABITS });
    const other = await loginAs(app, await createUser());
    const journal = await other.get('/journal').expect(200);
    expect(journal.text).not.toContain('Private thoughts of learner A');
    expect(journal.text).toContain('You have not written any reflections yet.');
    const lesson = await other.get(HABITS).expect(200);
    expect(lesson.text).not.toContain('Private thoughts of learner A');
    const md = await other.get('/journal/export.md').expect(200);
    expect(md.text).not.toContain('Private thoughts of learner A');
  });
});

import { Certificate } from '../../../server/features/certificates/certificate.model.js';
import { setFinalProjectCheck } from '../../../server/features/progress/completion-rules.js';
import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import request from 'supertest';
import { buildTestApp } from '../../helpers/app.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createCohort, createUser } from '../../helpers/factories/users.js';
import { clearLearnerData, COURSE, lessonUrl, seedCourse } from '../../helpers/factories/progress.js';
import { loginAs } from '../../helpers/login.js';
import { pdfText } from '../../unit/learning/pdf-text.js';

const { app, config } = buildTestApp();
const ACCEPTED_AT = new Date('2026-11-20T12:00:00Z');

beforeAll(async () => {
  await connectTestDatabase();
  await Promise.all([LessonProgress.init(), Certificate.init()]);
  await seedCourse(config);
  clearCourseCache();
});
beforeEach(async () => {
  await clearLearnerData();
  setFinalProjectCheck(null);
});
afterAll(async () => {
  setFinalProjectCheck(null);
  await disconnect();
});

type Agent = Awaited<ReturnType<typeof loginAs>>;

async function completeEverything(agent: Agent) {
  const manual: [string, string][] = [
    ['mindset', 'why-innovate'],
    ['mindset', 'habits'],
    ['planning', 'environment-scan'],
    ['planning', 'swot'],
    ['design', 'personas'],
  ];
  for (const [mod, lesson] of manual.slice(0, 2)) await agent.postForm(`${lessonUrl(mod, lesson)}/complete`, {}, { tokenFrom: lessonUrl(mod, lesson) });
  await agent.postForm(`${lessonUrl('mindset', 'mindset-check')}/quiz`, COURSE.rightAnswers, { tokenFrom: lessonUrl('mindset', 'mindset-check') });
  for (const [mod, lesson] of manual.slice(2)) {
    const res = await agent.postForm(`${lessonUrl(mod, lesson)}/complete`, {}, { tokenFrom: lessonUrl(mod, lesson) });
    expect(res.status).toBe(303);
  }
}

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('certificates', () => {
  it('is not issued while the final project is not accepted, even with every lesson done', async () => {
    const agent = await loginAs(app, await createUser());
    await completeEverything(agent);
    const page = await agent.get('/certificate').expect(200);
    expect(page.text).toContain('You receive a certificate when you have completed every module');
    expect(page.text).toContain('6 of 6 lessons completed');
    await agent.get('/certificate/download').expect(404);
    expect(await Certificate.countDocuments()).toBe(0);
  });

  it('is issued on completion, downloads as a PDF holding the name, and verifies publicly', async () => {
    setFinalProjectCheck(async () => ACCEPTED_AT);
    const user = await createUser({ name: 'Jelena Đukić', email: 'jelena@example.org' });
    await createCohort({ name: 'Balkans 2026', members: [user.id] });
    const agent = await loginAs(app, user);
    await completeEverything(agent);

    const certs = await Certificate.find({}).lean();
    expect(certs).toHaveLength(1);
    const cert = certs[0]!;
    expect(cert).toMatchObject({ name: 'Jelena Đukić', programmeTitle: COURSE.title, cohortName: 'Balkans 2026' });
    expect(cert.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const page = await agent.get('/certificate').expect(200);
    expect(page.text).toContain(cert.code);
    expect(page.text).toContain(`http://localhost:3000/verify/${cert.code}`);

    const pdf = await agent.get('/certificate/download').buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Jelena Đukić');
    expect(text).toContain(COURSE.title);
    expect(text).toContain('Cohort: Balkans 2026');
    expect(text).toContain(cert.code);
    expect(text).toContain(`http://localhost:3000/verify/${cert.code}`);

    // Public verification: name, programme and date only.
    const verify = await request(app).get(`/verify/${cert.code.toLowerCase()}`).expect(200);
    expect(verify.text).toContain('This certificate is genuine.');
    expect(verify.text).toContain('Jelena Đukić');
    expect(verify.text).toContain(COURSE.title);
    expect(verify.text).toMatch(/Completed on<\/dt><dd>\d{1,2} [A-Z][a-z]+ 2026/);
    expect(verify.text).not.toContain('Balkans 2026');
    expect(verify.text).not.toContain('jelena@example.org');

    // Asking again never issues a second certificate or a new code.
    await agent.get('/certificate').expect(200);
    expect(await Certificate.countDocuments()).toBe(1);
    expect((await Certificate.findOne().lean())!.code).toBe(cert.code);
  });

  it('says so when a verification code is wrong', async () => {
    const res = await request(app).get('/verify/ABCD-EFGH-JKMN').expect(404);
    expect(res.text).toContain('No certificate has the code');
    const garbage = await request(app).get('/verify/%3Cscript%3E').expect(404);
    expect(garbage.text).toContain('No certificate has the code');
    expect(garbage.text).not.toContain('<script>');
  });

  it('takes a typed code through the form', async () => {
    const res = await request(app).get('/verify?code=abcd efgh jkmn');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/verify/abcd%20efgh%20jkmn');
  });
});

/** The gradebook for mentors, ambassadors and admins, and its CSV export (issue 7, point 5). */
import { Types } from 'mongoose';
import { Submission } from '../../../server/features/submissions/submission.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  createClassroom,
  PROGRAMME,
  seedAssignments,
} from '../../helpers/factories/assignments.js';
import { assignMentor, createCohort, createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await seedAssignments(config);
});
afterAll(disconnect);

const cells = (html: string, name: string) => {
  const row = html.split('<tr>').find((r) => r.includes(name));
  return [...(row ?? '').matchAll(/data-status="([a-z]+)"/g)].map((m) => m[1]);
};

async function world() {
  const room = await createClassroom({
    innovatorName: 'Јована Петровић',
    otherName: 'Γιώργος Παπαδόπουλος',
  });
  // A late first answer, graded 9/10 and released, for Jovana; a draft final project.
  await Submission.create({
    innovator: new Types.ObjectId(room.innovator.id),
    assignmentId: PROGRAMME.final.id,
    version: 1,
    status: 'draft',
    text: 'Plan',
  });
  const innovator = await loginAs(app, room.innovator);
  await innovator.refreshToken(`/assignments/${PROGRAMME.snapshot.id}`);
  await innovator
    .postMultipart(`/assignments/${PROGRAMME.snapshot.id}/answer`)
    .field('text', 'Answer')
    .field('action', 'submit')
    .expect(303);
  const sub = (await Submission.findOne({
    innovator: room.innovator.id,
    assignmentId: PROGRAMME.snapshot.id,
  }).lean())!;
  const mentor = await loginAs(app, room.mentor);
  const url = `/grading/${sub._id}`;
  await mentor.postForm(
    url,
    { level__community: '1', level__experiment: '0', feedback: 'Good', action: 'accept' },
    { tokenFrom: url },
  );
  await mentor.postForm(`${url}/release`, {}, { tokenFrom: url });
  // Giorgos (Greece) submitted late; a Croatian innovator in another cohort has nothing.
  await Submission.create({
    innovator: new Types.ObjectId(room.otherInnovator.id),
    assignmentId: PROGRAMME.snapshot.id,
    version: 1,
    status: 'submitted',
    text: 'x',
    submittedAt: new Date(),
    lateMs: 3600_000,
  });
  const croat = await createUser({ roles: ['innovator'], name: 'Ivana Horvat', country: 'HR' });
  const cohort2 = await createCohort({
    name: 'Spring',
    members: [croat.id, room.otherMentor.id],
    countries: ['HR'],
  });
  await assignMentor(cohort2.id, croat.id, room.otherMentor.id);
  return { room, mentor, croat, cohort2 };
}

describe('gradebook', () => {
  it('shows a mentor their innovators with status and score', async () => {
    const { mentor } = await world();
    const res = await mentor.get('/gradebook').expect(200);
    expect(cells(res.text, 'Јована Петровић')).toEqual(['accepted', 'draft']);
    expect(res.text).toContain('9/10');
    expect(res.text).not.toContain('Γιώργος');
    expect(res.text).not.toContain('Ivana Horvat');
  });

  it('shows an ambassador only their country, read-only', async () => {
    await world();
    const ambassador = await loginAs(
      app,
      await createUser({ roles: ['ambassador'], countries: ['GR'] }),
    );
    const res = await ambassador.get('/gradebook').expect(200);
    expect(cells(res.text, 'Γιώργος Παπαδόπουλος')).toEqual(['late', 'missing']);
    expect(res.text).not.toContain('Јована');
    expect(res.text).not.toContain('Ivana Horvat');
    expect(res.text).toContain('read-only');
    expect(res.text).not.toContain('/grading/');
  });

  it('shows an admin everyone, filterable by cohort, country and mentor', async () => {
    const { room, cohort2 } = await world();
    const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
    const all = await admin.get('/gradebook').expect(200);
    for (const name of ['Јована Петровић', 'Γιώργος Παπαδόπουλος', 'Ivana Horvat'])
      expect(all.text).toContain(name);
    expect(cells(all.text, 'Ivana Horvat')).toEqual(['missing', 'missing']);
    const byCohort = await admin.get(`/gradebook?cohort=${cohort2.id}`).expect(200);
    expect(byCohort.text).toContain('Ivana Horvat');
    expect(byCohort.text).not.toContain('Јована');
    const byCountry = await admin.get('/gradebook?country=RS').expect(200);
    expect(byCountry.text).toContain('Јована');
    expect(byCountry.text).not.toContain('Γιώργος');
    const byMentor = await admin.get(`/gradebook?mentor=${room.otherMentor.id}`).expect(200);
    expect(byMentor.text).toContain('Γιώργος');
    expect(byMentor.text).toContain('Ivana Horvat');
    expect(byMentor.text).not.toContain('Јована');
  });

  it('is not for innovators', async () => {
    const { room } = await world();
    expect((await (await loginAs(app, room.innovator)).get('/gradebook')).status).toBe(403);
    expect((await (await loginAs(app, room.innovator)).get('/gradebook.csv')).status).toBe(403);
  });
});

describe('CSV export', () => {
  it('is UTF-8 with a BOM and keeps Cyrillic and Greek names intact', async () => {
    await world();
    const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
    const res = await admin
      .get('/gradebook.csv')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="gradebook-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      `Innovator,Email,Country,Cohort,Mentor,${PROGRAMME.snapshot.title} - status,${PROGRAMME.snapshot.title} - score,${PROGRAMME.final.title} - status,${PROGRAMME.final.title} - score`,
    );
    expect(lines.find((l) => l.startsWith('Јована Петровић,'))).toMatch(
      /^Јована Петровић,[^,]+,RS,Cohort \d+,Mentor Marija,accepted,9\/10,draft,$/,
    );
    expect(lines.find((l) => l.startsWith('Γιώργος Παπαδόπουλος,'))).toMatch(
      /,GR,Cohort \d+,Mentor Nikos,late,,missing,$/,
    );
  });

  it('holds only what the viewer may see', async () => {
    const { mentor } = await world();
    const res = await mentor.get('/gradebook.csv').buffer(true);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Јована Петровић');
    expect(res.text).not.toContain('Γιώργος');
  });
});

/**
 * The ambassador's country overview (issue 4, ambassador role): a Serbian ambassador sees Serbia's
 * cohorts, innovators (mentor, lessons, accepted assignments, last activity) and mentors, and
 * nothing of Croatia; admins see every country and can pick one; everyone else is turned away.
 */
import mongoose, { Types } from 'mongoose';
import request from 'supertest';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { Submission } from '../../../server/features/submissions/submission.model.js';
import { User } from '../../../server/features/users/user.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { PROGRAMME, seedAssignments } from '../../helpers/factories/assignments.js';
import { assignMentor, createCohort, createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  clearCourseCache();
  await seedAssignments(config);
});
afterAll(disconnect);

/** The table row of one innovator. */
function rowOf(html: string, name: string): string {
  const row = html.split('<tr').find((r) => r.includes(`>${name}</a>`)) ?? '';
  return row.split('</tr>')[0];
}

/** Text of a row with tags removed and whitespace collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

async function world() {
  const jovana = await createUser({ name: 'Jovana Petrović', country: 'RS' });
  const ana = await createUser({ name: 'Ana Marković', country: 'RS' });
  const djordje = await createUser({ name: 'Đorđe Ilić', country: 'RS' });
  const ivana = await createUser({ name: 'Ivana Horvat', country: 'HR' });
  const marija = await createUser({ roles: ['mentor'], name: 'Mentor Marija', country: 'RS' });
  const tomislav = await createUser({ roles: ['mentor'], name: 'Mentor Tomislav', country: 'HR' });
  await User.updateOne(
    { _id: jovana.id },
    { $set: { 'profile.library': 'Biblioteka šabačka', 'profile.city': 'Šabac' } },
  );
  const cohort = await createCohort({
    name: 'Balkans Autumn 2026',
    startDate: new Date(Date.now() - 30 * 86_400_000),
    countries: ['RS', 'HR'],
    members: [jovana.id, ana.id, djordje.id, ivana.id, marija.id, tomislav.id],
  });
  await assignMentor(cohort.id, jovana.id, marija.id);
  await assignMentor(cohort.id, djordje.id, marija.id);
  await assignMentor(cohort.id, ivana.id, tomislav.id);

  // Jovana: the first lesson completed, the second opened; the first assignment accepted.
  const user = new Types.ObjectId(jovana.id);
  const visited = new Date('2026-10-03T10:00:00Z');
  await LessonProgress.create([
    {
      user,
      programme: PROGRAMME.slug,
      module: 'mindset',
      lesson: 'snapshot',
      firstOpenedAt: visited,
      lastVisitedAt: visited,
      status: 'completed',
      completedAt: visited,
    },
    {
      user,
      programme: PROGRAMME.slug,
      module: 'project',
      lesson: 'proposal',
      firstOpenedAt: visited,
      lastVisitedAt: visited,
    },
  ]);
  // Inserted below mongoose so the stored updatedAt (the last activity) is the one chosen here.
  await Submission.collection.insertOne({
    innovator: user,
    assignmentId: PROGRAMME.snapshot.id,
    version: 1,
    status: 'accepted',
    text: 'My snapshot',
    files: [],
    submittedAt: new Date('2026-10-04T09:00:00Z'),
    dueAt: null,
    lateMs: 0,
    createdAt: new Date('2026-10-04T09:00:00Z'),
    updatedAt: new Date('2026-10-05T09:00:00Z'),
  });
  // A submitted (not yet accepted) answer of Đorđe's does not count as accepted.
  await Submission.create({
    innovator: new Types.ObjectId(djordje.id),
    assignmentId: PROGRAMME.snapshot.id,
    version: 1,
    status: 'submitted',
    text: 'x',
    submittedAt: new Date(),
  });
  return { jovana, ana, djordje, ivana, marija, tomislav, cohort };
}

describe('GET /ambassador for an ambassador', () => {
  it("shows Serbia's innovators with mentor and progress, and nothing of Croatia", async () => {
    const w = await world();
    const ambassador = await loginAs(
      app,
      await createUser({ roles: ['ambassador'], country: 'RS', countries: ['RS'] }),
    );
    const res = await ambassador.get('/ambassador').expect(200);
    const html = res.text;

    expect(html).toContain('<h1>My country</h1>');
    expect(html).toContain('<a href="/ambassador" aria-current="page">My country</a>');
    expect(html).toMatch(/<h2 id="country-RS">Serbia<\/h2>/);
    expect(html).toContain('Balkans Autumn 2026');
    expect(html).not.toContain('Croatia');
    expect(html).not.toContain('Ivana Horvat');
    expect(html).not.toContain('Mentor Tomislav');

    const jovana = rowOf(html, 'Jovana Petrović');
    expect(jovana).toContain(`<a href="/people/${w.jovana.id}">Jovana Petrović</a>`);
    expect(jovana).toContain(`<a href="/people/${w.marija.id}">Mentor Marija</a>`);
    expect(jovana).toContain(`href="/progress/${w.jovana.id}"`);
    expect(jovana).toContain('<progress max="2" value="1"');
    const text = textOf(jovana);
    expect(text).toContain('Biblioteka šabačka Šabac Balkans Autumn 2026 Mentor Marija');
    expect(text).toContain('1 of 2 lessons');
    expect(text).toMatch(/1 of 2 5 Oct 2026$/);
    expect(jovana).toContain('datetime="2026-10-05T09:00:00.000Z"');

    const djordje = textOf(rowOf(html, 'Đorđe Ilić'));
    expect(djordje).toContain('0 of 2 lessons');
    expect(djordje).toMatch(/ 0 of 2 \d+ \w+ \d{4}$/);
    const ana = textOf(rowOf(html, 'Ana Marković'));
    expect(ana).toContain('None yet');
    expect(ana).toMatch(/0 of 2 lessons 0% Progress of Ana Marković 0 of 2 Never$/);

    // Sorted by name as people read it (Đ after D), not by code point (which puts Đ after Z).
    const order = ['Ana Marković', 'Đorđe Ilić', 'Jovana Petrović'].map((n) =>
      html.indexOf(`>${n}</a>`),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(order[0]).toBeGreaterThan(-1);

    expect(html).toContain('Innovators (3)');
    expect(textOf(html)).toContain('Mentor Marija : 2 mentees in Serbia');
    expect(html).not.toMatch(/<form[^>]*method="post"[^>]*action="\/ambassador/);
  });

  it('links to person and progress pages the ambassador may open', async () => {
    const w = await world();
    const ambassador = await loginAs(
      app,
      await createUser({ roles: ['ambassador'], country: 'RS', countries: ['RS'] }),
    );
    const person = await ambassador.get(`/people/${w.jovana.id}`).expect(200);
    expect(person.text).toContain('Jovana Petrović');
    await ambassador.get(`/people/${w.marija.id}`).expect(200);
    const progress = await ambassador.get(`/progress/${w.jovana.id}`).expect(200);
    expect(progress.text).toContain('Jovana Petrović');
    // Croatia's people stay closed to them (404: ids are not confirmed).
    await ambassador.get(`/people/${w.ivana.id}`).expect(404);
    await ambassador.get(`/progress/${w.ivana.id}`).expect(404);
  });

  it('names a mentor from another country without a link the ambassador could not open', async () => {
    const w = await world();
    const zoran = await createUser({ name: 'Zoran Jović', country: 'RS' });
    await assignMentor(w.cohort.id, zoran.id, w.tomislav.id);
    const ambassador = await loginAs(
      app,
      await createUser({ roles: ['ambassador'], country: 'RS', countries: ['RS'] }),
    );
    const html = (await ambassador.get('/ambassador').expect(200)).text;
    const row = rowOf(html, 'Zoran Jović');
    expect(textOf(row)).toContain('Mentor Tomislav');
    expect(row).not.toContain(`/people/${w.tomislav.id}`);
    expect(textOf(html)).toContain('Mentor Tomislav: 1 mentee in Serbia');
    await ambassador.get(`/people/${w.tomislav.id}`).expect(404);
  });

  it('shows an empty state for a country with nobody yet, and each followed country', async () => {
    await world();
    const ambassador = await loginAs(
      app,
      await createUser({ roles: ['ambassador'], country: 'ME', countries: ['ME', 'HR'] }),
    );
    const html = (await ambassador.get('/ambassador').expect(200)).text;
    expect(html).toContain('No innovators from Montenegro yet.');
    expect(html).toContain('No mentors for Montenegro yet.');
    expect(html).toContain('Ivana Horvat');
    expect(textOf(html)).toContain('Mentor Tomislav : 1 mentee in Croatia');
    expect(html).not.toContain('Jovana Petrović');
    // A country they do not follow in the query string does not widen what they see.
    const other = (await ambassador.get('/ambassador?country=RS').expect(200)).text;
    expect(other).not.toContain('Jovana Petrović');
    expect(other).toContain('Ivana Horvat');
  });

  it('reads the page with the same number of queries for 3 or 9 innovators', async () => {
    await world();
    const ambassador = await loginAs(
      app,
      await createUser({ roles: ['ambassador'], country: 'RS', countries: ['RS'] }),
    );
    const countQueries = async () => {
      let n = 0;
      mongoose.set('debug', () => {
        n += 1;
      });
      try {
        await ambassador.get('/ambassador').expect(200);
      } finally {
        mongoose.set('debug', false);
      }
      return n;
    };
    clearCourseCache();
    const few = await countQueries();
    for (let i = 0; i < 6; i += 1) await createUser({ name: `Extra ${i}`, country: 'RS' });
    clearCourseCache();
    const many = await countQueries();
    expect(few).toBeGreaterThan(3); // the hook does see the page's reads
    expect(many).toBe(few);
    expect(few).toBeLessThan(30);
  });
});

describe('GET /ambassador for others', () => {
  it('refuses innovators, mentors and authors (403) and sends visitors to sign in', async () => {
    const w = await world();
    const author = await createUser({ roles: ['author'] });
    for (const person of [w.jovana, w.marija, author]) {
      const agent = await loginAs(app, person);
      const res = await agent.get('/ambassador').expect(403);
      expect(res.text).not.toContain('Đorđe Ilić');
      expect(res.text).not.toContain('>My country</a>');
    }
    const anon = await request(app).get('/ambassador').set('Accept', 'text/html').expect(303);
    expect(anon.headers.location).toBe('/login?next=%2Fambassador');
  });

  it('shows an admin every country, with a country filter', async () => {
    const w = await world();
    const admin = await loginAs(app, await createUser({ roles: ['admin'], country: 'other' }));
    const all = (await admin.get('/ambassador').expect(200)).text;
    expect(all).toContain('<h1>Countries</h1>');
    expect(all).toMatch(/<h2 id="country-RS">Serbia<\/h2>/);
    expect(all).toMatch(/<h2 id="country-HR">Croatia<\/h2>/);
    expect(all).toContain('Jovana Petrović');
    expect(rowOf(all, 'Ivana Horvat')).toContain(
      `<a href="/people/${w.tomislav.id}">Mentor Tomislav</a>`,
    );
    expect(all).toContain('<select id="field-country" name="country">');

    const croatia = (await admin.get('/ambassador?country=HR').expect(200)).text;
    expect(croatia).toContain('Ivana Horvat');
    expect(croatia).not.toContain('Jovana Petrović');
    expect(croatia).not.toMatch(/<h2 id="country-RS">/);
    expect(croatia).toContain('<option value="HR" selected>Croatia</option>');

    const empty = (await admin.get('/ambassador?country=SI').expect(200)).text;
    expect(empty).toContain('No innovators from Slovenia yet.');
    // Nonsense in the filter is ignored rather than an error.
    const junk = (await admin.get('/ambassador?country=%3Cscript%3E').expect(200)).text;
    expect(junk).toContain('Jovana Petrović');
    expect(junk).toContain('Ivana Horvat');
  });
});

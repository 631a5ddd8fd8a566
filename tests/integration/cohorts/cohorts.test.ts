/** Cohort pages for admins: create, add people, mentors with history, ambassadors. */
import { resetRateLimits } from '../../../server/features/auth/rate-limits.js';
import { Cohort } from '../../../server/features/cohorts/cohort.model.js';
import { MentorAssignment } from '../../../server/features/cohorts/mentor-assignment.model.js';
import {
  canMentorSee,
  menteesOf,
  mentorOf,
} from '../../../server/features/cohorts/cohorts.service.js';
import { User } from '../../../server/features/users/user.model.js';
import { buildTestApp } from '../../helpers/app.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createCohort, createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';

const { app } = buildTestApp();
let admin: CsrfAgent;

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await resetRateLimits();
  admin = await loginAs(app, await createUser({ roles: ['admin'] }));
});
afterAll(disconnect);

it('creates a cohort with a slug from its name', async () => {
  const res = await admin.postForm('/admin/cohorts', {
    name: 'Autumn 2026 – Balkans',
    startDate: '2026-09-01',
    endDate: '2027-02-28',
    countries: ['RS', 'AL'],
  });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/admin/cohorts/autumn-2026-balkans');
  const cohort = await Cohort.findOne({ slug: 'autumn-2026-balkans' }).lean();
  expect(cohort).toMatchObject({ name: 'Autumn 2026 – Balkans', countries: ['RS', 'AL'] });
  expect(cohort!.startDate.toISOString()).toBe('2026-09-01T00:00:00.000Z');
  const page = await admin.get('/admin/cohorts/autumn-2026-balkans').expect(200);
  expect(page.text).toContain('Serbia, Albania');
  const list = await admin.get('/admin/cohorts').expect(200);
  expect(list.text).toContain('Autumn 2026 – Balkans');
  // Same name again: a distinct slug.
  const again = await admin.postForm('/admin/cohorts', {
    name: 'Autumn 2026 – Balkans',
    startDate: '2026-09-01',
    endDate: '2027-02-28',
    countries: 'RS',
  });
  expect(again.headers.location).toBe('/admin/cohorts/autumn-2026-balkans-2');
});

it('refuses an end before the start and a cohort without countries', async () => {
  const res = await admin.postForm('/admin/cohorts', {
    name: 'Bad',
    startDate: '2026-09-01',
    endDate: '2026-08-01',
  });
  expect(res.status).toBe(422);
  expect(res.text).toContain('The end date must be after the start date.');
  expect(res.text).toContain('Choose at least one country.');
  expect(res.text).toContain('value="Bad"');
  expect(await Cohort.countDocuments()).toBe(0);
});

it('adds people by email and names the emails without an account', async () => {
  const cohort = await createCohort({ slug: 'c1' });
  const a = await createUser({ email: 'a@example.org' });
  const b = await createUser({ email: 'b@example.org' });
  const res = await admin.postForm('/admin/cohorts/c1/members', {
    emails: 'A@example.org\nb@example.org, ghost@example.org',
  });
  expect(res.status).toBe(303);
  const stored = await Cohort.findById(cohort.id).lean();
  expect(stored!.members.map(String).sort()).toEqual([a.id, b.id].sort());
  const page = await admin.get('/admin/cohorts/c1').expect(200);
  expect(page.text).toContain('No account uses: ghost@example.org');
});

it('assigns and reassigns a mentor, keeping the history', async () => {
  const innovator = await createUser({ name: 'Innes' });
  const first = await createUser({ roles: ['mentor'], name: 'First Mentor' });
  const second = await createUser({ roles: ['mentor'], name: 'Second Mentor' });
  await createCohort({ slug: 'c1', members: [innovator.id] });

  await admin
    .postForm('/admin/cohorts/c1/mentors', { innovatorId: innovator.id, mentorId: first.id })
    .then((r) => expect(r.status).toBe(303));
  expect(await mentorOf(innovator.id)).toBe(first.id);
  expect(await menteesOf(first.id)).toEqual([innovator.id]);
  // The mentor now belongs to the cohort too.
  expect((await Cohort.findOne({ slug: 'c1' }).lean())!.members.map(String)).toContain(first.id);

  await admin.postForm('/admin/cohorts/c1/mentors', {
    innovatorId: innovator.id,
    mentorId: second.id,
  });
  expect(await mentorOf(innovator.id)).toBe(second.id);
  expect(await canMentorSee(first.id, innovator.id)).toBe(false);
  expect(await canMentorSee(second.id, innovator.id)).toBe(true);
  const rows = await MentorAssignment.find({ innovator: innovator.id })
    .sort({ assignedAt: 1, _id: 1 })
    .lean();
  expect(rows.map((r) => [String(r.mentor), r.endedAt === null])).toEqual([
    [first.id, false],
    [second.id, true],
  ]);

  const page = await admin.get('/admin/cohorts/c1').expect(200);
  expect(page.text).toMatch(
    /<td>Innes<\/td><td>First Mentor<\/td><td>\d{4}-\d{2}-\d{2}<\/td><td>\d{4}-\d{2}-\d{2}<\/td>/,
  );
  expect(page.text).toMatch(
    /<td>Innes<\/td><td>Second Mentor<\/td><td>\d{4}-\d{2}-\d{2}<\/td><td>current<\/td>/,
  );
});

it('refuses a mentor who is not a mentor and an innovator outside the cohort', async () => {
  const innovator = await createUser();
  const outsider = await createUser();
  const notMentor = await createUser({ roles: ['author'] });
  const mentor = await createUser({ roles: ['mentor'] });
  await createCohort({ slug: 'c1', members: [innovator.id] });
  const bad = await admin.postForm('/admin/cohorts/c1/mentors', {
    innovatorId: innovator.id,
    mentorId: notMentor.id,
  });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('Choose an active mentor.');
  const outside = await admin.postForm('/admin/cohorts/c1/mentors', {
    innovatorId: outsider.id,
    mentorId: mentor.id,
  });
  expect(outside.status).toBe(400);
  expect(outside.text).toContain('The innovator is not in this cohort.');
  expect(await MentorAssignment.countDocuments()).toBe(0);
});

it('assigns an ambassador to one of the cohort countries', async () => {
  const amb = await createUser({
    roles: ['ambassador'],
    name: 'Amba',
    country: 'AL',
    countries: ['AL'],
  });
  await createCohort({ slug: 'c1', countries: ['AL', 'XK'] });
  const res = await admin.postForm('/admin/cohorts/c1/ambassadors', {
    userId: amb.id,
    country: 'XK',
  });
  expect(res.status).toBe(303);
  expect((await User.findById(amb.id).lean())!.countries).toEqual(['AL', 'XK']);
  const page = await admin.get('/admin/cohorts/c1').expect(200);
  expect(page.text).toMatch(/Amba<\/a>: Albania, Kosovo/);
});

it('removing someone from the cohort ends their mentoring there', async () => {
  const innovator = await createUser();
  const mentor = await createUser({ roles: ['mentor'] });
  const cohort = await createCohort({ slug: 'c1', members: [innovator.id] });
  await admin.postForm('/admin/cohorts/c1/mentors', {
    innovatorId: innovator.id,
    mentorId: mentor.id,
  });
  await admin.postForm(`/admin/cohorts/c1/members/${innovator.id}/remove`, {});
  expect((await Cohort.findById(cohort.id).lean())!.members.map(String)).not.toContain(
    innovator.id,
  );
  expect(await canMentorSee(mentor.id, innovator.id)).toBe(false);
  expect(await MentorAssignment.countDocuments()).toBe(1);
});

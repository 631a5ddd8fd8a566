/** The admin people pages: search and filters, roles, deactivation. */
import { resetRateLimits } from '../../../server/features/auth/rate-limits.js';
import { User } from '../../../server/features/users/user.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { csrfAgent, type CsrfAgent } from '../../helpers/csrf.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createCohort, createUser, type TestUser } from '../../helpers/factories/users.js';
import { loginAs, signedInAs } from '../../helpers/login.js';

const { app } = buildTestApp();
let adminUser: TestUser;
let admin: CsrfAgent;

function names(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/admin\/people\/[a-f0-9]{24}">([^<]+)<\/a><\/td>/g)].map(
    (m) => m[1],
  );
}

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await resetRateLimits();
  adminUser = await createUser({ roles: ['admin'], name: 'Zora Admin', country: 'other' });
  admin = await loginAs(app, adminUser);
});
afterAll(disconnect);

it('searches and filters by role, country, cohort and status', async () => {
  const ana = await createUser({ name: 'Ana Kovač', email: 'ana@lib.hr', country: 'HR' });
  await createUser({ name: 'Besa Krasniqi', country: 'XK' });
  await createUser({ name: 'Marko Mentor', roles: ['mentor'], country: 'RS' });
  await createUser({ name: 'Petra Pending', country: 'HR', pending: true });
  await createUser({ name: 'Dino Gone', country: 'HR', active: false });
  await createCohort({ slug: 'c1', members: [ana.id] });

  const get = async (qs: string) =>
    names((await admin.get(`/admin/people?${qs}`).expect(200)).text);
  expect(await get('')).toEqual([
    'Ana Kovač',
    'Besa Krasniqi',
    'Dino Gone',
    'Marko Mentor',
    'Petra Pending',
    'Zora Admin',
  ]);
  expect(await get('q=lib.hr')).toEqual(['Ana Kovač']);
  expect(await get('q=KRAS')).toEqual(['Besa Krasniqi']);
  expect(await get('q=.*')).toEqual([]);
  expect(await get('role=mentor')).toEqual(['Marko Mentor']);
  expect(await get('country=HR')).toEqual(['Ana Kovač', 'Dino Gone', 'Petra Pending']);
  expect(await get('country=HR&status=active')).toEqual(['Ana Kovač']);
  expect(await get('status=pending')).toEqual(['Petra Pending']);
  expect(await get('status=deactivated')).toEqual(['Dino Gone']);
  expect(await get('cohort=c1')).toEqual(['Ana Kovač']);
  expect(await get('role=nonsense')).toHaveLength(6);
});

it('deactivating ends sessions and blocks sign-in, keeps the record; reactivating lets them back', async () => {
  const person = await createUser({ name: 'Vanja' });
  const theirSession = await loginAs(app, person);
  const res = await admin.postForm(`/admin/people/${person.id}/deactivate`, {});
  expect(res.status).toBe(303);
  expect(await signedInAs(theirSession)).toBeNull();
  const stored = await User.findById(person.id).lean();
  expect(stored).toMatchObject({ active: false, name: 'Vanja' });
  expect(stored!.deactivatedAt).toBeInstanceOf(Date);
  const attempt = await csrfAgent(app, '/login');
  expect(
    (
      await attempt.postForm(
        '/login',
        { email: person.email, password: person.password },
        { tokenFrom: '/login' },
      )
    ).status,
  ).toBe(401);

  await admin.postForm(`/admin/people/${person.id}/reactivate`, {});
  await loginAs(app, person);
});

it('an admin can neither deactivate themself nor drop their own admin role', async () => {
  const self = await admin.postForm(`/admin/people/${adminUser.id}/deactivate`, {});
  expect(self.status).toBe(400);
  const roles = await admin.postForm(`/admin/people/${adminUser.id}/roles`, { roles: 'mentor' });
  expect(roles.status).toBe(400);
  expect(await User.findById(adminUser.id).lean()).toMatchObject({
    active: true,
    roles: ['admin'],
  });
});

it('sets roles and the countries an ambassador follows', async () => {
  const person = await createUser({ country: 'ME' });
  await admin.postForm(`/admin/people/${person.id}/roles`, { roles: ['mentor', 'ambassador'] });
  expect((await User.findById(person.id).lean())!.roles).toEqual(['mentor', 'ambassador']);
  await admin.postForm(`/admin/people/${person.id}/countries`, { countries: ['ME', 'BA'] });
  expect((await User.findById(person.id).lean())!.countries).toEqual(['ME', 'BA']);
  const page = await admin.get(`/admin/people/${person.id}`).expect(200);
  expect(page.text).toContain('Countries followed as ambassador');
  const bad = await admin.postForm(`/admin/people/${person.id}/roles`, { roles: 'king' });
  expect(bad.status).toBe(400);
});

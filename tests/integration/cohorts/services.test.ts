/** The service API other features rely on for object-level access. */
import {
  canViewPerson,
  cohortOf,
  innovatorsVisibleTo,
  listInnovators,
  menteesOf,
  mentorOf,
} from '../../../server/features/cohorts/cohorts.service.js';
import {
  ambassadorCountries,
  getUser,
  innovatorsInCountries,
} from '../../../server/features/users/users.service.js';
import { setActive } from '../../../server/features/users/people.service.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  assignMentor,
  createCohort,
  createUser,
  type TestUser,
} from '../../helpers/factories/users.js';

beforeAll(connectTestDatabase);
beforeEach(clearDatabase);
afterAll(disconnect);

function asViewer(u: TestUser, countries: string[] = []): Express.User {
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, countries };
}

it('answers who mentors whom, who is where, and who may see whom', async () => {
  const al = await createUser({ name: 'Arta', country: 'AL' });
  const rs = await createUser({ name: 'Bojan', country: 'RS' });
  const xk = await createUser({ name: 'Drita', country: 'XK' });
  const mentorA = await createUser({ roles: ['mentor'], country: 'AL' });
  const mentorB = await createUser({ roles: ['mentor'], country: 'RS' });
  const amb = await createUser({ roles: ['ambassador'], country: 'AL', countries: ['AL', 'XK'] });
  const author = await createUser({ roles: ['author'] });
  const admin = await createUser({ roles: ['admin'] });
  const old = await createCohort({
    slug: 'spring',
    startDate: new Date('2026-03-01'),
    members: [al.id],
  });
  const cohort = await createCohort({
    slug: 'autumn',
    startDate: new Date('2026-09-01'),
    members: [al.id, rs.id, xk.id],
  });
  await assignMentor(cohort.id, al.id, mentorA.id);
  await assignMentor(cohort.id, xk.id, mentorA.id);
  await assignMentor(cohort.id, rs.id, mentorB.id);

  expect((await menteesOf(mentorA.id)).sort()).toEqual([al.id, xk.id].sort());
  expect(await mentorOf(rs.id)).toBe(mentorB.id);
  expect(await mentorOf(mentorA.id)).toBeNull();
  expect(await menteesOf('not-an-id')).toEqual([]);

  expect((await cohortOf(al.id))!.slug).toBe('autumn');
  expect((await cohortOf(al.id))!.startDate.toISOString()).toBe('2026-09-01T00:00:00.000Z');
  expect(await cohortOf(admin.id)).toBeNull();
  expect(old.slug).toBe('spring');

  expect(await ambassadorCountries(amb.id)).toEqual(['AL', 'XK']);
  expect(await ambassadorCountries(mentorA.id)).toEqual([]);
  expect((await innovatorsInCountries(['AL', 'XK'])).sort()).toEqual([al.id, xk.id].sort());

  expect((await listInnovators({ cohortId: cohort.id })).map((u) => u.name)).toEqual([
    'Arta',
    'Bojan',
    'Drita',
  ]);
  expect(
    (await listInnovators({ mentorId: mentorA.id, countries: ['XK'] })).map((u) => u.name),
  ).toEqual(['Drita']);
  expect((await listInnovators({ q: 'boj' })).map((u) => u.name)).toEqual(['Bojan']);

  const see = (viewer: Express.User, target: TestUser) => canViewPerson(viewer, target.id);
  expect(await see(asViewer(mentorA), al)).toBe(true);
  expect(await see(asViewer(mentorA), rs)).toBe(false);
  expect(await see(asViewer(al), mentorA)).toBe(true);
  expect(await see(asViewer(al), rs)).toBe(false);
  expect(await see(asViewer(amb, ['AL', 'XK']), xk)).toBe(true);
  expect(await see(asViewer(amb, ['AL', 'XK']), mentorA)).toBe(true);
  expect(await see(asViewer(amb, ['AL', 'XK']), rs)).toBe(false);
  expect(await see(asViewer(author), al)).toBe(false);
  expect(await see(asViewer(admin), rs)).toBe(true);

  expect(await innovatorsVisibleTo(asViewer(admin))).toBe('all');
  expect(((await innovatorsVisibleTo(asViewer(amb, ['AL', 'XK']))) as string[]).sort()).toEqual(
    [al.id, xk.id].sort(),
  );
  expect(await innovatorsVisibleTo(asViewer(author))).toEqual([]);

  // A deactivated innovator drops out of the lists but is kept.
  await setActive(xk.id, false);
  expect(await innovatorsInCountries(['XK'])).toEqual([]);
  expect((await getUser(xk.id))!.active).toBe(false);
});

/** The people and cohort the role matrix walks with (see matrix.ts). */
import { assignMentor, createCohort, createUser } from '../../helpers/factories/users.js';
import type { World } from './matrix.js';

export async function buildWorld(): Promise<World> {
  const innovator = await createUser({ roles: ['innovator'], name: 'Innovator A', country: 'AL' });
  const mentor = await createUser({ roles: ['mentor'], name: 'Mentor A', country: 'AL' });
  const ambassador = await createUser({
    roles: ['ambassador'],
    name: 'Ambassador AL',
    country: 'AL',
    countries: ['AL'],
  });
  const author = await createUser({ roles: ['author'], name: 'Author', country: 'HR' });
  const admin = await createUser({ roles: ['admin'], name: 'Admin', country: 'other' });
  const mentorB = await createUser({ roles: ['mentor'], name: 'Mentor B', country: 'RS' });
  const innovatorB = await createUser({ roles: ['innovator'], name: 'Innovator B', country: 'RS' });
  const spare = await createUser({ roles: ['innovator'], name: 'Spare', country: 'RS' });
  const pending = await createUser({
    roles: ['innovator'],
    name: 'Pending',
    country: 'RS',
    pending: true,
  });
  const cohort = await createCohort({
    slug: 'matrix-cohort',
    countries: ['AL', 'RS'],
    members: [innovator.id, mentor.id, mentorB.id, innovatorB.id, spare.id],
  });
  await assignMentor(cohort.id, innovator.id, mentor.id);
  await assignMentor(cohort.id, innovatorB.id, mentorB.id);
  return {
    users: { innovator, mentor, ambassador, author, admin },
    mentorB,
    innovatorB,
    spare,
    pending,
    cohort: { id: cohort.id, slug: cohort.slug },
    extra: {},
  };
}

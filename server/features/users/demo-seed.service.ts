/**
 * Demo people for a local try-out (npm run seed:demo): a cohort with two mentors, six innovators
 * from different countries, an ambassador, an author and an admin. The passwords are fixed and
 * published in the README: DEMO ONLY, never on a public server. Running it twice changes nothing.
 */
import type { Role } from '../../lib/roles.js';
import {
  addMembers,
  assignMentor,
  createCohort,
  getCohortBySlug,
  mentorOf,
} from '../cohorts/cohorts.service.js';
import { createUser, findUserByEmail } from './users.service.js';

export const DEMO_COHORT = { slug: 'demo-cohort-2026', name: 'Demo cohort 2026' };

interface DemoPerson {
  key: string;
  email: string;
  name: string;
  role: Role;
  country: string;
  countries?: string[];
  password: string;
  mentor?: string;
}

const P = {
  innovator: 'demo-innovator-2026',
  mentor: 'demo-mentor-2026',
  ambassador: 'demo-ambassador-2026',
  author: 'demo-author-2026',
  admin: 'demo-admin-2026',
};

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'admin',
    email: 'admin@demo.atelier.local',
    name: 'Demo Admin',
    role: 'admin',
    country: 'other',
    password: P.admin,
  },
  {
    key: 'author',
    email: 'author@demo.atelier.local',
    name: 'Ana Autorka',
    role: 'author',
    country: 'HR',
    password: P.author,
  },
  {
    key: 'ambassador',
    email: 'ambassador@demo.atelier.local',
    name: 'Arben Ambasador',
    role: 'ambassador',
    country: 'AL',
    countries: ['AL', 'XK'],
    password: P.ambassador,
  },
  {
    key: 'mentor1',
    email: 'mentor1@demo.atelier.local',
    name: 'Milena Mentorović',
    role: 'mentor',
    country: 'RS',
    password: P.mentor,
  },
  {
    key: 'mentor2',
    email: 'mentor2@demo.atelier.local',
    name: 'Elira Mentori',
    role: 'mentor',
    country: 'AL',
    password: P.mentor,
  },
  {
    key: 'innovator1',
    email: 'innovator1@demo.atelier.local',
    name: 'Jelena Jovanović',
    role: 'innovator',
    country: 'RS',
    password: P.innovator,
    mentor: 'mentor1',
  },
  {
    key: 'innovator2',
    email: 'innovator2@demo.atelier.local',
    name: 'Amra Hodžić',
    role: 'innovator',
    country: 'BA',
    password: P.innovator,
    mentor: 'mentor1',
  },
  {
    key: 'innovator3',
    email: 'innovator3@demo.atelier.local',
    name: 'Ivana Horvat',
    role: 'innovator',
    country: 'HR',
    password: P.innovator,
    mentor: 'mentor1',
  },
  {
    key: 'innovator4',
    email: 'innovator4@demo.atelier.local',
    name: 'Besnik Gashi',
    role: 'innovator',
    country: 'XK',
    password: P.innovator,
    mentor: 'mentor2',
  },
  {
    key: 'innovator5',
    email: 'innovator5@demo.atelier.local',
    name: 'Ermira Leka',
    role: 'innovator',
    country: 'AL',
    password: P.innovator,
    mentor: 'mentor2',
  },
  {
    key: 'innovator6',
    email: 'innovator6@demo.atelier.local',
    name: 'Stefan Trajkovski',
    role: 'innovator',
    country: 'MK',
    password: P.innovator,
    mentor: 'mentor2',
  },
];

export interface SeedResult {
  created: string[];
  existing: string[];
}

/** Creates whatever of the demo data is missing. */
export async function seedDemo(now = new Date()): Promise<SeedResult> {
  const result: SeedResult = { created: [], existing: [] };
  const ids = new Map<string, string>();
  for (const p of DEMO_PEOPLE) {
    const found = await findUserByEmail(p.email);
    if (found) {
      ids.set(p.key, found.id);
      result.existing.push(p.email);
      continue;
    }
    const user = await createUser({
      email: p.email,
      name: p.name,
      roles: [p.role],
      country: p.country,
      countries: p.countries,
      password: p.password,
    });
    ids.set(p.key, user.id);
    result.created.push(p.email);
  }
  let cohort = await getCohortBySlug(DEMO_COHORT.slug).catch(() => null);
  if (!cohort) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    cohort = await createCohort({
      name: DEMO_COHORT.name,
      startDate: start,
      endDate: new Date(start.getTime() + 180 * 86_400_000),
      countries: ['AL', 'BA', 'HR', 'XK', 'MK', 'RS'],
    });
  }
  await addMembers(
    cohort.id,
    DEMO_PEOPLE.filter((p) => p.role !== 'admin' && p.role !== 'author').map((p) =>
      ids.get(p.key)!,
    ),
  );
  for (const p of DEMO_PEOPLE.filter((d) => d.mentor)) {
    const innovatorId = ids.get(p.key)!;
    if (!(await mentorOf(innovatorId)))
      await assignMentor({ cohortId: cohort.id, innovatorId, mentorId: ids.get(p.mentor!)! });
  }
  return result;
}

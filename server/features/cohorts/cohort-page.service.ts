/** Builds what the admin cohort page shows: members by role, current mentors, history. */
import { countryName } from '../../lib/countries.js';
import { findUserByEmail, getUsers, type PublicUser } from '../users/users.service.js';
import { peopleWithRole } from '../users/people.service.js';
import {
  addMembers,
  assignmentsOfCohort,
  getCohortBySlug,
  type CohortSummary,
} from './cohorts.service.js';

export interface CohortPage {
  cohort: CohortSummary;
  innovators: Array<PublicUser & { mentorId: string | null }>;
  mentors: PublicUser[];
  others: PublicUser[];
  allMentors: PublicUser[];
  ambassadors: Array<PublicUser & { followed: string[] }>;
  allAmbassadors: PublicUser[];
  history: Array<{ innovator: string; mentor: string; assignedAt: Date; endedAt: Date | null }>;
}

/** Everything the cohort page needs, names resolved. */
export async function cohortPage(slug: string): Promise<CohortPage> {
  const cohort = await getCohortBySlug(slug);
  const [members, assignments, allMentors, allAmbassadors] = await Promise.all([
    getUsers(cohort.memberIds),
    assignmentsOfCohort(cohort.id),
    peopleWithRole('mentor'),
    peopleWithRole('ambassador'),
  ]);
  members.sort((a, b) => a.name.localeCompare(b.name));
  const current = new Map(
    assignments.filter((a) => !a.endedAt).map((a) => [a.innovator, a.mentor]),
  );
  const names = new Map([...members, ...allMentors].map((u) => [u.id, u.name]));
  const ambassadors = allAmbassadors
    .map((a) => ({ ...a, followed: a.countries.filter((c) => cohort.countries.includes(c)) }))
    .filter((a) => a.followed.length > 0);
  return {
    cohort,
    innovators: members
      .filter((m) => m.roles.includes('innovator'))
      .map((m) => ({ ...m, mentorId: current.get(m.id) ?? null })),
    mentors: members.filter((m) => m.roles.includes('mentor') && !m.roles.includes('innovator')),
    others: members.filter((m) => !m.roles.includes('mentor') && !m.roles.includes('innovator')),
    allMentors,
    ambassadors,
    allAmbassadors,
    history: assignments.map((a) => ({
      innovator: names.get(a.innovator) ?? 'Someone removed',
      mentor: names.get(a.mentor) ?? 'Someone removed',
      assignedAt: a.assignedAt,
      endedAt: a.endedAt,
    })),
  };
}

/** Adds people by email (one per line or separated by commas); returns the emails not found. */
export async function addMembersByEmail(
  cohortId: string,
  text: string,
): Promise<{ added: number; unknown: string[] }> {
  const emails = [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const email of emails) {
    const user = await findUserByEmail(email);
    if (user) ids.push(user.id);
    else unknown.push(email);
  }
  if (ids.length) await addMembers(cohortId, ids);
  return { added: ids.length, unknown };
}

/** "Serbia, Albania" for a list of codes. */
export function countryNames(codes: string[]): string {
  return codes.map(countryName).join(', ');
}

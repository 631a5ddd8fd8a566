/**
 * The ambassador's country overview: for each followed country, the cohorts running there, its
 * innovators (cohort, mentor, progress figures, last activity) and its mentors (mentees there).
 * Admins see every country, optionally one. Read-only, and built with a fixed number of queries.
 */
import { countryName } from '../../lib/countries.js';
import {
  currentMentorsOf,
  listCohorts,
  listInnovators,
  type CohortSummary,
} from '../cohorts/cohorts.service.js';
import { peopleWithRole } from '../users/people.service.js';
import { getUsers, type PublicUser } from '../users/users.service.js';
import { figuresFor, type InnovatorFigures } from './innovator-figures.service.js';

export interface OverviewFilter {
  country?: string;
}

export interface PersonLink {
  id: string;
  name: string;
  /** Whether the viewer may open the person's page (otherwise the name is shown as text). */
  linked: boolean;
}

export interface InnovatorRow extends InnovatorFigures {
  id: string;
  name: string;
  country: string;
  library: string;
  city: string;
  cohort: string;
  mentor: PersonLink | null;
}

export interface MentorRow extends PersonLink {
  /** Innovators of this country they currently mentor. */
  mentees: number;
}

export interface CountryOverview {
  code: string;
  name: string;
  cohorts: Array<{ name: string; startDate: Date; endDate: Date; running: boolean }>;
  innovators: InnovatorRow[];
  mentors: MentorRow[];
}

export interface Overview {
  isAdmin: boolean;
  /** The countries shown, in the order of the page. */
  countries: CountryOverview[];
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

/** Which countries the viewer gets: admins all (or the filtered one), ambassadors their own. */
function countriesInScope(viewer: Express.User, filter: OverviewFilter): string[] | 'all' {
  if (viewer.roles.includes('admin')) return filter.country ? [filter.country] : 'all';
  const own = viewer.roles.includes('ambassador') ? viewer.countries : [];
  return filter.country && own.includes(filter.country) ? [filter.country] : own;
}

/**
 * Who the viewer may open at /people/:id, by the rule of canViewPerson() for admins and
 * ambassadors (their countries' innovators and mentors); applied here to whole lists at once.
 */
function linkable(viewer: Express.User, person: PublicUser): boolean {
  return (
    viewer.roles.includes('admin') ||
    viewer.id === person.id ||
    viewer.countries.includes(person.country)
  );
}

/** The cohort a person is in now: the latest-starting one, as cohortOf() decides. */
function latestCohortOf(id: string, cohorts: CohortSummary[]): CohortSummary | undefined {
  return cohorts
    .filter((c) => c.memberIds.includes(id))
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())[0];
}

/** The overview `viewer` may see (see the module comment). */
export async function buildOverview(
  viewer: Express.User,
  filter: OverviewFilter = {},
  now = new Date(),
): Promise<Overview> {
  const scope = countriesInScope(viewer, filter);
  const isAdmin = viewer.roles.includes('admin');
  if (scope !== 'all' && scope.length === 0) return { isAdmin, countries: [] };
  const countries = scope === 'all' ? undefined : scope;
  const [innovators, cohorts, allMentors] = await Promise.all([
    listInnovators({ countries }),
    listCohorts(),
    peopleWithRole('mentor'),
  ]);
  const [mentorOf, figures] = await Promise.all([
    currentMentorsOf(innovators.map((p) => p.id)),
    figuresFor(innovators),
  ]);
  // Mentors no longer active (or no longer mentors) can still be someone's current mentor.
  const known = new Map(allMentors.map((m) => [m.id, m]));
  const missing = [...new Set(mentorOf.values())].filter((id) => !known.has(id));
  for (const m of await getUsers(missing)) known.set(m.id, m);

  const rows = innovators.map((p): InnovatorRow => {
    const mentor = known.get(mentorOf.get(p.id) ?? '');
    return {
      id: p.id,
      name: p.name,
      country: p.country,
      library: p.profile.library ?? '',
      city: p.profile.city ?? '',
      cohort: latestCohortOf(p.id, cohorts)?.name ?? '',
      mentor: mentor
        ? { id: mentor.id, name: mentor.name, linked: linkable(viewer, mentor) }
        : null,
      ...figures.get(p.id)!,
    };
  });

  // Everywhere someone (or a cohort not yet over) is; '' gathers innovators who gave no country.
  const codes = countries ?? [
    ...new Set([
      ...innovators.map((p) => p.country),
      ...allMentors.map((m) => m.country).filter(Boolean),
      ...cohorts.filter((c) => c.endDate >= now).flatMap((c) => c.countries),
    ]),
  ];
  const overviews = codes.map((code): CountryOverview => {
    const here = rows.filter((r) => r.country === code).sort(byName);
    const mentorIds = new Set([
      ...here.flatMap((r) => (r.mentor ? [r.mentor.id] : [])),
      ...allMentors.filter((m) => m.country === code).map((m) => m.id),
    ]);
    const mentors = [...mentorIds].map((id): MentorRow => {
      const m = known.get(id)!;
      return {
        id,
        name: m.name,
        linked: linkable(viewer, m),
        mentees: here.filter((r) => r.mentor?.id === id).length,
      };
    });
    const memberIds = new Set(here.map((r) => r.id));
    const active = cohorts.filter(
      (c) =>
        c.endDate >= now &&
        (c.countries.includes(code) || c.memberIds.some((id) => memberIds.has(id))),
    );
    return {
      code,
      name: code ? countryName(code) : 'Country not given',
      cohorts: active
        .map((c) => ({
          name: c.name,
          startDate: c.startDate,
          endDate: c.endDate,
          running: c.startDate <= now,
        }))
        .sort((a, b) => a.startDate.getTime() - b.startDate.getTime()),
      innovators: here,
      mentors: mentors.sort(byName),
    };
  });
  return { isAdmin, countries: overviews.sort(byName) };
}

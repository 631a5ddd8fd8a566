/**
 * Cohorts and who may see whom. API for other features (ids are strings):
 *   cohortOf(userId) -> CohortSummary | null   (the person's latest cohort, with startDate)
 *   menteesOf(mentorId) -> innovator ids        mentorOf(innovatorId) -> mentor id | null
 *   canMentorSee(mentorId, innovatorId) -> boolean
 *   listInnovators({ cohortId?, countries?, mentorId?, q? }) -> PublicUser[]
 *   canViewPerson(viewer, personId) -> boolean  (self, admin, their mentor/mentee, ambassador of
 *     their country). Callers answer "not visible" with NotFoundError (404), never 403.
 *   innovatorsVisibleTo(viewer) -> ids | 'all'
 *   currentMentorsOf(innovatorIds) -> Map innovator id -> mentor id (mentorOf for many, one query)
 * ambassadorCountries / innovatorsInCountries / getUser live in ../users/users.service.ts.
 */
import { isValidObjectId, Types } from 'mongoose';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { hasAnyRole } from '../../lib/roles.js';
import {
  findInnovators,
  getUser,
  innovatorsInCountries,
  type PublicUser,
} from '../users/users.service.js';
import { Cohort, type CohortDoc } from './cohort.model.js';
import { MentorAssignment } from './mentor-assignment.model.js';
import { canMentorSee, endMentoring, menteesOf, mentorOf } from './mentoring.service.js';

export {
  assignMentor,
  assignmentsOfCohort,
  canMentorSee,
  endMentoring,
  menteesOf,
  mentorOf,
} from './mentoring.service.js';

export interface CohortSummary {
  id: string;
  name: string;
  slug: string;
  startDate: Date;
  endDate: Date;
  countries: string[];
  memberIds: string[];
}

function toSummary(
  c: Pick<CohortDoc, '_id' | 'name' | 'slug' | 'startDate' | 'endDate' | 'countries' | 'members'>,
): CohortSummary {
  return {
    id: String(c._id),
    name: c.name,
    slug: c.slug,
    startDate: c.startDate,
    endDate: c.endDate,
    countries: [...c.countries],
    memberIds: c.members.map(String),
  };
}

function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base.slice(0, 60) || 'cohort';
}

/** Creates a cohort with a unique slug made from its name. */
export async function createCohort(input: {
  name: string;
  startDate: Date;
  endDate: Date;
  countries: string[];
}): Promise<CohortSummary> {
  if (input.endDate < input.startDate)
    throw new BadRequestError('The end date must be after the start date.');
  const base = slugify(input.name);
  let slug = base;
  for (let n = 2; await Cohort.exists({ slug }); n += 1) slug = `${base}-${n}`;
  const cohort = await Cohort.create({ ...input, slug, countries: [...new Set(input.countries)] });
  return toSummary(cohort);
}

/** Every cohort, newest start first. */
export async function listCohorts(): Promise<CohortSummary[]> {
  const rows = await Cohort.find().sort({ startDate: -1 }).lean();
  return rows.map(toSummary);
}

/** A cohort by slug, or NotFoundError. */
export async function getCohortBySlug(slug: string): Promise<CohortSummary> {
  const c = await Cohort.findOne({ slug: String(slug).toLowerCase() }).lean();
  if (!c) throw new NotFoundError('That cohort does not exist.');
  return toSummary(c);
}

/** A cohort by id, or null. */
export async function getCohort(id: string): Promise<CohortSummary | null> {
  const c = isValidObjectId(id) ? await Cohort.findById(id).lean() : null;
  return c ? toSummary(c) : null;
}

/** Adds people to a cohort (idempotent); unknown ids are refused. */
export async function addMembers(cohortId: string, userIds: string[]): Promise<void> {
  const ids = [...new Set(userIds)].filter((id) => isValidObjectId(id));
  for (const id of ids)
    if (!(await getUser(id))) throw new BadRequestError('One of those people does not exist.');
  const res = await Cohort.updateOne(
    { _id: cohortId },
    { $addToSet: { members: { $each: ids.map((id) => new Types.ObjectId(id)) } } },
  );
  if (res.matchedCount === 0) throw new NotFoundError('That cohort does not exist.');
}

/** Removes a person from a cohort; their mentoring there ends (history kept). */
export async function removeMember(cohortId: string, userId: string): Promise<void> {
  if (!isValidObjectId(userId)) return;
  await Cohort.updateOne({ _id: cohortId }, { $pull: { members: new Types.ObjectId(userId) } });
  await endMentoring(cohortId, userId);
}

/** The latest cohort (by start date) a person belongs to, or null. */
export async function cohortOf(userId: string): Promise<CohortSummary | null> {
  if (!isValidObjectId(userId)) return null;
  const c = await Cohort.findOne({ members: new Types.ObjectId(userId) })
    .sort({ startDate: -1 })
    .lean();
  return c ? toSummary(c) : null;
}

/** Active innovators, filtered by cohort, own countries, current mentor and/or a name search. */
export async function listInnovators(
  filter: { cohortId?: string; countries?: string[]; mentorId?: string; q?: string } = {},
): Promise<PublicUser[]> {
  let ids: string[] | undefined;
  if (filter.cohortId) ids = (await getCohort(filter.cohortId))?.memberIds ?? [];
  if (filter.mentorId) {
    const mentees = await menteesOf(filter.mentorId);
    ids = ids ? ids.filter((id) => mentees.includes(id)) : mentees;
  }
  return findInnovators({ ids, countries: filter.countries, q: filter.q });
}

/** Whether `viewer` may see the person `personId` (see the header for the rules). */
export async function canViewPerson(viewer: Express.User, personId: string): Promise<boolean> {
  if (viewer.id === personId) return true;
  if (viewer.roles.includes('admin')) return true;
  const person = await getUser(personId);
  if (!person) return false;
  if (viewer.roles.includes('mentor') && (await canMentorSee(viewer.id, personId))) return true;
  if (viewer.roles.includes('innovator') && (await mentorOf(viewer.id)) === personId) return true;
  if (
    viewer.roles.includes('ambassador') &&
    hasAnyRole(person.roles, ['innovator', 'mentor']) &&
    viewer.countries.includes(person.country)
  ) {
    return true;
  }
  return false;
}

/** The innovators `viewer` may follow: 'all' for admins, else ids (mentees, country's innovators). */
export async function innovatorsVisibleTo(viewer: Express.User): Promise<string[] | 'all'> {
  if (viewer.roles.includes('admin')) return 'all';
  const ids = new Set<string>();
  if (viewer.roles.includes('mentor')) for (const id of await menteesOf(viewer.id)) ids.add(id);
  if (viewer.roles.includes('ambassador'))
    for (const id of await innovatorsInCountries(viewer.countries)) ids.add(id);
  if (viewer.roles.includes('innovator')) ids.add(viewer.id);
  return [...ids];
}

/** Every cohort a person belongs to, newest first. */
export async function cohortsOfUser(userId: string): Promise<CohortSummary[]> {
  if (!isValidObjectId(userId)) return [];
  const rows = await Cohort.find({ members: new Types.ObjectId(userId) })
    .sort({ startDate: -1 })
    .lean();
  return rows.map(toSummary);
}

/**
 * The current mentor of each of several innovators, in one query (added for the ambassador
 * overview). Same rule as mentorOf(): the latest active assignment wins; no entry means none.
 */
export async function currentMentorsOf(innovatorIds: string[]): Promise<Map<string, string>> {
  const ids = innovatorIds.filter((id) => isValidObjectId(id)).map((id) => new Types.ObjectId(id));
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const rows = await MentorAssignment.find(
    { innovator: { $in: ids }, endedAt: null },
    { innovator: 1, mentor: 1 },
  )
    .sort({ assignedAt: -1 })
    .lean();
  for (const r of rows) {
    if (!out.has(String(r.innovator))) out.set(String(r.innovator), String(r.mentor));
  }
  return out;
}

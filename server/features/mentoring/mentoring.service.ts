/** The mentor's pages: their mentees at a glance, and one mentee's check-ins and cadence. */
import { NotFoundError } from '../../lib/errors.js';
import { canMentorSee, menteesOf } from '../cohorts/cohorts.service.js';
import { cadenceOf } from '../checkins/checkin-planning.service.js';
import {
  checkinsOfPair,
  upcomingCheckins,
  type UpcomingCheckin,
} from '../checkins/checkins.service.js';
import { getUser, getUsers } from '../users/users.service.js';
import { lastActivityOf } from './activity.service.js';

export interface MenteeRow {
  id: string;
  name: string;
  country: string;
  lastActivity: Date | null;
  nextCheckin: UpcomingCheckin | null;
}

/** Each mentee with their last activity and next check-in with this mentor. */
export async function menteesOverview(
  mentorId: string,
): Promise<{ mentees: MenteeRow[]; upcoming: UpcomingCheckin[] }> {
  const people = await getUsers(await menteesOf(mentorId));
  const upcoming = await upcomingCheckins(mentorId, 50);
  const mentees: MenteeRow[] = [];
  for (const p of people.sort((a, b) => a.name.localeCompare(b.name))) {
    mentees.push({
      id: p.id,
      name: p.name,
      country: p.country,
      lastActivity: await lastActivityOf(p.id),
      nextCheckin: upcoming.find((u) => u.withName === p.name) ?? null,
    });
  }
  return { mentees, upcoming: upcoming.slice(0, 5) };
}

/** One mentee's page for their mentor; NotFoundError for anyone not mentored by them. */
export async function menteePage(mentorId: string, innovatorId: string) {
  if (!(await canMentorSee(mentorId, innovatorId)))
    throw new NotFoundError('We could not find that person.');
  const [person, cadence, checkins, lastActivity] = await Promise.all([
    getUser(innovatorId),
    cadenceOf(mentorId, innovatorId),
    checkinsOfPair(mentorId, innovatorId),
    lastActivityOf(innovatorId),
  ]);
  if (!person) throw new NotFoundError('We could not find that person.');
  return { person, cadence, checkins, lastActivity };
}

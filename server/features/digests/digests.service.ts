/**
 * Weekly mentor digest (submissions waiting, mentees quiet for 14 days, upcoming check-ins), the
 * nudge to a quiet innovator (at most one per 14 days) and the weekly ambassador summary. Each
 * is a notification keyed by person and week/day, so any number of runs sends one.
 */
import { menteesOf } from '../cohorts/cohorts.service.js';
import { upcomingCheckins } from '../checkins/checkins.service.js';
import { gradingQueue } from '../grading/grading-queue.service.js';
import { lastActivityOf } from '../mentoring/activity.service.js';
import { notifiedAny, notify } from '../notifications/notifications.service.js';
import { peopleWithRole } from '../users/people.service.js';
import { getUsers, innovatorsInCountries } from '../users/users.service.js';
import { DAY, INACTIVE_DAYS, isoWeek } from './week.js';

const day = (d: Date) => d.toISOString().slice(0, 10);

export interface MentorDigest {
  waiting: Array<{ innovatorName: string; assignmentTitle: string; submittedAt: Date }>;
  inactive: Array<{ name: string; lastActivity: Date | null }>;
  upcoming: Array<{ withName: string; startsAt: Date }>;
}

/** What a mentor's weekly digest says. */
export async function mentorDigest(mentorId: string, now = new Date()): Promise<MentorDigest> {
  const [queue, mentees, upcoming] = await Promise.all([
    gradingQueue(mentorId),
    menteesOf(mentorId).then(getUsers),
    upcomingCheckins(mentorId, 20, now),
  ]);
  const inactive: MentorDigest['inactive'] = [];
  for (const m of mentees) {
    const last = await lastActivityOf(m.id);
    if (!last || now.getTime() - last.getTime() >= INACTIVE_DAYS * DAY)
      inactive.push({ name: m.name, lastActivity: last });
  }
  return {
    waiting: queue.waiting.map((w) => ({
      innovatorName: w.innovatorName,
      assignmentTitle: w.assignmentTitle,
      submittedAt: w.submittedAt,
    })),
    inactive,
    upcoming: upcoming
      .filter((u) => u.startsAt.getTime() < now.getTime() + 7 * DAY)
      .map((u) => ({ withName: u.withName, startsAt: u.startsAt })),
  };
}

/** The digest as plain text (the in-app body and the email's words). */
export function mentorDigestText(d: MentorDigest): string {
  const section = (title: string, lines: string[]) =>
    `${title}\n${lines.length ? lines.map((l) => `- ${l}`).join('\n') : '- none'}`;
  return [
    section(
      `Submissions waiting for you (${d.waiting.length})`,
      d.waiting.map(
        (w) => `${w.innovatorName}: ${w.assignmentTitle} (since ${day(w.submittedAt)})`,
      ),
    ),
    section(
      `Mentees with no activity for ${INACTIVE_DAYS} days (${d.inactive.length})`,
      d.inactive.map(
        (i) => `${i.name} (last active ${i.lastActivity ? day(i.lastActivity) : 'never'})`,
      ),
    ),
    section(
      `Check-ins in the next 7 days (${d.upcoming.length})`,
      d.upcoming.map(
        (u) => `${u.withName}, ${u.startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      ),
    ),
  ].join('\n\n');
}

/** Sends this week's digest to every mentor who has mentees; returns how many were sent. */
export async function runMentorDigests(now = new Date()): Promise<number> {
  let sent = 0;
  for (const mentor of await peopleWithRole('mentor')) {
    if ((await menteesOf(mentor.id)).length === 0) continue;
    const digest = await mentorDigest(mentor.id, now);
    const made = await notify({
      userId: mentor.id,
      kind: 'digest',
      key: `mentor-digest:${mentor.id}:${isoWeek(now)}`,
      title: `Your mentoring week: ${digest.waiting.length} waiting, ${digest.inactive.length} quiet, ${digest.upcoming.length} check-ins`,
      body: mentorDigestText(digest),
      url: '/mentoring',
    });
    if (made) sent += 1;
  }
  return sent;
}

/** Nudges innovators quiet for 14 days (never twice within 14 days); returns how many. */
export async function runInactivityNudges(now = new Date()): Promise<number> {
  let sent = 0;
  for (const person of await peopleWithRole('innovator')) {
    const last = await lastActivityOf(person.id);
    const since = last ?? person.createdAt;
    if (now.getTime() - since.getTime() < INACTIVE_DAYS * DAY) continue;
    // Keyed by day: a nudge on any of the last 14 days (this one included) means wait.
    const recent = Array.from(
      { length: INACTIVE_DAYS },
      (_, i) => `nudge:${person.id}:${day(new Date(now.getTime() - i * DAY))}`,
    );
    if (await notifiedAny(recent)) continue;
    const made = await notify({
      userId: person.id,
      kind: 'nudge',
      key: `nudge:${person.id}:${day(now)}`,
      title: 'We miss you in Atelier',
      body: `It has been a while since your last visit. Pick up where you left off: a lesson takes about twenty minutes.`,
      url: '/dashboard',
    });
    if (made) sent += 1;
  }
  return sent;
}

/** The weekly summary of an ambassador's countries; returns how many ambassadors got one. */
export async function runAmbassadorSummaries(now = new Date()): Promise<number> {
  let sent = 0;
  for (const amb of await peopleWithRole('ambassador')) {
    if (amb.countries.length === 0) continue;
    const people = await getUsers(await innovatorsInCountries(amb.countries));
    let activeThisWeek = 0;
    const quiet: string[] = [];
    for (const p of people) {
      const last = await lastActivityOf(p.id);
      if (last && now.getTime() - last.getTime() < 7 * DAY) activeThisWeek += 1;
      if (!last || now.getTime() - last.getTime() >= INACTIVE_DAYS * DAY) quiet.push(p.name);
    }
    const made = await notify({
      userId: amb.id,
      kind: 'digest',
      key: `ambassador-summary:${amb.id}:${isoWeek(now)}`,
      title: `This week in ${amb.countries.join(', ')}: ${activeThisWeek} of ${people.length} innovators active`,
      body: [
        `Innovators in ${amb.countries.join(', ')}: ${people.length}`,
        `Active in the last 7 days: ${activeThisWeek}`,
        `No activity for ${INACTIVE_DAYS} days (${quiet.length}): ${quiet.join(', ') || 'none'}`,
      ].join('\n'),
      url: '/',
    });
    if (made) sent += 1;
  }
  return sent;
}

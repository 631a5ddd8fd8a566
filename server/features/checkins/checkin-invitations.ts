/** Invitations to a new check-in: a notification to both people, the email with an .ics file. */
import { mailConfig } from '../mail/mail.config.js';
import { notify } from '../notifications/notifications.service.js';
import { getUsers } from '../users/users.service.js';
import type { CheckinDoc } from './checkin.model.js';
import { buildIcs } from './ics.js';
import { formatZoned } from '../../lib/zoned-time.js';

type CheckinLike = Pick<
  CheckinDoc,
  '_id' | 'mentor' | 'innovator' | 'startsAt' | 'durationMinutes' | 'timeZone' | 'meetingUrl'
>;

/** The .ics for a check-in (also served at /checkins/:id/calendar.ics). */
export function checkinIcs(c: CheckinLike, names: { mentor: string; innovator: string }): string {
  const host = new URL(mailConfig().baseUrl).hostname;
  return buildIcs({
    uid: `checkin-${String(c._id)}@${host}`,
    start: c.startsAt,
    durationMinutes: c.durationMinutes,
    summary: `Atelier check-in: ${names.mentor} and ${names.innovator}`,
    description: `Mentor check-in in the Atelier programme.\n${mailConfig().baseUrl}/checkins/${String(c._id)}`,
    url: c.meetingUrl || undefined,
    location: c.meetingUrl || undefined,
    stamp: new Date(),
  });
}

/** Notifies mentor and innovator of the check-in (once each: keyed by check-in). */
export async function sendInvitations(c: CheckinLike): Promise<void> {
  const [mentor, innovator] = await Promise.all([
    getUsers([String(c.mentor)]).then((u) => u[0]),
    getUsers([String(c.innovator)]).then((u) => u[0]),
  ]);
  if (!mentor || !innovator) return;
  const ics = checkinIcs(c, { mentor: mentor.name, innovator: innovator.name });
  const when = formatZoned(c.startsAt, c.timeZone);
  const link = c.meetingUrl ? `\n\nMeeting link: ${c.meetingUrl}` : '';
  const attachments = [
    {
      filename: 'check-in.ics',
      content: ics,
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    },
  ];
  const url = `/checkins/${String(c._id)}`;
  for (const [person, other] of [
    [mentor, innovator],
    [innovator, mentor],
  ] as const) {
    await notify({
      userId: person.id,
      kind: 'checkin-scheduled',
      key: `checkin-invite:${String(c._id)}:${person.id}`,
      title: `Check-in with ${other.name} on ${when}`,
      body: `A check-in with ${other.name} is planned for ${when}, for ${c.durationMinutes} minutes. The attached calendar file adds it to your calendar.${link}`,
      url,
      attachments,
    });
  }
}

/**
 * checkin-follow-up: two days after a check-in, reminds the mentor if it has no notes yet.
 * notify()'s key makes a second run send nothing.
 */
import { isValidObjectId } from 'mongoose';
import { defineJob } from '../../jobs/job-spec.js';
import { notify } from '../notifications/notifications.service.js';
import { getUser } from '../users/users.service.js';
import { Checkin } from './checkin.model.js';
import { formatZoned } from '../../lib/zoned-time.js';

/** Sends the reminder if the check-in is still undocumented; returns whether one was sent. */
export async function runCheckinFollowUp(data: { checkinId: string }): Promise<boolean> {
  if (!isValidObjectId(data.checkinId)) return false;
  const c = await Checkin.findById(data.checkinId).lean();
  if (!c || c.status !== 'scheduled') return false;
  const innovator = await getUser(String(c.innovator));
  const sent = await notify({
    userId: String(c.mentor),
    kind: 'checkin-reminder',
    key: `checkin-undocumented:${String(c._id)}`,
    title: `Add notes to your check-in with ${innovator?.name ?? 'your mentee'}`,
    body: `The check-in on ${formatZoned(c.startsAt, c.timeZone)} has no notes yet. Record what you discussed, the agreed action items and how things are going.`,
    url: `/checkins/${String(c._id)}`,
  });
  return sent !== null;
}

export const checkinFollowUpJob = defineJob<{ checkinId: string }>({
  name: 'checkin-follow-up',
  handler: async (data) => {
    await runCheckinFollowUp(data);
  },
});

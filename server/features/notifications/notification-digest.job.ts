/**
 * notification-digest: once a day (from 07:00 UTC), one email per person gathering the
 * notifications they asked to receive as a daily digest. Only notifications created before that
 * day's cut-off are taken, so a second run the same day finds nothing new and sends nothing.
 */
import { Types } from 'mongoose';
import { defineJob } from '../../jobs/job-spec.js';
import { enqueue } from '../../jobs/queue.js';
import { Notification } from './notification.model.js';
import { digestEmail } from './notification-email.js';

export const DIGEST_HOUR_UTC = 7;

/** Sends the daily digests due at `now`; returns how many people got one. */
export async function runNotificationDigest(now = new Date()): Promise<number> {
  const cutoff = new Date(now);
  cutoff.setUTCHours(DIGEST_HOUR_UTC, 0, 0, 0);
  if (now < cutoff) return 0;
  const day = cutoff.toISOString().slice(0, 10);
  const pending = await Notification.find({
    delivery: 'digest',
    emailedAt: null,
    createdAt: { $lt: cutoff },
  })
    .sort({ createdAt: 1 })
    .lean();
  const byUser = new Map<string, typeof pending>();
  for (const n of pending) {
    const list = byUser.get(String(n.user)) ?? [];
    list.push(n);
    byUser.set(String(n.user), list);
  }
  for (const [userId, items] of byUser) {
    const mail = digestEmail(userId, items);
    await enqueue(
      'send-email',
      { userId, kind: 'digest', ...mail },
      { key: `email:daily-digest:${userId}:${day}`, insertOnly: true },
    );
    await Notification.updateMany(
      { _id: { $in: items.map((i) => new Types.ObjectId(String(i._id))) } },
      { $set: { emailedAt: now } },
    );
  }
  return byUser.size;
}

export const notificationDigestJob = defineJob<Record<string, never>>({
  name: 'notification-digest',
  handler: async () => {
    await runNotificationDigest();
  },
  concurrency: 1,
});

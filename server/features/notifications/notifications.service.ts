/**
 * Telling people things. notify() records the in-app notification (once per key) and, by the
 * person's preference for that kind, queues its email (send-email job) or leaves it for the daily
 * digest. Other features call notify(); nobody sends these mails directly.
 */
import { isValidObjectId, Types } from 'mongoose';
import { namespaceOf, ReadCache } from '../../db/read-cache.js';
import { NotFoundError } from '../../lib/errors.js';
import { enqueue } from '../../jobs/queue.js';
import { getUser } from '../users/users.service.js';
import { Notification, type NotificationDoc } from './notification.model.js';
import type { NotificationKind } from './notification-kinds.js';
import { notificationEmail } from './notification-email.js';
import { modeFor } from './preferences.service.js';
import type { SendEmailData, MailAttachment } from './send-email.job.js';

export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  /** Unique per event and person: notifying with the same key again does nothing. */
  key: string;
  title: string;
  body: string;
  url?: string;
  /** Files for the email (e.g. the check-in's .ics); the in-app entry links instead. */
  attachments?: MailAttachment[];
}

function isDuplicate(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/**
 * Records a notification and queues its email as the person prefers; null if it existed. The
 * email is queued first (unique per key, insert-only): a crash between the two steps leaves a
 * re-run able to finish without a second email.
 */
export async function notify(input: NotifyInput): Promise<NotificationDoc | null> {
  // Two independent reads, side by side: reminder and digest jobs call this thousands of times.
  const [person, delivery] = await Promise.all([
    getUser(input.userId),
    modeFor(input.userId, input.kind),
  ]);
  if (!person || !person.active) return null;
  if (delivery === 'email') {
    const mail = notificationEmail(input.userId, input.kind, input);
    const data: SendEmailData = {
      userId: input.userId,
      kind: input.kind,
      ...mail,
      ...(input.attachments ? { attachments: input.attachments } : {}),
    };
    await enqueue('send-email', { ...data }, { key: `email:${input.key}`, insertOnly: true });
  }
  try {
    const created = await Notification.create({
      user: new Types.ObjectId(input.userId),
      kind: input.kind,
      key: input.key,
      title: input.title,
      body: input.body,
      url: input.url,
      delivery,
      emailedAt: delivery === 'email' ? new Date() : null,
    });
    return created.toObject();
  } catch (err) {
    if (isDuplicate(err)) return null;
    throw err;
  }
}

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  url?: string;
  read: boolean;
  createdAt: Date;
}

/** The person's notifications, newest first. */
export async function inboxOf(userId: string, limit = 50): Promise<InboxItem[]> {
  if (!isValidObjectId(userId)) return [];
  const rows = await Notification.find({ user: new Types.ObjectId(userId) })
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean();
  return rows.map((n) => ({
    id: String(n._id),
    kind: n.kind,
    title: n.title,
    body: n.body,
    url: n.url,
    read: n.readAt !== null,
    createdAt: n.createdAt,
  }));
}

/** How many unread notifications the person has (the bell). */
export async function unreadCount(userId: string): Promise<number> {
  if (!isValidObjectId(userId)) return 0;
  const user = new Types.ObjectId(userId);
  return unreadCounts.read(String(user), { ns: namespaceOf(Notification), field: 'user', value: user }, () =>
    Notification.countDocuments({ user, readAt: null }),
  );
}

/** The bell asks on every page: kept while none of the person's notifications changes. */
const unreadCounts = new ReadCache<number>();

/** Marks one of the person's notifications read; NotFoundError for someone else's. */
export async function markRead(
  userId: string,
  notificationId: string,
): Promise<string | undefined> {
  const n = isValidObjectId(notificationId)
    ? await Notification.findOneAndUpdate(
        { _id: new Types.ObjectId(notificationId), user: new Types.ObjectId(userId) },
        { $set: { readAt: new Date() } },
      ).lean()
    : null;
  if (!n) throw new NotFoundError('That notification does not exist.');
  return n.url;
}

/** Marks all of the person's notifications read. */
export async function markAllRead(userId: string): Promise<void> {
  await Notification.updateMany(
    { user: new Types.ObjectId(userId), readAt: null },
    { $set: { readAt: new Date() } },
  );
}

/** Whether a notification exists under any of `keys` (e.g. to space out nudges). */
export async function notifiedAny(keys: string[]): Promise<boolean> {
  return Boolean(await Notification.exists({ key: { $in: keys } }));
}

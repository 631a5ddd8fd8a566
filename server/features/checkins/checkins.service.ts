/**
 * Reading and documenting check-ins. Only the two people in a check-in may open it (anyone
 * else gets NotFoundError, so ids are not confirmed); the innovator sees shared notes only.
 */
import { isValidObjectId, Types } from 'mongoose';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { getUsers } from '../users/users.service.js';
import { Checkin, type CheckinDoc, type Mood } from './checkin.model.js';
import { checkinIcs } from './checkin-invitations.js';

export type CheckinRole = 'mentor' | 'innovator';

export interface CheckinView {
  checkin: CheckinDoc;
  role: CheckinRole;
  mentorName: string;
  innovatorName: string;
}

/** The check-in and the viewer's part in it; NotFoundError for anyone else. */
export async function checkinFor(viewerId: string, checkinId: string): Promise<CheckinView> {
  const c = isValidObjectId(checkinId) ? await Checkin.findById(checkinId).lean() : null;
  const role: CheckinRole | null = !c
    ? null
    : String(c.mentor) === viewerId
      ? 'mentor'
      : String(c.innovator) === viewerId
        ? 'innovator'
        : null;
  if (!c || !role) throw new NotFoundError('That check-in does not exist.');
  const people = await getUsers([String(c.mentor), String(c.innovator)]);
  const name = (id: unknown) => people.find((p) => p.id === String(id))?.name ?? 'Someone';
  if (role === 'innovator') c.privateNotes = '';
  return { checkin: c, role, mentorName: name(c.mentor), innovatorName: name(c.innovator) };
}

export interface DocumentInput {
  privateNotes: string;
  sharedNotes: string;
  mood?: Mood;
  progress?: number;
}

/** The mentor records notes, mood and progress; the check-in counts as documented. */
export async function documentCheckin(mentorId: string, checkinId: string, input: DocumentInput) {
  const view = await checkinFor(mentorId, checkinId);
  if (view.role !== 'mentor') throw new NotFoundError('That check-in does not exist.');
  await Checkin.updateOne(
    { _id: view.checkin._id },
    { $set: { ...input, status: 'documented', documentedAt: new Date() } },
  );
}

/** The mentor adds an agreed action item (owner: innovator or mentor, optional due date). */
export async function addActionItem(
  mentorId: string,
  checkinId: string,
  item: { text: string; owner: 'innovator' | 'mentor'; dueDate?: string },
): Promise<void> {
  const view = await checkinFor(mentorId, checkinId);
  if (view.role !== 'mentor') throw new NotFoundError('That check-in does not exist.');
  await Checkin.updateOne(
    { _id: view.checkin._id },
    { $push: { actionItems: { ...item, _id: new Types.ObjectId(), doneAt: null } } },
  );
}

/** Ticks (or unticks) an action item: the innovator their own items, the mentor any. */
export async function setActionDone(
  viewerId: string,
  checkinId: string,
  itemId: string,
  done: boolean,
): Promise<void> {
  const view = await checkinFor(viewerId, checkinId);
  const item = view.checkin.actionItems.find((i) => String(i._id) === itemId);
  if (!item) throw new NotFoundError('That action item does not exist.');
  if (view.role === 'innovator' && item.owner !== 'innovator')
    throw new BadRequestError('Only your mentor can tick this item.');
  const items = view.checkin.actionItems.map((i) =>
    String(i._id) === itemId ? { ...i, doneAt: done ? (i.doneAt ?? new Date()) : null } : i,
  );
  await Checkin.updateOne({ _id: view.checkin._id }, { $set: { actionItems: items } });
}

export interface UpcomingCheckin {
  id: string;
  startsAt: Date;
  timeZone: string;
  withName: string;
  href: string;
}

/** The person's next check-ins (as mentor or innovator), soonest first. */
export async function upcomingCheckins(
  userId: string,
  limit = 5,
  now = new Date(),
): Promise<UpcomingCheckin[]> {
  if (!isValidObjectId(userId)) return [];
  const me = new Types.ObjectId(userId);
  const rows = await Checkin.find({
    $or: [{ mentor: me }, { innovator: me }],
    status: { $ne: 'cancelled' },
    startsAt: { $gte: new Date(now.getTime() - 60 * 60_000) },
  })
    .sort({ startsAt: 1 })
    .limit(limit)
    .lean();
  const others = await getUsers(
    rows.map((r) => String(String(r.mentor) === userId ? r.innovator : r.mentor)),
  );
  return rows.map((r) => {
    const otherId = String(String(r.mentor) === userId ? r.innovator : r.mentor);
    return {
      id: String(r._id),
      startsAt: r.startsAt,
      timeZone: r.timeZone,
      withName: others.find((o) => o.id === otherId)?.name ?? 'Someone',
      href: `/checkins/${String(r._id)}`,
    };
  });
}

/** Every check-in of a mentor with one mentee, newest first. */
export async function checkinsOfPair(mentorId: string, innovatorId: string): Promise<CheckinDoc[]> {
  if (!isValidObjectId(mentorId) || !isValidObjectId(innovatorId)) return [];
  return Checkin.find({
    mentor: new Types.ObjectId(mentorId),
    innovator: new Types.ObjectId(innovatorId),
  })
    .sort({ startsAt: -1 })
    .limit(100)
    .lean();
}

/** The check-in's .ics file text, for its two people only. */
export async function checkinCalendar(viewerId: string, checkinId: string): Promise<string> {
  const view = await checkinFor(viewerId, checkinId);
  return checkinIcs(view.checkin, { mentor: view.mentorName, innovator: view.innovatorName });
}

/**
 * Creating check-ins: a mentor's cadence (every 1, 2 or 4 weeks on a weekday at a time in their
 * zone) is turned into check-ins ahead of time, by the checkin-plan job and right after the
 * cadence is saved; one-off check-ins are created directly. Each new check-in sends invitations
 * and schedules the "not documented yet" follow-up.
 */
import { isValidObjectId, Types } from 'mongoose';
import { NotFoundError } from '../../lib/errors.js';
import { schedule } from '../../jobs/queue.js';
import { canMentorSee } from '../cohorts/cohorts.service.js';
import { CheckinCadence, type CadenceDoc } from './cadence.model.js';
import { occurrencesBetween } from './cadence.js';
import { Checkin, type CheckinDoc } from './checkin.model.js';
import { sendInvitations } from './checkin-invitations.js';
import { parseLocalDate } from '../../lib/zoned-time.js';

const DAY = 86_400_000;
/** How far ahead check-ins exist (and invitations go out). */
export const PLAN_AHEAD_DAYS = 14;
/** The mentor is reminded this long after a check-in that has no notes. */
export const FOLLOW_UP_AFTER_MS = 2 * DAY;

/** What a mentor chooses for a cadence: the stored fields without the pair and the state. */
export type CadenceInput = Omit<
  CadenceDoc,
  '_id' | 'mentor' | 'innovator' | 'active' | 'createdAt' | 'updatedAt'
>;

async function requireMentee(mentorId: string, innovatorId: string): Promise<void> {
  if (!(await canMentorSee(mentorId, innovatorId)))
    throw new NotFoundError('We could not find that person.');
}

/** Creates a check-in unless its slot exists; a new one sends invitations. Null if it existed. */
export async function createCheckin(
  fields: Omit<
    CheckinDoc,
    | '_id'
    | 'createdAt'
    | 'updatedAt'
    | 'status'
    | 'privateNotes'
    | 'sharedNotes'
    | 'actionItems'
    | 'documentedAt'
  >,
): Promise<CheckinDoc | null> {
  let created: CheckinDoc;
  try {
    created = (await Checkin.create(fields)).toObject();
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return null;
    throw err;
  }
  await schedule(
    new Date(created.startsAt.getTime() + FOLLOW_UP_AFTER_MS),
    'checkin-follow-up',
    { checkinId: String(created._id) },
    { key: `checkin-follow-up:${String(created._id)}` },
  );
  await sendInvitations(created);
  return created;
}

/** Creates the cadence's check-ins starting within the planning horizon; returns how many. */
export async function planCadence(cadence: CadenceDoc, now = new Date()): Promise<number> {
  const startDate = parseLocalDate(cadence.startDate);
  if (!cadence.active || !startDate) return 0;
  const occurrences = occurrencesBetween(
    { ...cadence, startDate },
    now,
    new Date(now.getTime() + PLAN_AHEAD_DAYS * DAY),
  );
  let created = 0;
  for (const o of occurrences) {
    const slotDate = `${o.date.year}-${String(o.date.month).padStart(2, '0')}-${String(o.date.day).padStart(2, '0')}`;
    const made = await createCheckin({
      mentor: cadence.mentor,
      innovator: cadence.innovator,
      cadence: cadence._id,
      slot: `cadence:${String(cadence._id)}:${slotDate}`,
      startsAt: o.startsAt,
      durationMinutes: cadence.durationMinutes,
      timeZone: cadence.timeZone,
      meetingUrl: cadence.meetingUrl,
    });
    if (made) created += 1;
  }
  return created;
}

/** Plans every active cadence (the checkin-plan job). */
export async function planAllCadences(now = new Date()): Promise<number> {
  let created = 0;
  for (const cadence of await CheckinCadence.find({ active: true }).lean())
    created += await planCadence(cadence, now);
  return created;
}

/** Sets (or replaces) the mentor's cadence with a mentee and plans its first check-ins. */
export async function setCadence(
  mentorId: string,
  innovatorId: string,
  input: CadenceInput,
  now = new Date(),
): Promise<CadenceDoc> {
  await requireMentee(mentorId, innovatorId);
  const pair = { mentor: new Types.ObjectId(mentorId), innovator: new Types.ObjectId(innovatorId) };
  const saved = await CheckinCadence.findOneAndUpdate(
    pair,
    { $set: { ...input, meetingUrl: input.meetingUrl || undefined, active: true } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  // Check-ins planned under the old rule that have not happened are replaced by the new rule's.
  await Checkin.deleteMany({
    cadence: saved!._id,
    status: 'scheduled',
    startsAt: { $gt: now },
  });
  await planCadence(saved!, now);
  return saved!;
}

/** Stops the cadence (future, undocumented check-ins of it are cancelled). */
export async function stopCadence(
  mentorId: string,
  innovatorId: string,
  now = new Date(),
): Promise<void> {
  await requireMentee(mentorId, innovatorId);
  const cadence = await CheckinCadence.findOneAndUpdate(
    { mentor: new Types.ObjectId(mentorId), innovator: new Types.ObjectId(innovatorId) },
    { $set: { active: false } },
  ).lean();
  if (cadence)
    await Checkin.updateMany(
      { cadence: cadence._id, status: 'scheduled', startsAt: { $gt: now } },
      { $set: { status: 'cancelled' } },
    );
}

/** The mentor's cadence with a mentee, or null. */
export async function cadenceOf(mentorId: string, innovatorId: string): Promise<CadenceDoc | null> {
  if (!isValidObjectId(mentorId) || !isValidObjectId(innovatorId)) return null;
  return CheckinCadence.findOne({
    mentor: new Types.ObjectId(mentorId),
    innovator: new Types.ObjectId(innovatorId),
  }).lean();
}

/** A one-off check-in at `startsAt`. */
export async function scheduleOneOff(
  mentorId: string,
  innovatorId: string,
  input: { startsAt: Date; timeZone: string; durationMinutes: number; meetingUrl?: string },
): Promise<CheckinDoc> {
  await requireMentee(mentorId, innovatorId);
  const made = await createCheckin({
    mentor: new Types.ObjectId(mentorId),
    innovator: new Types.ObjectId(innovatorId),
    slot: `one-off:${new Types.ObjectId().toHexString()}`,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    timeZone: input.timeZone,
    meetingUrl: input.meetingUrl || undefined,
  });
  return made!;
}

/** Who mentors whom: assignments with history (one active per innovator and cohort). */
import { isValidObjectId, Types } from 'mongoose';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { getUser } from '../users/users.service.js';
import { Cohort } from './cohort.model.js';
import { MentorAssignment } from './mentor-assignment.model.js';

const oid = (id: string) => new Types.ObjectId(id);

/** Ids of the innovators a mentor currently mentors (any cohort). */
export async function menteesOf(mentorId: string): Promise<string[]> {
  if (!isValidObjectId(mentorId)) return [];
  const rows = await MentorAssignment.find(
    { mentor: oid(mentorId), endedAt: null },
    { innovator: 1 },
  ).lean();
  return [...new Set(rows.map((r) => String(r.innovator)))];
}

/** The id of an innovator's current mentor (latest active assignment), or null. */
export async function mentorOf(innovatorId: string): Promise<string | null> {
  if (!isValidObjectId(innovatorId)) return null;
  const row = await MentorAssignment.findOne({ innovator: oid(innovatorId), endedAt: null })
    .sort({ assignedAt: -1 })
    .lean();
  return row ? String(row.mentor) : null;
}

/** Whether `mentorId` currently mentors `innovatorId`. */
export async function canMentorSee(mentorId: string, innovatorId: string): Promise<boolean> {
  if (!isValidObjectId(mentorId) || !isValidObjectId(innovatorId)) return false;
  const found = await MentorAssignment.exists({
    mentor: oid(mentorId),
    innovator: oid(innovatorId),
    endedAt: null,
  });
  return Boolean(found);
}

/**
 * Assigns (or reassigns) an innovator's mentor in a cohort: the current assignment is ended and
 * kept as history. Assigning the same mentor again changes nothing.
 */
export async function assignMentor(input: {
  cohortId: string;
  innovatorId: string;
  mentorId: string;
  assignedBy?: string;
}): Promise<void> {
  const cohort = isValidObjectId(input.cohortId) ? await Cohort.findById(input.cohortId) : null;
  if (!cohort) throw new NotFoundError('That cohort does not exist.');
  const [innovator, mentor] = await Promise.all([
    getUser(input.innovatorId),
    getUser(input.mentorId),
  ]);
  if (!innovator?.roles.includes('innovator')) throw new BadRequestError('Choose an innovator.');
  if (!mentor?.roles.includes('mentor') || !mentor.active)
    throw new BadRequestError('Choose an active mentor.');
  if (input.innovatorId === input.mentorId)
    throw new BadRequestError('Nobody can mentor themselves.');
  const members = cohort.members.map(String);
  if (!members.includes(innovator.id))
    throw new BadRequestError('The innovator is not in this cohort.');

  const current = await MentorAssignment.findOne({
    cohort: cohort._id,
    innovator: oid(innovator.id),
    endedAt: null,
  });
  if (current && String(current.mentor) === mentor.id) return;
  const now = new Date();
  if (current) {
    current.endedAt = now;
    await current.save();
  }
  // A mentor takes part in the cohort they mentor in.
  if (!members.includes(mentor.id))
    await Cohort.updateOne({ _id: cohort._id }, { $addToSet: { members: oid(mentor.id) } });
  await MentorAssignment.create({
    cohort: cohort._id,
    innovator: oid(innovator.id),
    mentor: oid(mentor.id),
    assignedAt: now,
    assignedBy:
      input.assignedBy && isValidObjectId(input.assignedBy) ? oid(input.assignedBy) : undefined,
  });
}

/** Ends an innovator's current mentoring in a cohort (kept as history). */
export async function endMentoring(cohortId: string, innovatorId: string): Promise<void> {
  if (!isValidObjectId(cohortId) || !isValidObjectId(innovatorId)) return;
  await MentorAssignment.updateMany(
    { cohort: oid(cohortId), innovator: oid(innovatorId), endedAt: null },
    { $set: { endedAt: new Date() } },
  );
}

export interface AssignmentRow {
  innovator: string;
  mentor: string;
  assignedAt: Date;
  endedAt: Date | null;
}

/** Every assignment of a cohort, newest first (current ones have endedAt null). */
export async function assignmentsOfCohort(cohortId: string): Promise<AssignmentRow[]> {
  if (!isValidObjectId(cohortId)) return [];
  const rows = await MentorAssignment.find({ cohort: oid(cohortId) })
    .sort({ assignedAt: -1 })
    .lean();
  return rows.map((r) => ({
    innovator: String(r.innovator),
    mentor: String(r.mentor),
    assignedAt: r.assignedAt,
    endedAt: r.endedAt ?? null,
  }));
}

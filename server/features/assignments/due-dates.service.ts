/**
 * Due dates. An assignment is due `dueDays` days after the innovator's cohort starts; an admin
 * may set another date for a whole cohort, and grant one person an extension (with a reason).
 * The most specific rule wins: extension > cohort date > curriculum.
 */
import { isValidObjectId, Types } from 'mongoose';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { cohortOf, getCohort, type CohortSummary } from '../cohorts/cohorts.service.js';
import { findAssignment } from '../curriculum/curriculum.service.js';
import { getUser } from '../users/users.service.js';
import { emitAssignmentEvent } from './assignment-events.js';
import { DueDateOverride } from './due-date-override.model.js';
import { Extension } from './extension.model.js';

const DAY = 86_400_000;

export interface DueDate {
  dueAt: Date;
  source: 'curriculum' | 'cohort' | 'extension';
  /** The date before any extension (what the rest of the cohort has). */
  cohortDueAt: Date;
  /** Set for an extension. */
  reason?: string;
}

export interface DueRule {
  id: string;
  dueDays: number;
}

/** The curriculum's date: cohort start + dueDays whole days. */
export function curriculumDueDate(cohortStart: Date, dueDays: number): Date {
  return new Date(cohortStart.getTime() + dueDays * DAY);
}

/** Each assignment's due date in one cohort (admin overrides applied), keyed by assignment id. */
export async function cohortDueDates(
  cohort: Pick<CohortSummary, 'id' | 'startDate'>,
  assignments: DueRule[],
): Promise<Map<string, { dueAt: Date; overridden: boolean }>> {
  const overrides = await DueDateOverride.find({ cohort: new Types.ObjectId(cohort.id) }).lean();
  const byId = new Map(overrides.map((o) => [o.assignmentId, o.dueAt]));
  return new Map(
    assignments.map((a) => {
      const set = byId.get(a.id);
      return [
        a.id,
        set
          ? { dueAt: set, overridden: true }
          : { dueAt: curriculumDueDate(cohort.startDate, a.dueDays), overridden: false },
      ];
    }),
  );
}

/** One innovator's due dates for several assignments (none when they are in no cohort). */
export async function dueDatesFor(
  innovatorId: string,
  assignments: DueRule[],
): Promise<Map<string, DueDate>> {
  const result = new Map<string, DueDate>();
  const cohort = await cohortOf(innovatorId);
  if (!cohort) return result;
  // Independent reads, side by side (the reminder jobs call this for every innovator).
  const [base, extensions] = await Promise.all([
    cohortDueDates(cohort, assignments),
    Extension.find({
      innovator: new Types.ObjectId(innovatorId),
      assignmentId: { $in: assignments.map((a) => a.id) },
    }).lean(),
  ]);
  for (const a of assignments) {
    const cohortDate = base.get(a.id)!;
    const ext = extensions.find((e) => e.assignmentId === a.id);
    result.set(
      a.id,
      ext
        ? {
            dueAt: ext.dueAt,
            source: 'extension',
            cohortDueAt: cohortDate.dueAt,
            reason: ext.reason,
          }
        : {
            dueAt: cohortDate.dueAt,
            source: cohortDate.overridden ? 'cohort' : 'curriculum',
            cohortDueAt: cohortDate.dueAt,
          },
    );
  }
  return result;
}

/** One innovator's due date for one assignment, or null (no cohort). */
export async function dueDateFor(
  innovatorId: string,
  assignment: DueRule,
): Promise<DueDate | null> {
  return (await dueDatesFor(innovatorId, [assignment])).get(assignment.id) ?? null;
}

async function requireAssignment(assignmentId: string) {
  const record = await findAssignment(assignmentId);
  if (!record) throw new NotFoundError('That assignment does not exist.');
  return record;
}

/** Sets (or with `dueAt: null` clears) a cohort's due date for an assignment. */
export async function setCohortDueDate(input: {
  cohortId: string;
  assignmentId: string;
  dueAt: Date | null;
  setBy?: string;
}): Promise<void> {
  const cohort = await getCohort(input.cohortId);
  if (!cohort) throw new NotFoundError('That cohort does not exist.');
  await requireAssignment(input.assignmentId);
  const filter = { cohort: new Types.ObjectId(cohort.id), assignmentId: input.assignmentId };
  if (input.dueAt === null) {
    await DueDateOverride.deleteOne(filter);
  } else {
    const setBy =
      input.setBy && isValidObjectId(input.setBy) ? new Types.ObjectId(input.setBy) : undefined;
    await DueDateOverride.updateOne(
      filter,
      { $set: { dueAt: input.dueAt, setBy } },
      { upsert: true },
    );
  }
  await emitAssignmentEvent({
    type: 'due-date-changed',
    cohortId: cohort.id,
    assignmentId: input.assignmentId,
    dueAt: input.dueAt,
  });
}

/** Grants (or changes) one innovator's extension; the reason is shown to their mentor. */
export async function grantExtension(input: {
  innovatorId: string;
  assignmentId: string;
  dueAt: Date;
  reason: string;
  grantedBy?: string;
}): Promise<void> {
  const person = await getUser(input.innovatorId);
  if (!person?.roles.includes('innovator')) throw new BadRequestError('Choose an innovator.');
  await requireAssignment(input.assignmentId);
  const reason = input.reason.trim();
  if (!reason) throw new BadRequestError('Give a reason for the extension.');
  const grantedBy =
    input.grantedBy && isValidObjectId(input.grantedBy)
      ? new Types.ObjectId(input.grantedBy)
      : undefined;
  await Extension.updateOne(
    { innovator: new Types.ObjectId(person.id), assignmentId: input.assignmentId },
    { $set: { dueAt: input.dueAt, reason, grantedBy } },
    { upsert: true },
  );
  await emitAssignmentEvent({
    type: 'extension-granted',
    innovatorId: person.id,
    assignmentId: input.assignmentId,
    dueAt: input.dueAt,
  });
}

export interface ExtensionRow {
  innovatorId: string;
  assignmentId: string;
  dueAt: Date;
  reason: string;
  grantedAt: Date;
}

/** Every extension (admin page), newest first. */
export async function listExtensions(): Promise<ExtensionRow[]> {
  const rows = await Extension.find().sort({ updatedAt: -1 }).lean();
  return rows.map((r) => ({
    innovatorId: String(r.innovator),
    assignmentId: r.assignmentId,
    dueAt: r.dueAt,
    reason: r.reason,
    grantedAt: r.updatedAt,
  }));
}

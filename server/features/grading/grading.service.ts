/**
 * The mentor's grading: save a draft of the rubric and feedback at any time, decide (accept with
 * the rubric score, or return for revision), then release. Only a current mentor of the innovator
 * may do any of it; everyone else is told the submission does not exist.
 */
import { Types } from 'mongoose';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { emitAssignmentEvent } from '../assignments/assignment-events.js';
import { issueCertificateIfComplete } from '../certificates/certificates.service.js';
import { findAssignment } from '../curriculum/curriculum.service.js';
import { canGradeWork, type Viewer } from '../submissions/submission-access.js';
import { getSubmission, setOutcome } from '../submissions/submissions.service.js';
import type { SubmissionRecord } from '../submissions/submission.view.js';
import { Grade, type Decision } from './grade.model.js';
import { toGradeRecord, type GradeRecord } from './grade.view.js';
import { scoreRubric, type CriterionPick } from './rubric-scoring.js';

const oid = (id: string) => new Types.ObjectId(id);

export interface GradingInput {
  picks: Record<string, CriterionPick>;
  feedback: string;
  /** 'save' keeps it as a draft (and undoes an unreleased decision). */
  action: 'save' | Decision;
}

/** The submission if `viewer` may grade it, else NotFoundError. */
export async function submissionToGrade(
  viewer: Viewer,
  submissionId: string,
): Promise<SubmissionRecord> {
  const submission = await getSubmission(submissionId);
  if (
    !submission ||
    submission.status === 'draft' ||
    !(await canGradeWork(viewer, submission.innovatorId))
  ) {
    throw new NotFoundError('That submission does not exist.');
  }
  return submission;
}

/** The grade (draft, decided or released) of a submission, or null. */
export async function gradeOf(submissionId: string): Promise<GradeRecord | null> {
  if (!Types.ObjectId.isValid(submissionId)) return null;
  const g = await Grade.findOne({ submission: oid(submissionId) }).lean();
  return g ? toGradeRecord(g) : null;
}

/** Grades of several submissions (released or not), for mentors' and admins' views. */
export async function gradesOf(submissionIds: string[]): Promise<GradeRecord[]> {
  if (submissionIds.length === 0) return [];
  const rows = await Grade.find({ submission: { $in: submissionIds.map(oid) } }).lean();
  return rows.map(toGradeRecord);
}

/** Saves the mentor's grading; totals come from the rubric, never from the form. */
export async function saveGrading(
  viewer: Viewer,
  submissionId: string,
  input: GradingInput,
): Promise<GradeRecord> {
  const submission = await submissionToGrade(viewer, submissionId);
  if (submission.status !== 'submitted')
    throw new ConflictError('This grade has already been released.');
  const record = await findAssignment(submission.assignmentId);
  if (!record) throw new NotFoundError('That assignment does not exist.');
  const score = scoreRubric(record.assignment.rubric, input.picks);
  const feedback = input.feedback.replace(/\r\n/g, '\n').trim();
  if (input.action === 'accept' && !score.complete) {
    throw new BadRequestError('Choose a level for every criterion before accepting.', {
      code: 'rubric_incomplete',
    });
  }
  if (input.action === 'return' && !feedback) {
    throw new BadRequestError('Tell the innovator what to revise in the overall feedback.', {
      code: 'feedback_required',
    });
  }
  const decision = input.action === 'save' ? null : input.action;
  const saved = await Grade.findOneAndUpdate(
    { submission: oid(submission.id), releasedAt: null },
    {
      $set: {
        mentor: oid(viewer.id),
        criteria: score.criteria,
        total: score.total,
        maxTotal: score.maxTotal,
        feedback,
        decision,
        decidedAt: decision ? new Date() : null,
      },
      $setOnInsert: {
        innovator: oid(submission.innovatorId),
        assignmentId: submission.assignmentId,
        version: submission.version,
      },
    },
    { upsert: true, returnDocument: 'after' },
  )
    .lean()
    .catch((err: { code?: number }) => {
      // A release in another tab between our check and this write: the unique index refuses it.
      if (err.code === 11000) return null;
      throw err;
    });
  if (!saved) throw new ConflictError('This grade has already been released.');
  return toGradeRecord(saved);
}

/** Releases one decided grade to the innovator. */
export async function releaseGrade(viewer: Viewer, submissionId: string): Promise<GradeRecord> {
  const submission = await submissionToGrade(viewer, submissionId);
  const released = await Grade.findOneAndUpdate(
    { submission: oid(submission.id), decision: { $ne: null }, releasedAt: null },
    { $set: { releasedAt: new Date() } },
    { returnDocument: 'after' },
  ).lean();
  if (!released)
    throw new ConflictError(
      'Decide (accept or return) before releasing, or it was released already.',
    );
  const grade = toGradeRecord(released);
  await setOutcome(submission.id, grade.decision === 'accept' ? 'accepted' : 'returned');
  await emitAssignmentEvent({
    type: 'grade-released',
    innovatorId: grade.innovatorId,
    assignmentId: grade.assignmentId,
    submissionId: grade.submissionId,
    mentorId: viewer.id,
    decision: grade.decision!,
  });
  if (grade.decision === 'accept') {
    const record = await findAssignment(grade.assignmentId);
    if (record?.assignment.final) await issueCertificateIfComplete(grade.innovatorId);
  }
  return grade;
}

/** Releases every decided, unreleased grade of the mentor's current mentees; returns how many. */
export async function releaseAll(viewer: Viewer): Promise<number> {
  const pending = await Grade.find(
    { mentor: oid(viewer.id), decision: { $ne: null }, releasedAt: null },
    { submission: 1 },
  ).lean();
  let count = 0;
  for (const g of pending) {
    try {
      await releaseGrade(viewer, String(g.submission));
      count += 1;
    } catch (err) {
      // No longer their mentee, or released in another tab: skip it, release the rest.
      if (!(err instanceof NotFoundError || err instanceof ConflictError)) throw err;
    }
  }
  return count;
}

/** Released grades of an innovator, newest release first (what the innovator may see). */
export async function releasedGradesOf(
  innovatorId: string,
  assignmentId?: string,
): Promise<GradeRecord[]> {
  if (!Types.ObjectId.isValid(innovatorId)) return [];
  const filter: Record<string, unknown> = {
    innovator: oid(innovatorId),
    releasedAt: { $ne: null },
  };
  if (assignmentId) filter.assignmentId = assignmentId;
  const rows = await Grade.find(filter).sort({ releasedAt: -1 }).lean();
  return rows.map(toGradeRecord);
}

/**
 * Writing and submitting answers. An innovator has one editable version at a time: a draft they
 * can save and finish later; submitting makes it final (late ones are marked, never refused).
 * After a mentor's "return for revision" is released, saving starts the next version; earlier
 * versions and their files are never changed.
 */
import { Types } from 'mongoose';
import { AppError, BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { emitAssignmentEvent } from '../assignments/assignment-events.js';
import { dueDateFor } from '../assignments/due-dates.service.js';
import { findAssignment } from '../curriculum/curriculum.service.js';
import { deleteStoredFile, type StoredUpload } from '../uploads/index.js';
import { Submission, type SubmissionFile } from './submission.model.js';
import { latestVersion } from './submission-queries.service.js';
import { toRecord, type SubmissionRecord } from './submission.view.js';

export {
  findFile,
  getSubmission,
  latestVersion,
  latestVersionsOf,
  listVersions,
  submittedVersionsOf,
} from './submission-queries.service.js';

const oid = (id: string) => new Types.ObjectId(id);

export interface SaveAnswerInput {
  innovatorId: string;
  assignmentId: string;
  text: string;
  /** Files accepted by the uploads middleware for this request. */
  newFiles: StoredUpload[];
  /** Stored names of files of the current draft to drop. */
  removeFiles: string[];
  /** true: make it final; false: keep it as a draft. */
  submit: boolean;
  maxFiles: number;
  uploadsDir: string;
  now?: Date;
}

/** Saves the innovator's draft or submits it (see the module comment); returns the version. */
export async function saveAnswer(input: SaveAnswerInput): Promise<SubmissionRecord> {
  const record = await findAssignment(input.assignmentId);
  if (!record) throw new NotFoundError('That assignment does not exist.');
  const { assignment } = record;
  if (!assignment.allowFiles && input.newFiles.length > 0) {
    throw new BadRequestError(
      'This assignment takes a written answer only; files cannot be attached.',
      { code: 'files_not_allowed' },
    );
  }
  const latest = await latestVersion(input.innovatorId, input.assignmentId);
  if (latest && (latest.status === 'submitted' || latest.status === 'accepted')) {
    throw new ConflictError(
      'This answer has already been submitted; your mentor is looking at it.',
      { code: 'already_submitted' },
    );
  }
  const editing = latest?.status === 'draft' ? latest : null;
  const kept = (editing?.files ?? []).filter((f) => !input.removeFiles.includes(f.storedName));
  const added: SubmissionFile[] = input.newFiles.map((u) => ({
    storedName: u.storedName,
    originalName: u.originalName,
    mime: u.mime,
    size: u.size,
    sha256: u.sha256,
    uploadedAt: input.now ?? new Date(),
  }));
  const files = [...kept, ...added];
  if (files.length > input.maxFiles) {
    throw new AppError(
      413,
      `An answer can have at most ${input.maxFiles} files; remove one before adding another.`,
      { code: 'too_many_files' },
    );
  }
  const text = input.text.replace(/\r\n/g, '\n');
  if (input.submit && !text.trim() && files.length === 0) {
    throw new BadRequestError('Write an answer or attach a file before submitting.', {
      code: 'empty_submission',
    });
  }

  const now = input.now ?? new Date();
  const final = input.submit
    ? await finalFields(input.innovatorId, assignment, latest?.version ?? 0, now)
    : {};
  let saved;
  if (editing) {
    saved = await Submission.findOneAndUpdate(
      { _id: oid(editing.id), status: 'draft' },
      { $set: { text, files, ...final } },
      { returnDocument: 'after' },
    ).lean();
    if (!saved) throw new ConflictError('This answer changed in another window; reload the page.');
    const dropped = editing.files.filter((f) => !kept.includes(f));
    await Promise.all(
      dropped.map((f) => deleteStoredFile({ uploadsDir: input.uploadsDir }, f.storedName)),
    );
  } else {
    const version = (latest?.version ?? 0) + 1;
    try {
      saved = (
        await Submission.create({
          innovator: oid(input.innovatorId),
          assignmentId: input.assignmentId,
          version,
          text,
          files,
          status: 'draft',
          ...final,
        })
      ).toObject();
    } catch (err) {
      if ((err as { code?: number }).code === 11000)
        throw new ConflictError('This answer changed in another window; reload the page.');
      throw err;
    }
  }
  const result = toRecord(saved);
  if (input.submit) {
    await emitAssignmentEvent({
      type: 'submitted',
      innovatorId: input.innovatorId,
      assignmentId: input.assignmentId,
      submissionId: result.id,
      version: result.version,
      lateMs: result.lateMs,
    });
  }
  return result;
}

/**
 * The fields that make a version final. Lateness counts for the first version only: a revision
 * asked for by the mentor is not late because the original due date has passed.
 */
async function finalFields(
  innovatorId: string,
  assignment: { id: string; dueDays: number },
  previousVersion: number,
  now: Date,
) {
  const due = await dueDateFor(innovatorId, assignment);
  const lateMs =
    previousVersion === 0 && due ? Math.max(0, now.getTime() - due.dueAt.getTime()) : 0;
  return { status: 'submitted' as const, submittedAt: now, dueAt: due?.dueAt ?? null, lateMs };
}

/** Records the released outcome of a mentor's decision on a submitted version. */
export async function setOutcome(
  submissionId: string,
  outcome: 'returned' | 'accepted',
): Promise<void> {
  const res = await Submission.updateOne(
    { _id: oid(submissionId), status: 'submitted' },
    { $set: { status: outcome } },
  );
  if (res.matchedCount === 0)
    throw new ConflictError('This submission is no longer waiting for a decision.');
}

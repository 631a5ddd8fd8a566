/**
 * What the grading page shows: the version being graded (text rendered, text files read for an
 * in-page preview), earlier versions with their feedback, the due date with any extension and its
 * reason, the rubric, and the grade saved so far.
 */
import { readFile } from 'node:fs/promises';
import { NotFoundError } from '../../lib/errors.js';
import { versionHistory, type VersionView } from '../assignments/assignments.service.js';
import { dueDateFor, type DueDate } from '../assignments/due-dates.service.js';
import { findAssignment, type AssignmentRecord } from '../curriculum/curriculum.service.js';
import type { Viewer } from '../submissions/submission-access.js';
import { storedFilePath } from '../uploads/index.js';
import { getUser } from '../users/users.service.js';
import type { GradeRecord } from './grade.view.js';
import { submissionToGrade } from './grading.service.js';

const TEXT_PREVIEW_BYTES = 100 * 1024;

export interface GradingPage {
  record: AssignmentRecord;
  innovator: { id: string; name: string };
  current: VersionView;
  earlier: VersionView[];
  grade: GradeRecord | null;
  due: DueDate | null;
  /** Text files' contents by stored name (the first 100 KB). */
  textPreviews: Record<string, string>;
}

/** The grading page for `viewer` (their mentee's submitted version), or NotFoundError. */
export async function gradingPage(
  viewer: Viewer,
  submissionId: string,
  uploadsDir: string,
): Promise<GradingPage> {
  const submission = await submissionToGrade(viewer, submissionId);
  const [record, innovator, versions] = await Promise.all([
    findAssignment(submission.assignmentId),
    getUser(submission.innovatorId),
    versionHistory(submission.innovatorId, submission.assignmentId, { includeUnreleased: true }),
  ]);
  if (!record || !innovator) throw new NotFoundError('That submission does not exist.');
  const current = versions.find((v) => v.submission.id === submission.id)!;
  const textPreviews: Record<string, string> = {};
  for (const f of current.submission.files.filter((x) => x.mime.startsWith('text/'))) {
    const bytes = await readFile(storedFilePath(uploadsDir, f.storedName)).catch(() => null);
    if (bytes) textPreviews[f.storedName] = bytes.subarray(0, TEXT_PREVIEW_BYTES).toString('utf8');
  }
  return {
    record,
    innovator: { id: innovator.id, name: innovator.name },
    current,
    earlier: versions.filter((v) => v.submission.version < submission.version),
    grade: current.grade,
    due: await dueDateFor(submission.innovatorId, {
      id: record.assignment.id,
      dueDays: record.assignment.dueDays,
    }),
    textPreviews,
  };
}

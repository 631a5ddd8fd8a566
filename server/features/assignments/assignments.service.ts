/**
 * The innovator's side: their assignments with due dates and status, and one assignment's page
 * with every version side by side. Grades appear only once released, unless the viewer is a
 * mentor or admin (`includeUnreleased`).
 */
import { renderMarkdown, SlugRegistry } from '../content/markdown.js';
import {
  findAssignment,
  listAssignments,
  type AssignmentRecord,
} from '../curriculum/curriculum.service.js';
import { gradesOf, releasedGradesOf } from '../grading/grading.service.js';
import type { GradeRecord } from '../grading/grade.view.js';
import { latestVersionsOf, listVersions } from '../submissions/submissions.service.js';
import {
  workStatus,
  type GradebookStatus,
  type SubmissionRecord,
} from '../submissions/submission.view.js';
import { NotFoundError } from '../../lib/errors.js';
import { dueDatesFor, type DueDate } from './due-dates.service.js';

export interface AssignmentOverviewItem {
  record: AssignmentRecord;
  due: DueDate | null;
  status: GradebookStatus;
  latest: SubmissionRecord | null;
  /** The latest released grade, if any. */
  released: GradeRecord | null;
}

const rules = (records: AssignmentRecord[]) =>
  records.map((r) => ({ id: r.assignment.id, dueDays: r.assignment.dueDays }));

/** Every published assignment with the innovator's due date, status and released grade. */
export async function innovatorAssignments(innovatorId: string): Promise<AssignmentOverviewItem[]> {
  const records = await listAssignments();
  const [due, latest, released] = await Promise.all([
    dueDatesFor(innovatorId, rules(records)),
    latestVersionsOf([innovatorId]),
    releasedGradesOf(innovatorId),
  ]);
  return records.map((record) => {
    const mine = latest.find((s) => s.assignmentId === record.assignment.id) ?? null;
    return {
      record,
      due: due.get(record.assignment.id) ?? null,
      status: workStatus(mine),
      latest: mine,
      released: released.find((g) => g.assignmentId === record.assignment.id) ?? null,
    };
  });
}

export interface VersionView {
  submission: SubmissionRecord;
  textHtml: string;
  grade: GradeRecord | null;
  feedbackHtml: string;
}

/** Every version of the work, oldest first, with its grade (released ones only unless told). */
export async function versionHistory(
  innovatorId: string,
  assignmentId: string,
  opts: { includeUnreleased: boolean },
): Promise<VersionView[]> {
  const versions = await listVersions(innovatorId, assignmentId);
  const grades = opts.includeUnreleased
    ? await gradesOf(versions.map((v) => v.id))
    : await releasedGradesOf(innovatorId, assignmentId);
  // One registry for the page: headings in different versions must not share ids.
  const slugs = new SlugRegistry();
  return versions.map((submission) => {
    const grade = grades.find((g) => g.submissionId === submission.id) ?? null;
    return {
      submission,
      textHtml: submission.text ? renderMarkdown(submission.text, slugs).html : '',
      grade,
      feedbackHtml: grade?.feedback ? renderMarkdown(grade.feedback, slugs).html : '',
    };
  });
}

export interface AssignmentPage {
  record: AssignmentRecord;
  instructionsHtml: string;
  due: DueDate | null;
  status: GradebookStatus;
  versions: VersionView[];
  /** Whether the innovator may write now (nothing yet, a draft, or returned work to revise). */
  canWrite: boolean;
  /** The draft being written, if any (its files can be removed). */
  draft: SubmissionRecord | null;
  /** What the text box starts with: the draft, or the returned version's text to revise. */
  startText: string;
}

/** The innovator's page for one assignment, or NotFoundError. */
export async function assignmentPage(
  innovatorId: string,
  assignmentId: string,
): Promise<AssignmentPage> {
  const record = await findAssignment(assignmentId);
  if (!record) throw new NotFoundError('That assignment does not exist.');
  const [due, versions] = await Promise.all([
    dueDatesFor(innovatorId, rules([record])),
    versionHistory(innovatorId, assignmentId, { includeUnreleased: false }),
  ]);
  const latest = versions.at(-1)?.submission ?? null;
  const draft = latest?.status === 'draft' ? latest : null;
  return {
    record,
    instructionsHtml: renderMarkdown(record.assignment.instructions).html,
    due: due.get(assignmentId) ?? null,
    status: workStatus(latest),
    versions,
    canWrite: !latest || latest.status === 'draft' || latest.status === 'returned',
    draft,
    startText: latest ? latest.text : '',
  };
}

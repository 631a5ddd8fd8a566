/** The plain shape of a submission version that leaves the submissions feature. */
import type { SubmissionDoc, SubmissionFile, SubmissionStatus } from './submission.model.js';

export interface SubmissionRecord {
  id: string;
  innovatorId: string;
  assignmentId: string;
  version: number;
  status: SubmissionStatus;
  text: string;
  files: SubmissionFile[];
  submittedAt: Date | null;
  dueAt: Date | null;
  lateMs: number;
  updatedAt: Date;
}

export function toRecord(
  d: Pick<
    SubmissionDoc,
    | '_id'
    | 'innovator'
    | 'assignmentId'
    | 'version'
    | 'status'
    | 'text'
    | 'files'
    | 'submittedAt'
    | 'dueAt'
    | 'lateMs'
    | 'updatedAt'
  >,
): SubmissionRecord {
  return {
    id: String(d._id),
    innovatorId: String(d.innovator),
    assignmentId: d.assignmentId,
    version: d.version,
    status: d.status,
    text: d.text ?? '',
    files: (d.files ?? []).map((f) => ({ ...f })),
    submittedAt: d.submittedAt ?? null,
    dueAt: d.dueAt ?? null,
    lateMs: d.lateMs ?? 0,
    updatedAt: d.updatedAt,
  };
}

export type GradebookStatus = 'missing' | 'draft' | 'submitted' | 'late' | 'returned' | 'accepted';

/**
 * The one-word status of an innovator's work on an assignment, from its latest version: a draft of
 * a second version means the work was returned and is being revised.
 */
export function workStatus(
  latest: Pick<SubmissionRecord, 'status' | 'lateMs' | 'version'> | null | undefined,
): GradebookStatus {
  if (!latest) return 'missing';
  switch (latest.status) {
    case 'draft':
      return latest.version > 1 ? 'returned' : 'draft';
    case 'submitted':
      return latest.lateMs > 0 ? 'late' : 'submitted';
    default:
      return latest.status;
  }
}

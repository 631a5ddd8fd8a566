/** Reading submissions: versions of one answer, latest versions, work waiting for mentors. */
import { isValidObjectId, Types } from 'mongoose';
import { Submission, type SubmissionFile } from './submission.model.js';
import { toRecord, type SubmissionRecord } from './submission.view.js';

const oid = (id: string) => new Types.ObjectId(id);

/** Every version of an innovator's answer, oldest first. */
export async function listVersions(
  innovatorId: string,
  assignmentId: string,
): Promise<SubmissionRecord[]> {
  if (!isValidObjectId(innovatorId)) return [];
  const rows = await Submission.find({ innovator: oid(innovatorId), assignmentId })
    .sort({ version: 1 })
    .lean();
  return rows.map(toRecord);
}

/** The latest version, or null when nothing was written yet. */
export async function latestVersion(
  innovatorId: string,
  assignmentId: string,
): Promise<SubmissionRecord | null> {
  if (!isValidObjectId(innovatorId)) return null;
  const row = await Submission.findOne({ innovator: oid(innovatorId), assignmentId })
    .sort({ version: -1 })
    .lean();
  return row ? toRecord(row) : null;
}

/** The latest version of each (innovator, assignment) pair among `innovatorIds`. */
export async function latestVersionsOf(innovatorIds: string[]): Promise<SubmissionRecord[]> {
  const ids = innovatorIds.filter((id) => isValidObjectId(id)).map(oid);
  if (ids.length === 0) return [];
  const rows = await Submission.find({ innovator: { $in: ids } })
    .sort({ version: 1 })
    .lean();
  const latest = new Map<string, SubmissionRecord>();
  for (const row of rows) latest.set(`${String(row.innovator)}|${row.assignmentId}`, toRecord(row));
  return [...latest.values()];
}

/** One version by id, or null. */
export async function getSubmission(id: string): Promise<SubmissionRecord | null> {
  if (!isValidObjectId(id)) return null;
  const row = await Submission.findById(id).lean();
  return row ? toRecord(row) : null;
}

/** Final versions waiting for a mentor's decision, among `innovatorIds`, oldest first. */
export async function submittedVersionsOf(innovatorIds: string[]): Promise<SubmissionRecord[]> {
  const ids = innovatorIds.filter((id) => isValidObjectId(id)).map(oid);
  if (ids.length === 0) return [];
  const rows = await Submission.find({ innovator: { $in: ids }, status: 'submitted' })
    .sort({ submittedAt: 1 })
    .lean();
  return rows.map(toRecord);
}

/** A file of a version by its stored name, or null. */
export function findFile(submission: SubmissionRecord, storedName: string): SubmissionFile | null {
  return submission.files.find((f) => f.storedName === storedName) ?? null;
}

/**
 * One version of an innovator's answer to one assignment. Version 1 is the first answer; a mentor
 * returning it lets the innovator start version 2, and so on; every version is kept.
 * Status: draft (being written) -> submitted (final, waiting for the mentor) -> returned or
 * accepted (only once the mentor releases the grade; see grading/).
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface SubmissionFile {
  storedName: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

export interface SubmissionDoc {
  _id: Types.ObjectId;
  innovator: Types.ObjectId;
  assignmentId: string;
  version: number;
  status: SubmissionStatus;
  /** Markdown as typed; rendered through the shared sanitiser when shown. */
  text: string;
  files: SubmissionFile[];
  submittedAt: Date | null;
  /** The due date in force when it was submitted (after extensions). */
  dueAt: Date | null;
  /** How late it was submitted, in ms (0 when on time). */
  lateMs: number;
  createdAt: Date;
  updatedAt: Date;
}

export type SubmissionDocument = HydratedDocument<SubmissionDoc>;

const fileSchema = new Schema<SubmissionFile>(
  {
    storedName: { type: String, required: true },
    originalName: { type: String, required: true, maxlength: 500 },
    mime: { type: String, required: true },
    size: { type: Number, required: true, min: 0 },
    sha256: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
    uploadedAt: { type: Date, required: true, default: () => new Date() },
  },
  { _id: false },
);

const schema = new Schema<SubmissionDoc>(
  {
    innovator: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    assignmentId: { type: String, required: true, maxlength: 120 },
    version: { type: Number, required: true, min: 1 },
    status: { type: String, enum: SUBMISSION_STATUSES, required: true, default: 'draft' },
    text: { type: String, default: '', maxlength: 100_000 },
    files: { type: [fileSchema], default: [] },
    submittedAt: { type: Date, default: null },
    dueAt: { type: Date, default: null },
    lateMs: { type: Number, default: 0, min: 0 },
  },
  { timestamps: true },
);

schema.index({ innovator: 1, assignmentId: 1, version: 1 }, { unique: true });
schema.index({ status: 1, submittedAt: 1 });

export const Submission = model<SubmissionDoc>('Submission', schema);

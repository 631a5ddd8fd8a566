/**
 * A mentor's grading of one submitted version: saved as a draft while they work (decision null),
 * then decided (accept with a score, or return for revision), then released to the innovator.
 * Nothing of it reaches the innovator before `releasedAt` is set.
 */
import { Schema, model, type Types } from 'mongoose';

export const DECISIONS = ['accept', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface GradeCriterion {
  criterionId: string;
  title: string;
  level: number | null;
  levelTitle: string | null;
  points: number;
  maxPoints: number;
  comment: string;
}

export interface GradeDoc {
  _id: Types.ObjectId;
  submission: Types.ObjectId;
  innovator: Types.ObjectId;
  assignmentId: string;
  version: number;
  mentor: Types.ObjectId;
  criteria: GradeCriterion[];
  /** Computed on the server from the rubric (see rubric-scoring.ts). */
  total: number;
  maxTotal: number;
  feedback: string;
  decision: Decision | null;
  decidedAt: Date | null;
  releasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const criterionSchema = new Schema<GradeCriterion>(
  {
    criterionId: { type: String, required: true },
    title: { type: String, required: true },
    level: { type: Number, default: null },
    levelTitle: { type: String, default: null },
    points: { type: Number, required: true, min: 0 },
    maxPoints: { type: Number, required: true, min: 0 },
    comment: { type: String, default: '', maxlength: 5000 },
  },
  { _id: false },
);

const schema = new Schema<GradeDoc>(
  {
    submission: { type: Schema.Types.ObjectId, ref: 'Submission', required: true },
    innovator: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    assignmentId: { type: String, required: true },
    version: { type: Number, required: true },
    mentor: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    criteria: { type: [criterionSchema], default: [] },
    total: { type: Number, default: 0, min: 0 },
    maxTotal: { type: Number, default: 0, min: 0 },
    feedback: { type: String, default: '', maxlength: 20_000 },
    decision: { type: String, enum: [...DECISIONS, null], default: null },
    decidedAt: { type: Date, default: null },
    releasedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

schema.index({ submission: 1 }, { unique: true });
schema.index({ innovator: 1, releasedAt: -1 });
schema.index({ mentor: 1, decision: 1, releasedAt: 1 });

export const Grade = model<GradeDoc>('Grade', schema);

/**
 * Who mentors whom, with history: reassigning ends the current row (endedAt) and adds a new one,
 * so at most one row per innovator and cohort has endedAt = null (kept by cohorts.service).
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';

export interface MentorAssignmentDoc {
  _id: Types.ObjectId;
  cohort: Types.ObjectId;
  innovator: Types.ObjectId;
  mentor: Types.ObjectId;
  assignedAt: Date;
  endedAt: Date | null;
  /** The admin who made the assignment. */
  assignedBy?: Types.ObjectId;
}

export type MentorAssignmentDocument = HydratedDocument<MentorAssignmentDoc>;

const schema = new Schema<MentorAssignmentDoc>({
  cohort: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
  innovator: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  mentor: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  assignedAt: { type: Date, required: true, default: () => new Date() },
  endedAt: { type: Date, default: null },
  assignedBy: { type: Schema.Types.ObjectId, ref: 'User' },
});

schema.index({ mentor: 1, endedAt: 1 });
schema.index({ innovator: 1, endedAt: 1 });
schema.index({ cohort: 1 });

export const MentorAssignment = model<MentorAssignmentDoc>('MentorAssignment', schema);

/** An admin's due date for one assignment in one cohort, replacing "cohort start + dueDays". */
import { Schema, model, type Types } from 'mongoose';

export interface DueDateOverrideDoc {
  _id: Types.ObjectId;
  cohort: Types.ObjectId;
  /** The curriculum's stable assignment id (a slug). */
  assignmentId: string;
  dueAt: Date;
  setBy?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<DueDateOverrideDoc>(
  {
    cohort: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
    assignmentId: { type: String, required: true, maxlength: 120 },
    dueAt: { type: Date, required: true },
    setBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

schema.index({ cohort: 1, assignmentId: 1 }, { unique: true });

export const DueDateOverride = model<DueDateOverrideDoc>('DueDateOverride', schema);

/** A personal extension: one innovator's own due date for one assignment, with the reason. */
import { Schema, model, type Types } from 'mongoose';

export interface ExtensionDoc {
  _id: Types.ObjectId;
  innovator: Types.ObjectId;
  assignmentId: string;
  dueAt: Date;
  /** Shown to the innovator's mentor on the grading page. */
  reason: string;
  grantedBy?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<ExtensionDoc>(
  {
    innovator: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    assignmentId: { type: String, required: true, maxlength: 120 },
    dueAt: { type: Date, required: true },
    reason: { type: String, required: true, trim: true, maxlength: 1000 },
    grantedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

schema.index({ innovator: 1, assignmentId: 1 }, { unique: true });

export const Extension = model<ExtensionDoc>('Extension', schema);

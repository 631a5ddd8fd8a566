/** A mentor's standing arrangement with one innovator (one per pair; stopping keeps the row). */
import { Schema, model, type Types } from 'mongoose';

export interface CadenceDoc {
  _id: Types.ObjectId;
  mentor: Types.ObjectId;
  innovator: Types.ObjectId;
  everyWeeks: 1 | 2 | 4;
  weekday: number;
  time: string;
  timeZone: string;
  /** "YYYY-MM-DD" in timeZone: the first check-in is on or after it. */
  startDate: string;
  durationMinutes: number;
  meetingUrl?: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<CadenceDoc>(
  {
    mentor: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    innovator: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    everyWeeks: { type: Number, enum: [1, 2, 4], required: true },
    weekday: { type: Number, min: 1, max: 7, required: true },
    time: { type: String, match: /^\d{2}:\d{2}$/, required: true },
    timeZone: { type: String, required: true },
    startDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/, required: true },
    durationMinutes: { type: Number, default: 45 },
    meetingUrl: { type: String, maxlength: 500 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);

schema.index({ mentor: 1, innovator: 1 }, { unique: true });
schema.index({ active: 1 });

export const CheckinCadence = model<CadenceDoc>('CheckinCadence', schema);

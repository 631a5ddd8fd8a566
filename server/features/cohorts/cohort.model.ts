/** A group of people going through the programme together. */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';

export interface CohortDoc {
  _id: Types.ObjectId;
  name: string;
  slug: string;
  startDate: Date;
  endDate: Date;
  countries: string[];
  /** Everyone in the cohort, whatever their role (innovators, mentors, ambassadors). */
  members: Types.ObjectId[];
  createdAt: Date;
  updatedAt: Date;
}

export type CohortDocument = HydratedDocument<CohortDoc>;

const cohortSchema = new Schema<CohortDoc>(
  {
    name: { type: String, required: true, trim: true, maxlength: 120 },
    slug: { type: String, required: true, unique: true, lowercase: true, trim: true },
    startDate: { type: Date, required: true },
    endDate: { type: Date, required: true },
    countries: { type: [String], default: [] },
    members: { type: [Schema.Types.ObjectId], ref: 'User', default: [] },
  },
  { timestamps: true },
);

cohortSchema.index({ members: 1 });

export const Cohort = model<CohortDoc>('Cohort', cohortSchema);

/** A programme: the top of the curriculum (e.g. "Library Innovators Programme"). */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';
import type { Translations } from './content.schemas.js';
import { trackContentWrites } from './content-version.js';

export interface ProgrammeAttrs {
  slug: string;
  title: string;
  summary: string;
  description: string;
  /** Display order when several programmes exist. */
  order: number;
  translations: Translations;
  createdAt: Date;
  updatedAt: Date;
}

const programmeSchema = new Schema<ProgrammeAttrs>(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    description: { type: String, default: '' },
    order: { type: Number, default: 0 },
    translations: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: true },
);

// Cached published content (the learner's outline) is refreshed after any write.
trackContentWrites(programmeSchema);
export const Programme = model<ProgrammeAttrs>('Programme', programmeSchema);
export type ProgrammeDoc = HydratedDocument<ProgrammeAttrs>;
export type ProgrammeId = Types.ObjectId;

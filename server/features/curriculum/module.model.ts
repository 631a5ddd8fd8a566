/**
 * A course module. Its fields are edited in place (no draft copy): only lesson content goes
 * through draft/publish. Learners see a module once it has at least one published lesson.
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';
import type { Translations } from './content.schemas.js';
import { trackContentWrites } from './content-version.js';

export interface ModuleAttrs {
  programme: Types.ObjectId;
  slug: string;
  order: number;
  title: string;
  intro: string;
  outcomes: string[];
  effortHours: number;
  /** Slugs of modules (same programme) to complete first. */
  prerequisites: string[];
  translations: Translations;
  createdAt: Date;
  updatedAt: Date;
}

const moduleSchema = new Schema<ModuleAttrs>(
  {
    programme: { type: Schema.Types.ObjectId, ref: 'Programme', required: true },
    slug: { type: String, required: true },
    order: { type: Number, required: true },
    title: { type: String, required: true },
    intro: { type: String, default: '' },
    outcomes: { type: [String], default: [] },
    effortHours: { type: Number, default: 0, min: 0 },
    prerequisites: { type: [String], default: [] },
    translations: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: true },
);
moduleSchema.index({ programme: 1, slug: 1 }, { unique: true });
moduleSchema.index({ programme: 1, order: 1 });

// Cached published content (the learner's outline) is refreshed after any write.
trackContentWrites(moduleSchema);
export const CourseModule = model<ModuleAttrs>('CourseModule', moduleSchema, 'modules');
export type ModuleDoc = HydratedDocument<ModuleAttrs>;

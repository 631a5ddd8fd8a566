/**
 * A course module. The top-level texts (title, intro, outcomes, effortHours, prerequisites) are the
 * PUBLISHED copy that learners, the importer and the exporter read; authors' unpublished edits
 * wait in `draft` (null = nothing pending) until published with a ModuleRevision (see
 * outline-store.service.ts). A module created in authoring stays hidden from learners
 * (`neverPublished`) until its first publish; learners see a published module once it has at
 * least one published lesson.
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';
import type { Translations } from './content.schemas.js';
import { trackContentWrites } from './content-version.js';

/** The module texts that go through draft and publish. */
export interface ModuleFields {
  title: string;
  intro: string;
  outcomes: string[];
  effortHours: number;
  prerequisites: string[];
}

export const MODULE_FIELD_KEYS = ['title', 'intro', 'outcomes', 'effortHours', 'prerequisites'] as const;

const moduleFieldsSchema = new Schema<ModuleFields>(
  {
    title: { type: String, required: true },
    intro: { type: String, default: '' },
    outcomes: { type: [String], default: [] },
    effortHours: { type: Number, default: 0, min: 0 },
    prerequisites: { type: [String], default: [] },
  },
  { _id: false },
);

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
  /** Unpublished edits of the texts above; null when the published copy is current. */
  draft: ModuleFields | null;
  /** Counts draft saves and publishes: the optimistic concurrency token of the edit form. */
  version: number;
  /** Number of the latest ModuleRevision (0: none recorded, e.g. imported before revisions existed). */
  publishedRevision: number;
  publishedAt: Date | null;
  /** Created in authoring and not yet published: learners do not see it. */
  neverPublished: boolean;
  /**
   * Hash of the texts the last curriculum import wrote (null: created in the browser). A module
   * gone from the files is removed by the next import only while its texts still equal this.
   */
  importedHash: string | null;
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
    draft: { type: moduleFieldsSchema, default: null },
    version: { type: Number, default: 1 },
    publishedRevision: { type: Number, default: 0 },
    publishedAt: { type: Date, default: null },
    neverPublished: { type: Boolean, default: false },
    importedHash: { type: String, default: null },
  },
  { timestamps: true },
);
moduleSchema.index({ programme: 1, slug: 1 }, { unique: true });
moduleSchema.index({ programme: 1, order: 1 });

// Cached published content (the learner's outline) is refreshed after any write.
trackContentWrites(moduleSchema);
export const CourseModule = model<ModuleAttrs>('CourseModule', moduleSchema, 'modules');
export type ModuleDoc = HydratedDocument<ModuleAttrs>;

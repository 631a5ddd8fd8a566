/**
 * A programme: the top of the curriculum (e.g. "Library Innovators Programme"). Its top-level texts
 * are the PUBLISHED copy; unpublished edits wait in `draft` (null = nothing pending) until
 * published with a ProgrammeRevision (see outline-store.service.ts).
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';
import type { Translations } from './content.schemas.js';
import { trackContentWrites } from './content-version.js';

/** The programme texts that go through draft and publish. */
export interface ProgrammeFields {
  title: string;
  summary: string;
  description: string;
}

export const PROGRAMME_FIELD_KEYS = ['title', 'summary', 'description'] as const;

const programmeFieldsSchema = new Schema<ProgrammeFields>(
  {
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    description: { type: String, default: '' },
  },
  { _id: false },
);

export interface ProgrammeAttrs {
  slug: string;
  title: string;
  summary: string;
  description: string;
  /** Display order when several programmes exist. */
  order: number;
  translations: Translations;
  /** Unpublished edits of title/summary/description; null when the published copy is current. */
  draft: ProgrammeFields | null;
  /** Counts draft saves and publishes: the optimistic concurrency token of the edit form. */
  version: number;
  /** Number of the latest ProgrammeRevision (0: none recorded yet). */
  publishedRevision: number;
  publishedAt: Date | null;
  /** Hash of the texts the last curriculum import wrote: tells a changed file from a browser edit. */
  importedHash: string | null;
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
    draft: { type: programmeFieldsSchema, default: null },
    version: { type: Number, default: 1 },
    publishedRevision: { type: Number, default: 0 },
    publishedAt: { type: Date, default: null },
    importedHash: { type: String, default: null },
  },
  { timestamps: true },
);

// Cached published content (the learner's outline) is refreshed after any write.
trackContentWrites(programmeSchema);
export const Programme = model<ProgrammeAttrs>('Programme', programmeSchema);
export type ProgrammeDoc = HydratedDocument<ProgrammeAttrs>;
export type ProgrammeId = Types.ObjectId;

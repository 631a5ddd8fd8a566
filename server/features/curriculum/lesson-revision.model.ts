/** One published state of a lesson: publish, import and restore each add one (never edited). */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';
import type { LessonContent } from './content.schemas.js';
import { lessonContentMongoose } from './content.mongoose.js';

export const REVISION_KINDS = ['publish', 'import', 'restore'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

export interface LessonRevisionAttrs {
  lesson: Types.ObjectId;
  number: number;
  kind: RevisionKind;
  content: LessonContent;
  contentHash: string;
  author: Types.ObjectId | null;
  authorName: string;
  note: string;
  createdAt: Date;
}

const revisionSchema = new Schema<LessonRevisionAttrs>(
  {
    lesson: { type: Schema.Types.ObjectId, ref: 'Lesson', required: true },
    number: { type: Number, required: true },
    kind: { type: String, enum: REVISION_KINDS, required: true },
    content: { type: lessonContentMongoose, required: true },
    contentHash: { type: String, required: true },
    author: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    // Kept as text so the history stays readable if the account is deleted.
    authorName: { type: String, default: '' },
    note: { type: String, default: '' },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
revisionSchema.index({ lesson: 1, number: 1 }, { unique: true });

export const LessonRevision = model<LessonRevisionAttrs>('LessonRevision', revisionSchema);
export type LessonRevisionDoc = HydratedDocument<LessonRevisionAttrs>;

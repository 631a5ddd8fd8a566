/**
 * A lesson keeps two copies of its content: `draft` (what authors edit) and `published` (what
 * learners see, null until first published). `version` counts draft saves and is the optimistic
 * concurrency token carried by the edit form; `publishedRevision` is the number of the
 * LessonRevision that `published` equals (0 = never published) and keys the render cache.
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';
import type { LessonContent } from './content.schemas.js';
import { lessonContentMongoose } from './content.mongoose.js';
import { trackContentWrites } from './content-version.js';

export interface LessonAttrs {
  programme: Types.ObjectId;
  module: Types.ObjectId;
  slug: string;
  order: number;
  draft: LessonContent;
  published: LessonContent | null;
  draftHash: string;
  publishedHash: string | null;
  version: number;
  publishedRevision: number;
  publishedAt: Date | null;
  /**
   * Content hash of what the last curriculum import wrote (null: created in the browser). A
   * lesson gone from the files is removed by the next import only while its draft and published
   * hashes still equal this, so browser work is never lost.
   */
  importedHash: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const lessonSchema = new Schema<LessonAttrs>(
  {
    programme: { type: Schema.Types.ObjectId, ref: 'Programme', required: true },
    module: { type: Schema.Types.ObjectId, ref: 'CourseModule', required: true },
    slug: { type: String, required: true },
    order: { type: Number, required: true },
    draft: { type: lessonContentMongoose, required: true },
    published: { type: lessonContentMongoose, default: null },
    draftHash: { type: String, required: true },
    publishedHash: { type: String, default: null },
    version: { type: Number, default: 1 },
    publishedRevision: { type: Number, default: 0 },
    publishedAt: { type: Date, default: null },
    importedHash: { type: String, default: null },
  },
  { timestamps: true },
);
// Slugs are unique within a programme (not just a module) so a lesson can move between modules.
lessonSchema.index({ programme: 1, slug: 1 }, { unique: true });
lessonSchema.index({ module: 1, order: 1 });

// Cached published content (the learner's outline) is refreshed after any write.
trackContentWrites(lessonSchema);
export const Lesson = model<LessonAttrs>('Lesson', lessonSchema);
export type LessonDoc = HydratedDocument<LessonAttrs>;

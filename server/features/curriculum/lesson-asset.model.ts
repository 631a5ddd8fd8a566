/**
 * A file that belongs to a lesson: a resource block's download or an image in its Markdown. The
 * bytes live under uploads/ (same storage and naming as every upload); this record says which
 * lesson it belongs to so the download route can check the viewer may see that lesson.
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';

export interface LessonAssetAttrs {
  lesson: Types.ObjectId;
  storedName: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  kind: 'resource' | 'image';
  uploadedBy: Types.ObjectId | null;
  /** Pixel size of an image (null for resources, or an image stored before sizes were kept). */
  width: number | null;
  height: number | null;
  createdAt: Date;
}

const assetSchema = new Schema<LessonAssetAttrs>(
  {
    lesson: { type: Schema.Types.ObjectId, ref: 'Lesson', required: true },
    storedName: { type: String, required: true, unique: true },
    originalName: { type: String, required: true },
    mime: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    kind: { type: String, enum: ['resource', 'image'], required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
assetSchema.index({ lesson: 1, sha256: 1 });

export const LessonAsset = model<LessonAssetAttrs>('LessonAsset', assetSchema);
export type LessonAssetDoc = HydratedDocument<LessonAssetAttrs>;

/**
 * Lesson files: stores them through the uploads storage (random name under uploadsDir), reuses
 * an identical file already stored for the same lesson (by sha256), and answers "may this person
 * download this file?".
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import type { Types } from 'mongoose';
import { storedFilePath } from '../uploads/index.js';
import type { StoredFile } from './content.schemas.js';
import { canonicalJson } from './content-hash.js';
import { LessonAsset, type LessonAssetDoc } from './lesson-asset.model.js';
import { Lesson } from './lesson.model.js';

export interface AssetInput {
  lesson: Types.ObjectId;
  /** Where the bytes are now (a curriculum file, or a fresh upload already under uploadsDir). */
  absPath: string;
  ext: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  kind: 'resource' | 'image';
  uploadedBy?: Types.ObjectId | null;
  /** True when absPath is already a stored upload (no copy needed). */
  alreadyStored?: { storedName: string };
}

/** Stores a lesson file, or returns the identical one stored before for that lesson. */
export async function storeLessonAsset(uploadsDir: string, input: AssetInput): Promise<StoredFile> {
  const existing = await LessonAsset.findOne({ lesson: input.lesson, sha256: input.sha256, kind: input.kind }).lean();
  if (existing) {
    return { storedName: existing.storedName, originalName: input.originalName, mime: existing.mime, size: existing.size, sha256: existing.sha256 };
  }
  let storedName = input.alreadyStored?.storedName;
  if (!storedName) {
    storedName = `${randomUUID()}.${input.ext}`;
    await mkdir(uploadsDir, { recursive: true });
    await copyFile(input.absPath, storedFilePath(uploadsDir, storedName));
  }
  await LessonAsset.create({
    lesson: input.lesson,
    storedName,
    originalName: input.originalName,
    mime: input.mime,
    size: input.size,
    sha256: input.sha256,
    kind: input.kind,
    uploadedBy: input.uploadedBy ?? null,
  });
  return { storedName, originalName: input.originalName, mime: input.mime, size: input.size, sha256: input.sha256 };
}

export interface AssetViewer {
  signedIn: boolean;
  /** Authors and admins may see drafts. */
  canAuthor: boolean;
}

/**
 * The asset if `viewer` may download it: authors/admins always; any signed-in person when the
 * lesson's published content refers to it. Null otherwise (the route answers 404 either way).
 */
export async function findViewableAsset(storedName: string, viewer: AssetViewer): Promise<LessonAssetDoc | null> {
  if (!viewer.signedIn) return null;
  const asset = await LessonAsset.findOne({ storedName });
  if (!asset) return null;
  if (viewer.canAuthor) return asset;
  const lesson = await Lesson.findById(asset.lesson, { published: 1 }).lean();
  if (!lesson?.published) return null;
  return canonicalJson(lesson.published).includes(storedName) ? asset : null;
}

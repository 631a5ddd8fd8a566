/**
 * Lesson files: stores them through the uploads storage (random name under uploadsDir), reuses
 * an identical file already stored for the same lesson (by sha256), records an image's pixel size,
 * and answers "may this person download this file?".
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import type { Types } from 'mongoose';
import sharp from 'sharp';
import { storedFilePath } from '../uploads/index.js';
import type { StoredFile } from './content.schemas.js';
import { canonicalJson } from './content-hash.js';
import { LessonAsset, type LessonAssetDoc } from './lesson-asset.model.js';
import { Lesson } from './lesson.model.js';
import { CourseModule } from './module.model.js';

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
  // Authoring uploads and imported images alike: pages give <img> its size so nothing jumps.
  const pixels = input.kind === 'image' ? await imageSize(storedFilePath(uploadsDir, storedName)) : null;
  await LessonAsset.create({
    lesson: input.lesson,
    storedName,
    originalName: input.originalName,
    mime: input.mime,
    size: input.size,
    sha256: input.sha256,
    kind: input.kind,
    uploadedBy: input.uploadedBy ?? null,
    width: pixels?.width ?? null,
    height: pixels?.height ?? null,
  });
  return { storedName, originalName: input.originalName, mime: input.mime, size: input.size, sha256: input.sha256 };
}

/** Pixel size of an image file, or null when it cannot be read (the page then just lacks the hint). */
async function imageSize(file: string): Promise<{ width: number; height: number } | null> {
  const meta = await sharp(file).metadata().catch(() => null);
  return meta?.width && meta.height ? { width: meta.width, height: meta.height } : null;
}

/**
 * Pixel sizes of stored images by stored name, for pages that give <img> width and height (so the
 * page does not jump while images load). Names without a known size are left out.
 */
export async function imageSizes(storedNames: string[]): Promise<Map<string, { width: number; height: number }>> {
  if (storedNames.length === 0) return new Map();
  const assets = await LessonAsset.find({ storedName: { $in: storedNames }, width: { $ne: null } }, { storedName: 1, width: 1, height: 1 }).lean();
  return new Map(assets.filter((a) => a.width && a.height).map((a) => [a.storedName, { width: a.width as number, height: a.height as number }]));
}

const ASSET_NAME = /\/curriculum\/assets\/([0-9a-f-]{36}\.[a-z0-9]{1,10})/g;

/**
 * For rendering `<img width height>`: a lookup from an image `src` to its pixel size, for the
 * asset-route images that `content` (a lesson's content, any shape) refers to. One query per call.
 */
export async function imageSizeLookup(content: unknown): Promise<(src: string) => { width: number; height: number } | undefined> {
  const names = [...new Set([...canonicalJson(content).matchAll(ASSET_NAME)].map((m) => m[1]))];
  const sizes = await imageSizes(names);
  return (src) => {
    const name = /^\/curriculum\/assets\/([^/?#]+)$/.exec(src)?.[1];
    return name ? sizes.get(name) : undefined;
  };
}

/** The stored file behind a name, for export (null when no lesson owns that name). */
export async function findAssetByStoredName(storedName: string): Promise<{ originalName: string; sha256: string; kind: 'resource' | 'image' } | null> {
  return LessonAsset.findOne({ storedName }, { originalName: 1, sha256: 1, kind: 1 }).lean();
}

export interface AssetViewer {
  signedIn: boolean;
  /** Authors and admins may see drafts. */
  canAuthor: boolean;
}

/**
 * The asset if `viewer` may download it: authors/admins always; any signed-in person when the
 * lesson's published content refers to it and its module has been published. Null otherwise (the route answers 404 either way).
 */
export async function findViewableAsset(storedName: string, viewer: AssetViewer): Promise<LessonAssetDoc | null> {
  if (!viewer.signedIn) return null;
  const asset = await LessonAsset.findOne({ storedName });
  if (!asset) return null;
  if (viewer.canAuthor) return asset;
  const lesson = await Lesson.findById(asset.lesson, { published: 1, module: 1 }).lean();
  if (!lesson?.published || !canonicalJson(lesson.published).includes(storedName)) return null;
  // A module never published is invisible to learners, and so are its published lessons' files.
  return (await CourseModule.exists({ _id: lesson.module, neverPublished: true })) ? null : asset;
}

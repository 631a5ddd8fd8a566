/**
 * Files authors upload into a lesson (images for Markdown, resource downloads): the uploads
 * feature has already checked type and size and stored the bytes; here they are registered as
 * the lesson's assets (an identical file already stored for the lesson is reused).
 */
import type { NextFunction, Request, Response } from 'express';
import { Types } from 'mongoose';
import type { StoredFile } from '../curriculum/content.schemas.js';
import { storeLessonAsset } from '../curriculum/lesson-assets.service.js';
import {
  deleteStoredFile,
  uploadFiles,
  type StoredUpload,
  type UploadKind,
} from '../uploads/index.js';
import { configOf } from '../../web/app-config.js';

const RESOURCE_KINDS: UploadKind[] = ['pdf', 'office', 'opendocument', 'image', 'text'];

/** Multer for one file in `file`; limits from config (read per request so tests can change them). */
export function lessonFileUpload(kinds: 'image' | 'resource') {
  return (req: Request, res: Response, next: NextFunction): void =>
    uploadFiles({
      field: 'file',
      maxFiles: 1,
      maxBytes: configOf(req).uploadMaxBytes,
      kinds: kinds === 'image' ? ['image'] : RESOURCE_KINDS,
    })(req, res, next);
}

/** Registers an accepted upload as a lesson asset; returns what a block stores. */
export async function registerUpload(
  req: Request,
  lessonId: string,
  upload: StoredUpload,
  kind: 'image' | 'resource',
): Promise<StoredFile> {
  const uploadsDir = configOf(req).uploadsDir;
  const stored = await storeLessonAsset(uploadsDir, {
    lesson: new Types.ObjectId(lessonId),
    absPath: upload.path,
    ext: upload.storedName.split('.').pop() ?? 'bin',
    originalName: upload.originalName,
    mime: upload.mime,
    size: upload.size,
    sha256: upload.sha256,
    kind,
    uploadedBy: req.user ? new Types.ObjectId(req.user.id) : null,
    alreadyStored: { storedName: upload.storedName },
  });
  // The same bytes were already stored for this lesson: keep one copy.
  if (stored.storedName !== upload.storedName)
    await deleteStoredFile({ uploadsDir }, upload.storedName);
  return stored;
}

/** Removes uploads of a request that ended up unused (a refused form). */
export async function discardUploads(req: Request): Promise<void> {
  const uploadsDir = configOf(req).uploadsDir;
  await Promise.all((req.uploads ?? []).map((u) => deleteStoredFile({ uploadsDir }, u.storedName)));
}

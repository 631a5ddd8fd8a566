/** Profiles: the fields a person edits and their photo (a 256px WebP thumbnail). */
import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { UnsupportedMediaTypeError } from '../../lib/errors.js';
import { deleteStoredFile } from '../uploads/index.js';
import {
  saveProfileFields,
  swapPhotoName,
  type ProfileFields,
} from '../users/profile-fields.service.js';

export const PHOTO_SIZE = 256;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** Saves what a person says about themselves. */
export function updateProfile(userId: string, fields: ProfileFields): Promise<void> {
  return saveProfileFields(userId, fields);
}

/**
 * Turns an uploaded image (type already checked on its bytes) into the person's square thumbnail,
 * replacing the previous one; the original upload is deleted (only the thumbnail is kept).
 */
export async function setPhoto(
  userId: string,
  upload: { path: string; mime: string },
  uploadsDir: string,
): Promise<string> {
  try {
    if (!PHOTO_TYPES.includes(upload.mime)) {
      throw new UnsupportedMediaTypeError('A photo must be a JPEG, PNG or WebP image.');
    }
    const storedName = `${randomUUID()}.webp`;
    await sharp(upload.path, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize(PHOTO_SIZE, PHOTO_SIZE, { fit: 'cover' })
      .webp({ quality: 82 })
      .toFile(path.join(uploadsDir, storedName))
      .catch((err: unknown) => {
        throw new UnsupportedMediaTypeError('That image could not be read.', { cause: err });
      });
    const previous = await swapPhotoName(userId, storedName);
    if (previous) await deleteStoredFile({ uploadsDir }, previous);
    return storedName;
  } finally {
    await unlink(upload.path).catch(() => undefined);
  }
}

/** Removes the person's photo. */
export async function removePhoto(userId: string, uploadsDir: string): Promise<void> {
  const previous = await swapPhotoName(userId, null);
  if (previous) await deleteStoredFile({ uploadsDir }, previous);
}

/**
 * The one multer setup. Files land under config.uploadsDir with random names, are judged on
 * their bytes, hashed, and either all accepted (`req.uploads`) or all deleted with a clear error.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { AppError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../lib/errors.js';
import { formatBytes } from '../../lib/format.js';
import { configOf } from '../../web/app-config.js';
import { detectType, KIND_LABELS } from './detect-type.js';
import type { StoredUpload, UploadKind } from './uploads.types.js';

export interface UploadOptions {
  /** The form field holding the file(s). */
  field: string;
  maxFiles: number;
  maxBytes: number;
  kinds: readonly UploadKind[];
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function removeAll(files: string[]): Promise<void> {
  await Promise.all(files.map((f) => unlink(f).catch(() => undefined)));
}

function multerToAppError(err: multer.MulterError, opts: UploadOptions): AppError {
  if (err.code === 'LIMIT_FILE_SIZE') {
    return new PayloadTooLargeError(`Each file may be at most ${formatBytes(opts.maxBytes)}.`, { code: 'file_too_large' });
  }
  if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE') {
    const files = opts.maxFiles === 1 ? 'one file' : `${opts.maxFiles} files`;
    return new PayloadTooLargeError(`You can send at most ${files} in "${opts.field}".`, { code: 'too_many_files' });
  }
  return new PayloadTooLargeError('The upload was refused: the form is too large.', { code: err.code.toLowerCase() });
}

/** Middleware accepting up to `maxFiles` files of the given kinds in `field` (see module doc). */
export function uploadFiles(opts: UploadOptions) {
  const allowed = opts.kinds.map((k) => KIND_LABELS[k]).join(', ');

  return function uploadMiddleware(req: Request, res: Response, next: NextFunction): void {
    const uploadsDir = configOf(req).uploadsDir;
    const written: string[] = [];
    const storage = multer.diskStorage({
      destination: (_req, _file, cb) => {
        mkdir(uploadsDir, { recursive: true }).then(() => cb(null, uploadsDir), (e: Error) => cb(e, uploadsDir));
      },
      filename: (_req, _file, cb) => {
        const name = `${randomUUID()}.part`;
        written.push(path.join(uploadsDir, name));
        cb(null, name);
      },
    });
    const multerOptions: multer.Options & { defParamCharset?: string } = {
      storage,
      limits: { fileSize: opts.maxBytes, files: opts.maxFiles, fields: 200, fieldSize: 1024 * 1024 },
      // Browsers send file names as raw UTF-8; multer's default (latin1) garbles "Šabac.pdf".
      defParamCharset: 'utf8',
    };
    const parse = multer(multerOptions).array(opts.field, opts.maxFiles);

    parse(req, res, (err: unknown) => {
      const finish = async (): Promise<void> => {
        if (err) throw err instanceof multer.MulterError ? multerToAppError(err, opts) : err;
        const files = (req.files as Express.Multer.File[] | undefined) ?? [];
        const uploads: StoredUpload[] = [];
        for (const file of files) {
          const type = await detectType(file.path, file.originalname, opts.maxBytes);
          if (!type || !opts.kinds.includes(type.kind)) {
            throw new UnsupportedMediaTypeError(
              `"${file.originalname}" is not an accepted type of file. Accepted: ${allowed}.`,
            );
          }
          const storedName = `${path.basename(file.filename, '.part')}.${type.ext}`;
          const finalPath = path.join(uploadsDir, storedName);
          await rename(file.path, finalPath);
          written.push(finalPath);
          uploads.push({
            storedName,
            originalName: file.originalname,
            mime: type.mime,
            size: file.size,
            sha256: await sha256(finalPath),
            path: finalPath,
          });
        }
        req.uploads = uploads;
      };
      finish().then(
        () => next(),
        async (e: unknown) => {
          await removeAll(written);
          next(e);
        },
      );
    });
  };
}

/**
 * Serving and deleting stored uploads. Callers check permission first; these functions make sure
 * only a well-formed stored name inside uploadsDir is ever touched and the browser never sniffs.
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Response } from 'express';
import type { Config } from '../../config/env.js';
import { NotFoundError } from '../../lib/errors.js';
import { configOf } from '../../web/app-config.js';
import type { StoredUpload } from './uploads.types.js';

const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,10}$/;
const INLINE_SAFE = /^(image\/(jpeg|png|webp|gif)|application\/pdf)$/;

/** Absolute path of a stored file, or NotFoundError for anything that is not a stored name. */
export function storedFilePath(uploadsDir: string, storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new NotFoundError();
  const root = path.resolve(uploadsDir);
  const full = path.resolve(root, storedName);
  if (path.dirname(full) !== root) throw new NotFoundError();
  return full;
}

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / RFC 5987). */
export function contentDisposition(originalName: string, inline: boolean): string {
  const clean = path.basename(originalName.replace(/\\/g, '/')).replace(/[\r\n"]/g, '') || 'download';
  const ascii = clean.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/[%;\\]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

type Servable = Pick<StoredUpload, 'storedName' | 'originalName' | 'mime'>;

/** Sends a stored file; only images and PDFs may be shown inline, everything else downloads. */
export function sendStoredFile(
  res: Response,
  upload: Servable,
  opts: { inline?: boolean } = {},
): Promise<void> {
  const file = storedFilePath(configOf(res.req).uploadsDir, upload.storedName);
  const inline = Boolean(opts.inline) && INLINE_SAFE.test(upload.mime);
  const type = upload.mime.startsWith('text/') ? `${upload.mime}; charset=utf-8` : upload.mime;
  return new Promise((resolve, reject) => {
    res.sendFile(
      file,
      {
        dotfiles: 'deny',
        headers: {
          'Content-Type': type,
          'Content-Disposition': contentDisposition(upload.originalName, inline),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-cache',
          'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        },
      },
      (err) => {
        if (!err) return resolve();
        const code = (err as NodeJS.ErrnoException).code;
        reject(code === 'ENOENT' || code === 'EISDIR' ? new NotFoundError() : err);
      },
    );
  });
}

/** Deletes a stored file (e.g. a replaced photo); a file already gone is not an error. */
export async function deleteStoredFile(config: Pick<Config, 'uploadsDir'>, storedName: string): Promise<void> {
  await unlink(storedFilePath(config.uploadsDir, storedName)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

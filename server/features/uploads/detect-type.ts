/**
 * Decides what a file really is from its bytes (never from the name or the browser's claim) and
 * whether an upload route accepts it.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';
import type { UploadKind } from './uploads.types.js';

export interface DetectedType {
  ext: string;
  mime: string;
  kind: UploadKind;
}

/** Binary formats by the extension file-type reports. */
const BINARY: Record<string, { mime: string; kind: UploadKind }> = {
  jpg: { mime: 'image/jpeg', kind: 'image' },
  png: { mime: 'image/png', kind: 'image' },
  webp: { mime: 'image/webp', kind: 'image' },
  gif: { mime: 'image/gif', kind: 'image' },
  pdf: { mime: 'application/pdf', kind: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'office' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'office' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', kind: 'office' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', kind: 'opendocument' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', kind: 'opendocument' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', kind: 'opendocument' },
};

/** Old Office files are all "Compound File Binary" containers; the name tells which one. */
const LEGACY_OFFICE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const TEXT: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  markdown: 'text/markdown',
};

export const KIND_LABELS: Record<UploadKind, string> = {
  image: 'images (JPEG, PNG, WebP, GIF)',
  pdf: 'PDF',
  office: 'Office documents (DOCX, XLSX, PPTX, DOC, XLS, PPT)',
  opendocument: 'OpenDocument files (ODT, ODS, ODP)',
  text: 'plain text (TXT, CSV, Markdown)',
};

/** Plain text: valid UTF-8 with no NUL bytes (read whole; text uploads are small). */
async function looksLikeText(file: string, maxBytes: number): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return false;
    const buffer = Buffer.alloc(size);
    await handle.read(buffer, 0, size, 0);
    if (buffer.includes(0)) return false;
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

function nameExtension(originalName: string): string {
  return path.extname(originalName).slice(1).toLowerCase();
}

/** The type of `file` judged on its bytes, or undefined when it is none we know. */
export async function detectType(
  file: string,
  originalName: string,
  textLimitBytes = 50 * 1024 * 1024,
): Promise<DetectedType | undefined> {
  const found = await fileTypeFromFile(file);
  if (found) {
    const known = BINARY[found.ext];
    if (known) return { ext: found.ext, ...known };
    const legacyExt = nameExtension(originalName);
    if (found.ext === 'cfb' && LEGACY_OFFICE[legacyExt]) {
      return { ext: legacyExt, mime: LEGACY_OFFICE[legacyExt], kind: 'office' };
    }
    return undefined;
  }
  if (await looksLikeText(file, textLimitBytes)) {
    const ext = TEXT[nameExtension(originalName)] ? nameExtension(originalName) : 'txt';
    return { ext: ext === 'markdown' ? 'md' : ext, mime: TEXT[ext], kind: 'text' };
  }
  return undefined;
}

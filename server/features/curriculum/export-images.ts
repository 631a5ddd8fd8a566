/**
 * The export side of Markdown images: an image the Markdown shows from our asset route (imported
 * from the files or uploaded in authoring) is written next to the lesson as `images/<name>` and
 * the URL becomes that relative path again, so the import reads it back as the same bytes.
 */
import path from 'node:path';
import type { LessonContent } from './content.schemas.js';
import { findImages, replaceImageSrc } from './files/markdown-images.js';
import { mapMarkdown } from './files/read-images.js';
import { findAssetByStoredName } from './lesson-assets.service.js';

const ASSET_SRC = /^\/curriculum\/assets\/([0-9a-f-]{36}\.[a-z0-9]{1,10})$/;

/** A stored image to copy to `relPath` (relative to the module folder). */
export interface ImageFile {
  relPath: string;
  storedName: string;
}

/** A file name safe in a Markdown link and on any file system (accents dropped, spaces -> hyphens). */
function safeFileName(name: string): string {
  const clean = path
    .basename(name.replace(/\\/g, '/'))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return clean || 'image';
}

/** `images/<name>`, numbered when the module already has a different image of that name. */
function pickPath(originalName: string, sha256: string, used: Map<string, string>): string {
  const name = safeFileName(originalName);
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length) || 'image';
  for (let n = 1; ; n++) {
    const relPath = `images/${n === 1 ? name : `${stem}-${n}${ext}`}`;
    const owner = used.get(relPath);
    if (owner === undefined || owner === sha256) {
      used.set(relPath, sha256);
      return relPath;
    }
  }
}

/**
 * Rewrites the lesson's asset-route images to `images/...` paths. `used` (one per module) maps
 * each path already taken to the sha256 of its bytes, so identical images share one file.
 */
export async function exportLessonImages(content: LessonContent, used: Map<string, string>): Promise<{ content: LessonContent; files: ImageFile[] }> {
  const files: ImageFile[] = [];
  const blocks = [];
  for (const block of content.blocks) {
    blocks.push(
      await mapMarkdown(block, async (markdown) => {
        let out = markdown;
        for (const { src } of findImages(markdown)) {
          const storedName = ASSET_SRC.exec(src)?.[1];
          const asset = storedName ? await findAssetByStoredName(storedName) : null;
          // An image we have no record of stays a URL (the import leaves site URLs alone).
          if (!storedName || !asset) continue;
          const relPath = pickPath(asset.originalName, asset.sha256, used);
          out = replaceImageSrc(out, src, relPath) ?? out;
          if (!files.some((f) => f.relPath === relPath)) files.push({ relPath, storedName });
        }
        return out;
      }),
    );
  }
  return { content: { ...content, blocks }, files };
}

/**
 * Images that lesson Markdown refers to by a relative path (`![alt](images/x.png)`): checked at
 * import like an author's image upload (inside the programme folder, present, an allowed type
 * judged on the bytes, within the size limit), then stored by the writer. Until then the Markdown
 * holds a placeholder naming the image's sha256, which the writer swaps for the asset URL.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { detectType } from '../../uploads/index.js';
import type { Block } from '../content.schemas.js';
import { decodeSrc, findImages, isRelativeSrc, replaceImageSrc } from './markdown-images.js';
import type { ImportIssue } from './yaml-source.js';

/** An image found on disk, waiting to be stored under uploads/ by the writer. */
export interface PendingImage {
  placeholder: string;
  absPath: string;
  /** Extension of the detected type, used for the stored name. */
  ext: string;
  mime: string;
  size: number;
  sha256: string;
  originalName: string;
}

export interface ImageReadContext {
  /** Folder of the lesson file: relative paths start here. */
  lessonDir: string;
  /** Images must stay inside this folder. */
  programmeDir: string;
  maxBytes: number;
  /** Images of the lesson found so far, by sha256 (filled in by resolveImages). */
  found: Map<string, PendingImage>;
}

/** Where a Markdown field is written, for messages: the file, its lines, the field's first line. */
export interface MarkdownPlace {
  file: string;
  lines: string[];
  line: number;
}

const PLACEHOLDER_PREFIX = 'atelier-pending-image:';

/** The text standing in for an image in the Markdown until it is stored. */
export function imagePlaceholder(sha256: string): string {
  return `${PLACEHOLDER_PREFIX}${sha256}`;
}

/** File line of an image: the first line from the field's start that mentions its path. */
function lineOf(place: MarkdownPlace, src: string, offset: number): number {
  const spellings = [src, decodeSrc(src)];
  for (let i = Math.max(0, place.line - 1); i < place.lines.length; i++) {
    if (spellings.some((s) => place.lines[i].includes(s))) return i + 1;
  }
  return place.line + offset;
}

const IMAGE_TYPES = 'PNG, JPEG, WebP or GIF; SVG is not accepted';

async function checkImage(relPath: string, ctx: ImageReadContext): Promise<{ image?: PendingImage; problem?: string }> {
  const absPath = path.resolve(ctx.lessonDir, relPath);
  if (!absPath.startsWith(path.resolve(ctx.programmeDir) + path.sep)) return { problem: `image path must stay inside the programme folder: ${relPath}` };
  if (!existsSync(absPath) || !statSync(absPath).isFile()) return { problem: `image file not found: ${relPath}` };
  const size = statSync(absPath).size;
  if (size > ctx.maxBytes) return { problem: `image file is larger than the ${Math.round(ctx.maxBytes / 1048576)} MB limit: ${relPath}` };
  const type = await detectType(absPath, relPath);
  if (type?.kind !== 'image') return { problem: `image file type is not allowed (${IMAGE_TYPES}): ${relPath}` };
  // The type check reads only the header: make sure the whole image decodes too.
  const readable = await sharp(absPath).metadata().then((m) => Boolean(m.width && m.height), () => false);
  if (!readable) return { problem: `image file cannot be read as an image: ${relPath}` };
  const sha256 = createHash('sha256').update(readFileSync(absPath)).digest('hex');
  return { image: { placeholder: imagePlaceholder(sha256), absPath, ext: type.ext, mime: type.mime, size, sha256, originalName: path.basename(relPath) } };
}

/** Checks every relative image of one Markdown field; returns it with placeholders, and the problems. */
export async function resolveImages(markdown: string, place: MarkdownPlace, ctx: ImageReadContext): Promise<{ markdown: string; issues: ImportIssue[] }> {
  const issues: ImportIssue[] = [];
  const done = new Set<string>();
  let out = markdown;
  for (const ref of findImages(markdown)) {
    // One replacement covers every use of the same path in the field.
    if (!isRelativeSrc(ref.src) || done.has(ref.src)) continue;
    done.add(ref.src);
    const relPath = decodeSrc(ref.src);
    const line = lineOf(place, ref.src, ref.line);
    const { image, problem } = await checkImage(relPath, ctx);
    if (!image) {
      issues.push({ file: place.file, line, message: problem ?? `image cannot be used: ${relPath}` });
      continue;
    }
    const replaced = replaceImageSrc(out, ref.src, image.placeholder);
    if (replaced === null) {
      issues.push({ file: place.file, line, message: `write the image as ![description](${relPath}) so its path can be read` });
      continue;
    }
    out = replaced;
    // The first path of identical bytes names the stored file.
    if (!ctx.found.has(image.sha256)) ctx.found.set(image.sha256, image);
  }
  return { markdown: out, issues };
}

export type Resolve = (markdown: string, fieldPath: PropertyKey[]) => Promise<string>;

/** Applies `resolve` to every Markdown field of a block (text, prompts, feedback, instructions). */
export async function mapMarkdown(block: Block, resolve: Resolve): Promise<Block> {
  switch (block.type) {
    case 'text':
      return { ...block, markdown: await resolve(block.markdown, []) };
    case 'reflection':
      return { ...block, prompt: await resolve(block.prompt, ['prompt']) };
    case 'assignment':
      return { ...block, assignment: { ...block.assignment, instructions: await resolve(block.assignment.instructions, ['instructions']) } };
    case 'quiz': {
      const questions = [];
      for (const [i, q] of block.quiz.questions.entries()) {
        const prompt = await resolve(q.prompt, ['questions', i, 'prompt']);
        const feedback = q.feedback ? await resolve(q.feedback, ['questions', i, 'feedback']) : q.feedback;
        questions.push({ ...q, prompt, feedback });
      }
      return { ...block, quiz: { ...block.quiz, questions } };
    }
    default:
      return block;
  }
}

/**
 * Resolves the relative images of every Markdown field of `block`; `placeOf` says where a field
 * (by its path inside the block's YAML) is written, for the messages.
 */
export async function resolveBlockImages(block: Block, placeOf: (fieldPath: PropertyKey[]) => MarkdownPlace, ctx: ImageReadContext): Promise<{ block: Block; issues: ImportIssue[] }> {
  const issues: ImportIssue[] = [];
  const out = await mapMarkdown(block, async (markdown, fieldPath) => {
    const resolved = await resolveImages(markdown, placeOf(fieldPath), ctx);
    issues.push(...resolved.issues);
    return resolved.markdown;
  });
  return { block: out, issues };
}

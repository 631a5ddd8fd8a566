/**
 * Reads one lesson file (`NN-slug.md`) and the quiz/assignment/resource files its blocks refer to,
 * and the images its Markdown shows by relative path, into lesson content plus the list of
 * problems found (with file and line).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assignmentSchema, quizSchema, type Block } from '../content.schemas.js';
import { parseVideoUrl } from '../../content/video.js';
import { lessonFileSchema, type FileBlock } from './file.schemas.js';
import { splitBody, splitFrontMatter } from './front-matter.js';
import { readResource, resolveInside } from './read-resource.js';
import { resolveBlockImages, type MarkdownPlace, type PendingImage } from './read-images.js';
import { YamlSource, type ImportIssue } from './yaml-source.js';
import { zodIssues } from './zod-issues.js';

/** A resource file found on disk, waiting to be copied into uploads/ by the writer. */
export interface PendingResource {
  blockId: string;
  absPath: string;
  /** Extension of the detected type, used for the stored name. */
  ext: string;
}

/** An id that must be unique across the programme, with where it was declared. */
export interface DeclaredId {
  kind: 'quiz' | 'assignment' | 'resource' | 'reflection';
  id: string;
  file: string;
  line: number;
}

export interface ParsedLesson {
  slug: string;
  order: number;
  file: string;
  line: number;
  title: string;
  minutes: number | null;
  blocks: Block[];
  resources: PendingResource[];
  /** Images the Markdown refers to by relative path (their places hold placeholders). */
  images: PendingImage[];
  ids: DeclaredId[];
}

export interface LessonReadContext {
  moduleDir: string;
  /** Turns an absolute path into the path shown in messages. */
  display: (absPath: string) => string;
  maxResourceBytes: number;
}

/** Parses a lesson file; returns the lesson (null when unusable) and every issue found. */
export async function readLesson(
  absPath: string,
  order: number,
  ctx: LessonReadContext,
): Promise<{ lesson: ParsedLesson | null; issues: ImportIssue[] }> {
  const file = ctx.display(absPath);
  const text = readFileSync(absPath, 'utf8');
  const split = splitFrontMatter(text);
  if (!split) return { lesson: null, issues: [{ file, line: 1, message: 'missing YAML front matter (the file must start with a --- line)' }] };
  const source = new YamlSource(file, split.yaml, split.yamlFirstLine);
  const syntax = source.syntaxIssues();
  if (syntax.length) return { lesson: null, issues: syntax };
  const raw = source.value() ?? {};
  const parsed = lessonFileSchema.safeParse(raw);
  if (!parsed.success) return { lesson: null, issues: zodIssues(parsed.error, source, raw) };

  const meta = parsed.data;
  const chunks = splitBody(split.body, split.bodyFirstLine);
  const fileBlocks: FileBlock[] = meta.blocks ?? chunks.map(() => ({ type: 'text' as const }));
  const issues: ImportIssue[] = [];
  const textCount = fileBlocks.filter((b) => b.type === 'text').length;
  if (textCount !== chunks.length) {
    issues.push({
      file,
      line: meta.blocks ? source.lineOf(['blocks']) : split.bodyFirstLine,
      message: `the lesson has ${textCount} text block(s) but its body has ${chunks.length} chunk(s) separated by <!-- block -->`,
    });
  }
  if (fileBlocks.length === 0) issues.push({ file, line: split.bodyFirstLine, message: 'the lesson is empty (no body and no blocks)' });

  const blocks: Block[] = [];
  const resources: PendingResource[] = [];
  const ids: DeclaredId[] = [];
  const counters = { text: 0, video: 0 };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const places: Array<((fieldPath: PropertyKey[]) => MarkdownPlace) | undefined> = [];
  for (const [index, block] of fileBlocks.entries()) {
    const at = (...rest: PropertyKey[]) => source.lineOf(['blocks', index, ...rest]);
    switch (block.type) {
      case 'text': {
        counters.text += 1;
        const chunk = chunks[counters.text - 1];
        blocks.push({ id: block.id ?? `text-${counters.text}`, type: 'text', markdown: chunk?.markdown ?? '' });
        places[blocks.length - 1] = () => ({ file, lines, line: chunk?.line ?? split.bodyFirstLine });
        break;
      }
      case 'video':
        counters.video += 1;
        if (!parseVideoUrl(block.url)) issues.push({ file, line: at('url'), message: `not a YouTube or Vimeo video URL: ${block.url}` });
        blocks.push({ id: block.id ?? `video-${counters.video}`, type: 'video', url: block.url, title: block.title });
        break;
      case 'reflection':
        ids.push({ kind: 'reflection', id: block.id, file, line: at('id') });
        blocks.push({ id: block.id, type: 'reflection', prompt: block.prompt });
        places[blocks.length - 1] = (fieldPath) => ({ file, lines, line: at(...fieldPath) });
        break;
      case 'resource': {
        const found = await readResource(block.file, ctx, file, at('file'));
        issues.push(...found.issues);
        ids.push({ kind: 'resource', id: block.id, file, line: at('id') });
        if (found.stored) {
          resources.push({ blockId: block.id, absPath: found.absPath, ext: found.ext });
          blocks.push({ id: block.id, type: 'resource', title: block.title, file: found.stored });
        }
        break;
      }
      case 'quiz':
      case 'assignment': {
        const found = readReference(block, source, ['blocks', index], ctx, file, lines);
        issues.push(...found.issues);
        if (found.block) {
          ids.push({ kind: block.type, id: found.block.id, file: found.file, line: found.line });
          blocks.push(found.block);
          places[blocks.length - 1] = found.placeOf;
        }
        break;
      }
    }
  }
  const imageCtx = { lessonDir: path.dirname(absPath), programmeDir: path.dirname(ctx.moduleDir), maxBytes: ctx.maxResourceBytes, found: new Map<string, PendingImage>() };
  for (const [i, block] of blocks.entries()) {
    const place = places[i];
    if (!place) continue;
    const resolved = await resolveBlockImages(block, place, imageCtx);
    issues.push(...resolved.issues);
    blocks[i] = resolved.block;
  }
  const seen = new Map<string, number>();
  blocks.forEach((b, i) => {
    if (seen.has(b.id)) issues.push({ file, line: source.lineOf(['blocks', i]), message: `duplicate block id "${b.id}" in this lesson` });
    seen.set(b.id, i);
  });
  const lesson: ParsedLesson = { slug: meta.slug, order, file, line: source.lineOf(['slug']), title: meta.title, minutes: meta.minutes ?? null, blocks, resources, images: [...imageCtx.found.values()], ids };
  return { lesson: issues.length ? null : lesson, issues };
}

/** Resolves a quiz/assignment block: from its sibling YAML file, or from the inline fields. */
function readReference(
  block: { type: 'quiz' | 'assignment'; file?: string; [key: string]: unknown },
  lessonSource: YamlSource,
  blockPath: PropertyKey[],
  ctx: LessonReadContext,
  lessonFile: string,
  lessonLines: string[],
): { block: Block | null; issues: ImportIssue[]; file: string; line: number; placeOf?: (fieldPath: PropertyKey[]) => MarkdownPlace } {
  const schema = block.type === 'quiz' ? quizSchema : assignmentSchema;
  let source = lessonSource;
  let raw: unknown;
  let prefix: PropertyKey[] = blockPath;
  let lines = lessonLines;
  const placeOf = (fieldPath: PropertyKey[]) => ({ file: source.file, lines, line: source.lineOf([...prefix, ...fieldPath]) });
  if (block.file !== undefined) {
    const extra = Object.keys(block).filter((k) => k !== 'type' && k !== 'file');
    const line = lessonSource.lineOf([...blockPath, 'file']);
    if (extra.length) return { block: null, issues: [{ file: lessonFile, line, message: `a ${block.type} block with "file" takes no other fields (found ${extra.join(', ')})` }], file: lessonFile, line };
    const abs = resolveInside(ctx.moduleDir, block.file);
    if (!abs || !existsSync(abs)) return { block: null, issues: [{ file: lessonFile, line, message: `${block.type} file not found: ${block.file}` }], file: lessonFile, line };
    const yamlText = readFileSync(abs, 'utf8');
    source = new YamlSource(ctx.display(abs), yamlText);
    lines = yamlText.replace(/\r\n?/g, '\n').split('\n');
    const syntax = source.syntaxIssues();
    if (syntax.length) return { block: null, issues: syntax, file: source.file, line: 1 };
    raw = source.value();
    prefix = [];
  } else {
    const { type: _type, ...fields } = block;
    raw = fields;
  }
  const parsed = schema.safeParse(raw);
  const line = source.lineOf([...prefix, 'id']);
  if (!parsed.success) return { block: null, issues: zodIssues(parsed.error, source, raw, prefix), file: source.file, line };
  const sourceFile = block.file;
  const built: Block =
    block.type === 'quiz'
      ? { id: parsed.data.id, type: 'quiz', quiz: quizSchema.parse(parsed.data), ...(sourceFile ? { sourceFile } : {}) }
      : { id: parsed.data.id, type: 'assignment', assignment: assignmentSchema.parse(parsed.data), ...(sourceFile ? { sourceFile } : {}) };
  return { block: built, issues: [], file: source.file, line, placeOf };
}

/**
 * Import of curriculum files into the database. Two phases: read and check every programme
 * (nothing is written if any problem is found), then write idempotently: a lesson, module or
 * programme is published as a new revision "Imported from files" only when its file changed since
 * the last import and differs from what is published. A file that did not change leaves browser
 * edits alone; a changed file wins over them and the summary says so (import-decision.ts).
 * Lessons and modules gone from the files are removed only when nothing was changed in the
 * browser since the last import (see import-removal.service.ts).
 */
import path from 'node:path';
import { Types } from 'mongoose';
import { AppError } from '../../lib/errors.js';
import type { Block, LessonContent } from './content.schemas.js';
import { canonicalJson, contentHash, normalizeContent } from './content-hash.js';
import { assetUrl } from './lesson-render.js';
import { decideImport, IMPORT_NOTE, KEPT_BROWSER, type ImportDecision } from './import-decision.js';
import { upsertModule, upsertProgramme } from './import-outline.service.js';
import { removeMissing } from './import-removal.service.js';
import type { ParsedLesson } from './files/read-lesson.js';
import { findProgrammeDirs, readProgramme, type ParsedProgramme } from './files/read-programme.js';
import type { ImportIssue } from './files/yaml-source.js';
import { storeLessonAsset } from './lesson-assets.service.js';
import { createLesson, publishContent } from './lesson-store.service.js';
import { Lesson } from './lesson.model.js';
import { clearRenderCache } from './render-cache.js';

export { IMPORT_NOTE };

/** Thrown when the files have problems; `issues` lists every one with file and line. */
export class CurriculumValidationError extends AppError {
  constructor(readonly issues: ImportIssue[]) {
    super(422, `The curriculum files have ${issues.length} problem(s).`, { code: 'invalid_curriculum', details: { issues } });
  }
}

export interface ImportOptions {
  uploadsDir: string;
  maxResourceBytes: number;
  displayBase?: string;
  /** Called after each lesson is written (for a progress bar). */
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface ImportSummary {
  programmes: string[];
  created: string[];
  updated: string[];
  unchanged: number;
  /** Lessons (`programme/module/lesson`) and modules (`programme/module`) removed because their files are gone. */
  removed: string[];
  /**
   * Left as they are, each with the reason (`module/lesson (why)`, `module (module ...)`): gone from
   * the files but changed in the browser, or changed in the browser while the file did not change.
   */
  kept: string[];
  /** Browser changes replaced because the file changed too (`module/lesson`, `module (module texts)`). */
  overwritten: string[];
}

/** Reads and checks every programme under `root` without writing anything. */
export async function validateCurriculum(root: string, options: Pick<ImportOptions, 'maxResourceBytes' | 'displayBase'>) {
  const dirs = findProgrammeDirs(path.resolve(root));
  const programmes: ParsedProgramme[] = [];
  const issues: ImportIssue[] = dirs.length ? [] : [{ file: root, line: 1, message: 'no programme folder (with a programme.md) found here' }];
  for (const dir of dirs) {
    const read = await readProgramme(dir, options);
    issues.push(...read.issues);
    if (read.programme) programmes.push(read.programme);
  }
  return { programmes, issues };
}

/** Validates, then writes every programme under `root`. Throws CurriculumValidationError. */
export async function importCurriculum(root: string, options: ImportOptions): Promise<ImportSummary> {
  const { programmes, issues } = await validateCurriculum(root, options);
  if (issues.length) throw new CurriculumValidationError(issues);
  const summary: ImportSummary = { programmes: programmes.map((p) => p.slug), created: [], updated: [], unchanged: 0, removed: [], kept: [], overwritten: [] };
  const total = programmes.reduce((n, p) => n + p.modules.reduce((m, mod) => m + mod.lessons.length, 0), 0);
  let done = 0;
  for (const [index, parsed] of programmes.entries()) {
    const programme = await upsertProgramme(parsed, index);
    const programmeId = programme.id;
    noteBrowser(summary, programme.report, `${parsed.slug} (programme texts)`);
    for (const mod of parsed.modules) {
      const stored = await upsertModule(programmeId, mod);
      noteBrowser(summary, stored.report, `${mod.slug} (module texts)`);
      for (const lesson of mod.lessons) {
        const { outcome, report } = await upsertLesson(programmeId, stored.id, lesson, options);
        const label = `${parsed.slug}/${mod.slug}/${lesson.slug}`;
        if (outcome === 'unchanged') summary.unchanged += 1;
        else summary[outcome].push(label);
        noteBrowser(summary, report, `${mod.slug}/${lesson.slug}`);
        options.onProgress?.(++done, total, label);
      }
    }
    const removal = await removeMissing(programmeId, parsed);
    summary.removed.push(...removal.removed);
    summary.kept.push(...removal.kept);
  }
  clearRenderCache();
  return summary;
}

/** Adds a browser-work note to the summary: kept (`label (why)`) or overwritten (`label`). */
function noteBrowser(summary: ImportSummary, report: ImportDecision['report'], label: string): void {
  if (report === 'kept') summary.kept.push(`${label} (${KEPT_BROWSER})`);
  if (report === 'overwritten') summary.overwritten.push(label);
}

async function upsertLesson(
  programme: Types.ObjectId,
  module: Types.ObjectId,
  parsed: ParsedLesson,
  options: ImportOptions,
): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; report?: ImportDecision['report'] }> {
  const existing = await Lesson.findOne({ programme, slug: parsed.slug });
  const lessonId = existing?._id ?? new Types.ObjectId();
  const content = normalizeContent({
    title: parsed.title,
    minutes: parsed.minutes,
    blocks: await storeImages(lessonId, parsed, await storeResources(lessonId, parsed, options.uploadsDir), options.uploadsDir),
    // Files hold the source locale only; translations made in the database are kept.
    translations: existing?.published?.translations ?? {},
  } satisfies LessonContent);
  const meta = { kind: 'import' as const, note: IMPORT_NOTE, author: null };
  const hash = contentHash(content);
  // Recorded right after the write: if that step is lost the lesson only looks browser-made, and a
  // lesson that looks browser-made is kept, never removed. Not a change of the lesson: no timestamp.
  const recordImported = () => Lesson.updateOne({ _id: lessonId }, { $set: { importedHash: hash } }, { timestamps: false });
  if (!existing) {
    await createLesson({ _id: lessonId, programme, module, slug: parsed.slug, order: parsed.order, content }, meta);
    await recordImported();
    return { outcome: 'created' };
  }
  const moved = !existing.module.equals(module) || existing.order !== parsed.order;
  if (moved) await Lesson.updateOne({ _id: existing._id }, { $set: { module, order: parsed.order } });
  const pendingDraft = existing.draftHash !== existing.publishedHash ? existing.draftHash : null;
  const decision = decideImport(hash, { imported: existing.importedHash ?? null, published: existing.publishedHash, draft: pendingDraft });
  if (decision.write) await publishContent(existing._id, existing.version, content, meta);
  // Also recorded when the file now equals what is published (e.g. lessons imported before
  // importedHash existed, or a browser edit copied into the file).
  if ((decision.write || existing.publishedHash === hash) && existing.importedHash !== hash) await recordImported();
  return { outcome: decision.write || moved ? 'updated' : 'unchanged', report: decision.report };
}

/** Copies resource files into uploads/ (or reuses the identical stored copy) and fills the names. */
async function storeResources(lessonId: Types.ObjectId, parsed: ParsedLesson, uploadsDir: string): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const block of parsed.blocks) {
    const pending = parsed.resources.find((r) => r.blockId === block.id);
    if (block.type !== 'resource' || !pending) {
      blocks.push(block);
      continue;
    }
    const stored = await storeLessonAsset(uploadsDir, { lesson: lessonId, absPath: pending.absPath, ext: pending.ext, kind: 'resource', ...block.file });
    blocks.push({ ...block, file: { ...stored, sourcePath: block.file.sourcePath } });
  }
  return blocks;
}

/** Stores the images the Markdown refers to and puts their asset URLs in place of the placeholders. */
async function storeImages(lessonId: Types.ObjectId, parsed: ParsedLesson, blocks: Block[], uploadsDir: string): Promise<Block[]> {
  if (parsed.images.length === 0) return blocks;
  // Placeholders hold only [a-z0-9:-] and asset URLs only [a-z0-9/.-]: safe to swap inside JSON text.
  let json = canonicalJson(blocks);
  for (const image of parsed.images) {
    const { placeholder, absPath, ext, ...file } = image;
    const stored = await storeLessonAsset(uploadsDir, { lesson: lessonId, absPath, ext, kind: 'image', ...file });
    json = json.split(placeholder).join(assetUrl(stored.storedName));
  }
  return JSON.parse(json) as Block[];
}

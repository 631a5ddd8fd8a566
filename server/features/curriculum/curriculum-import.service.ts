/**
 * Import of curriculum files into the database. Two phases: read and check every programme
 * (nothing is written if any problem is found), then write idempotently: a lesson is touched only
 * when its content differs from what is published, and then it is published as a new revision
 * "Imported from files"; modules and programmes are updated field by field.
 */
import path from 'node:path';
import { Types } from 'mongoose';
import { AppError } from '../../lib/errors.js';
import type { Block, LessonContent } from './content.schemas.js';
import { contentHash, normalizeContent } from './content-hash.js';
import type { ParsedLesson } from './files/read-lesson.js';
import { findProgrammeDirs, readProgramme, type ParsedModule, type ParsedProgramme } from './files/read-programme.js';
import type { ImportIssue } from './files/yaml-source.js';
import { storeLessonAsset } from './lesson-assets.service.js';
import { createLesson, publishContent } from './lesson-store.service.js';
import { Lesson } from './lesson.model.js';
import { CourseModule } from './module.model.js';
import { Programme } from './programme.model.js';
import { clearRenderCache } from './render-cache.js';

export const IMPORT_NOTE = 'Imported from files';

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
  const summary: ImportSummary = { programmes: programmes.map((p) => p.slug), created: [], updated: [], unchanged: 0 };
  const total = programmes.reduce((n, p) => n + p.modules.reduce((m, mod) => m + mod.lessons.length, 0), 0);
  let done = 0;
  for (const [index, parsed] of programmes.entries()) {
    const programmeId = await upsertProgramme(parsed, index);
    for (const mod of parsed.modules) {
      const moduleId = await upsertModule(programmeId, mod);
      for (const lesson of mod.lessons) {
        const outcome = await upsertLesson(programmeId, moduleId, lesson, options);
        const label = `${parsed.slug}/${mod.slug}/${lesson.slug}`;
        if (outcome === 'unchanged') summary.unchanged += 1;
        else summary[outcome].push(label);
        options.onProgress?.(++done, total, label);
      }
    }
  }
  clearRenderCache();
  return summary;
}

/** Sets only the fields that differ, so an unchanged file leaves the record (and updatedAt) alone. */
function changedFields<T extends object>(current: T, wanted: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(wanted) as (keyof T)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(wanted[key])) changes[key] = wanted[key];
  }
  return changes;
}

async function upsertProgramme(p: ParsedProgramme, order: number): Promise<Types.ObjectId> {
  const wanted = { title: p.title, summary: p.summary, description: p.description };
  const existing = await Programme.findOne({ slug: p.slug }).lean();
  if (!existing) return (await Programme.create({ slug: p.slug, order, ...wanted }))._id;
  const changes = changedFields(existing, wanted);
  if (Object.keys(changes).length) await Programme.updateOne({ _id: existing._id }, { $set: changes });
  return existing._id;
}

async function upsertModule(programme: Types.ObjectId, m: ParsedModule): Promise<Types.ObjectId> {
  const wanted = { order: m.order, title: m.title, intro: m.intro, outcomes: m.outcomes, effortHours: m.effortHours, prerequisites: m.prerequisites };
  const existing = await CourseModule.findOne({ programme, slug: m.slug }).lean();
  if (!existing) return (await CourseModule.create({ programme, slug: m.slug, ...wanted }))._id;
  const changes = changedFields(existing, wanted);
  if (Object.keys(changes).length) await CourseModule.updateOne({ _id: existing._id }, { $set: changes });
  return existing._id;
}

async function upsertLesson(
  programme: Types.ObjectId,
  module: Types.ObjectId,
  parsed: ParsedLesson,
  options: ImportOptions,
): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await Lesson.findOne({ programme, slug: parsed.slug });
  const lessonId = existing?._id ?? new Types.ObjectId();
  const content = normalizeContent({
    title: parsed.title,
    minutes: parsed.minutes,
    blocks: await storeResources(lessonId, parsed, options.uploadsDir),
    // Files hold the source locale only; translations made in the database are kept.
    translations: existing?.published?.translations ?? {},
  } satisfies LessonContent);
  const meta = { kind: 'import' as const, note: IMPORT_NOTE, author: null };
  if (!existing) {
    await createLesson({ _id: lessonId, programme, module, slug: parsed.slug, order: parsed.order, content }, meta);
    return 'created';
  }
  const moved = !existing.module.equals(module) || existing.order !== parsed.order;
  if (moved) await Lesson.updateOne({ _id: existing._id }, { $set: { module, order: parsed.order } });
  if (existing.publishedHash === contentHash(content)) return moved ? 'updated' : 'unchanged';
  await publishContent(existing._id, existing.version, content, meta);
  return 'updated';
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

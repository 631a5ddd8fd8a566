/**
 * Reads a whole programme folder (programme.md, NN-module folders, lesson files) and checks it as
 * a whole: every problem is collected with its file and line, and the caller writes nothing
 * unless the list is empty.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { moduleFileSchema, NUMBERED_NAME, programmeFileSchema } from './file.schemas.js';
import { splitFrontMatter } from './front-matter.js';
import { decodeSrc, findImages, isRelativeSrc } from './markdown-images.js';
import { readLesson, type DeclaredId, type LessonReadContext, type ParsedLesson } from './read-lesson.js';
import { YamlSource, type ImportIssue } from './yaml-source.js';
import { zodIssues } from './zod-issues.js';

export interface ParsedModule {
  slug: string;
  order: number;
  file: string;
  title: string;
  intro: string;
  outcomes: string[];
  effortHours: number;
  prerequisites: string[];
  lessons: ParsedLesson[];
  /** File lines of the slug and of each prerequisite, for cross-module messages. */
  lines: { slug: number; prerequisites: number[] };
}

export interface ParsedProgramme {
  dir: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  modules: ParsedModule[];
}

export interface ReadOptions {
  maxResourceBytes: number;
  /** Base for the paths shown in messages (default: the current directory). */
  displayBase?: string;
}

/** A programme-level folder for images shared by lessons of several modules (not a module). */
export const SHARED_IMAGES_DIR = 'images';

/** Is `dir` a programme folder (holds programme.md)? */
export function isProgrammeDir(dir: string): boolean {
  return existsSync(path.join(dir, 'programme.md'));
}

/** Programme folders under `root`: `root` itself when it is one, else its sub-folders that are. */
export function findProgrammeDirs(root: string): string[] {
  if (isProgrammeDir(root)) return [root];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && isProgrammeDir(path.join(root, d.name)))
    .map((d) => path.join(root, d.name))
    .sort();
}

/** Reads a Markdown file with front matter and validates the front matter with `schema`. */
function readMarkdownWithMeta<T extends z.ZodType>(absPath: string, file: string, schema: T) {
  const split = splitFrontMatter(readFileSync(absPath, 'utf8'));
  if (!split) return { issues: [{ file, line: 1, message: 'missing YAML front matter (the file must start with a --- line)' }] };
  const source = new YamlSource(file, split.yaml, split.yamlFirstLine);
  const syntax = source.syntaxIssues();
  if (syntax.length) return { issues: syntax };
  const raw = source.value() ?? {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { issues: zodIssues(parsed.error, source, raw) };
  // Stored images belong to a lesson (their download permission follows it), so a module intro or
  // programme description cannot have one: say so rather than let the page drop the image.
  const lines = split.body.split('\n');
  const imageIssues: ImportIssue[] = findImages(split.body)
    .filter((img) => isRelativeSrc(img.src))
    .map((img) => ({
      file,
      line: split.bodyFirstLine + Math.max(0, lines.findIndex((l) => l.includes(img.src) || l.includes(decodeSrc(img.src)))),
      message: `images by relative path work only in lesson files (put the image in the module's first lesson): ${decodeSrc(img.src)}`,
    }));
  return { meta: parsed.data as z.infer<T>, body: split.body.trim(), source, issues: imageIssues };
}

/** Reads and checks one programme folder. */
export async function readProgramme(dir: string, options: ReadOptions): Promise<{ programme: ParsedProgramme | null; issues: ImportIssue[] }> {
  const base = options.displayBase ?? process.cwd();
  const display = (abs: string) => path.relative(base, abs) || abs;
  const issues: ImportIssue[] = [];
  const head = readMarkdownWithMeta(path.join(dir, 'programme.md'), display(path.join(dir, 'programme.md')), programmeFileSchema);
  issues.push(...head.issues);
  if (head.meta && head.meta.slug !== path.basename(dir)) {
    issues.push({ file: head.source.file, line: head.source.lineOf(['slug']), message: `slug "${head.meta.slug}" does not match the folder name "${path.basename(dir)}"` });
  }

  const modules: ParsedModule[] = [];
  const orders = new Map<number, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    // images/ beside the modules holds pictures that several modules' lessons share.
    if (!entry.isDirectory() || entry.name === SHARED_IMAGES_DIR) continue;
    const moduleDir = path.join(dir, entry.name);
    const match = NUMBERED_NAME.exec(entry.name);
    if (!match) {
      issues.push({ file: display(moduleDir), line: 1, message: 'module folders are named NN-slug (e.g. 01-innovator-mindset)' });
      continue;
    }
    const order = Number(match[1]);
    if (orders.has(order)) issues.push({ file: display(moduleDir), line: 1, message: `module number ${match[1]} is also used by ${orders.get(order)}` });
    orders.set(order, entry.name);
    const read = await readModule(moduleDir, order, match[2], { moduleDir, display, maxResourceBytes: options.maxResourceBytes });
    issues.push(...read.issues);
    if (read.module) modules.push(read.module);
  }
  if (modules.length === 0 && issues.length === 0) issues.push({ file: display(dir), line: 1, message: 'the programme has no module folders' });
  // With a module unreadable, "unknown prerequisite" messages would only repeat that problem.
  issues.push(...crossCheck(modules, modules.length === orders.size));
  if (issues.length || !head.meta) return { programme: null, issues };
  return {
    programme: { dir, slug: head.meta.slug, title: head.meta.title, summary: head.meta.summary, description: head.body, modules },
    issues,
  };
}

async function readModule(moduleDir: string, order: number, folderSlug: string, ctx: LessonReadContext) {
  const issues: ImportIssue[] = [];
  const moduleFile = path.join(moduleDir, 'module.md');
  if (!existsSync(moduleFile)) return { module: null, issues: [{ file: ctx.display(moduleDir), line: 1, message: 'module.md is missing' }] };
  const head = readMarkdownWithMeta(moduleFile, ctx.display(moduleFile), moduleFileSchema);
  issues.push(...head.issues);
  if (head.meta && head.meta.slug !== folderSlug) {
    issues.push({ file: head.source.file, line: head.source.lineOf(['slug']), message: `slug "${head.meta.slug}" does not match the folder name (…-${folderSlug})` });
  }
  const lessons: ParsedLesson[] = [];
  const orders = new Map<number, string>();
  const files = readdirSync(moduleDir).filter((f) => f.endsWith('.md') && f !== 'module.md').sort();
  for (const name of files) {
    const abs = path.join(moduleDir, name);
    if (!statSync(abs).isFile()) continue;
    const match = NUMBERED_NAME.exec(name.slice(0, -3));
    if (!match) {
      issues.push({ file: ctx.display(abs), line: 1, message: 'lesson files are named NN-slug.md (e.g. 01-why-libraries-innovate.md)' });
      continue;
    }
    const lessonOrder = Number(match[1]);
    if (orders.has(lessonOrder)) issues.push({ file: ctx.display(abs), line: 1, message: `lesson number ${match[1]} is also used by ${orders.get(lessonOrder)}` });
    orders.set(lessonOrder, name);
    const read = await readLesson(abs, lessonOrder, ctx);
    issues.push(...read.issues);
    if (read.lesson && read.lesson.slug !== match[2]) {
      issues.push({ file: read.lesson.file, line: read.lesson.line, message: `slug "${read.lesson.slug}" does not match the file name (…-${match[2]}.md)` });
    } else if (read.lesson) lessons.push(read.lesson);
  }
  if (!head.meta) return { module: null, issues };
  const { meta } = head;
  return {
    module: { slug: meta.slug, order, file: head.source.file, title: meta.title, intro: head.body, outcomes: meta.outcomes, effortHours: meta.effortHours, prerequisites: meta.prerequisites, lessons,
      lines: { slug: head.source.lineOf(['slug']), prerequisites: meta.prerequisites.map((_, i) => head.source.lineOf(['prerequisites', i])) } },
    issues,
  };
}

/** Programme-wide rules: unique slugs and ids, prerequisites that exist. */
function crossCheck(modules: ParsedModule[], allModulesRead: boolean): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const moduleSlugs = new Map<string, ParsedModule>();
  for (const m of modules) {
    if (moduleSlugs.has(m.slug)) issues.push({ file: m.file, line: m.lines.slug, message: `module slug "${m.slug}" is also used by ${moduleSlugs.get(m.slug)?.file}` });
    moduleSlugs.set(m.slug, m);
  }
  for (const m of modules) {
    m.prerequisites.forEach((pre, i) => {
      const line = m.lines.prerequisites[i];
      if (pre === m.slug) issues.push({ file: m.file, line, message: 'a module cannot be its own prerequisite' });
      else if (!moduleSlugs.has(pre)) {
        if (allModulesRead) issues.push({ file: m.file, line, message: `prerequisite "${pre}" is not a module of this programme` });
      } else if (dependsOn(moduleSlugs, pre, m.slug)) issues.push({ file: m.file, line, message: `prerequisites form a cycle: "${pre}" already requires "${m.slug}"` });
    });
  }
  const lessonSlugs = new Map<string, string>();
  const declared = new Map<string, DeclaredId>();
  for (const lesson of modules.flatMap((m) => m.lessons)) {
    const other = lessonSlugs.get(lesson.slug);
    if (other) issues.push({ file: lesson.file, line: lesson.line, message: `lesson slug "${lesson.slug}" is also used by ${other}` });
    lessonSlugs.set(lesson.slug, lesson.file);
    for (const id of lesson.ids) {
      const key = `${id.kind}:${id.id}`;
      const first = declared.get(key);
      if (first) issues.push({ file: id.file, line: id.line, message: `${id.kind} id "${id.id}" is also used in ${first.file}:${first.line}` });
      else declared.set(key, id);
    }
  }
  return issues;
}

/** Does module `from` (directly or through others) require module `target`? */
function dependsOn(modules: Map<string, ParsedModule>, from: string, target: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const pres = modules.get(from)?.prerequisites ?? [];
  return pres.includes(target) || pres.some((p) => dependsOn(modules, p, target, seen));
}

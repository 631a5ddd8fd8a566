/**
 * Resource files named by resource blocks: found relative to the module folder, checked on their
 * bytes and size, hashed; the writer copies them into uploads/ later.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { detectType } from '../../uploads/index.js';
import type { ImportIssue } from './yaml-source.js';

/** Checks one resource file; `stored` is what the block will hold (null with issues on failure). */
export async function readResource(relPath: string, ctx: { moduleDir: string; maxResourceBytes: number }, file: string, line: number) {
  const absPath = resolveInside(ctx.moduleDir, relPath);
  const fail = (message: string) => ({ stored: null, absPath: absPath ?? '', ext: '', issues: [{ file, line, message }] });
  if (!absPath) return fail(`resource path must stay inside the module folder: ${relPath}`);
  if (!existsSync(absPath) || !statSync(absPath).isFile()) return fail(`resource file not found: ${relPath}`);
  const bytes = readFileSync(absPath);
  if (bytes.length > ctx.maxResourceBytes) return fail(`resource file is larger than the ${Math.round(ctx.maxResourceBytes / 1048576)} MB limit: ${relPath}`);
  const type = await detectType(absPath, relPath);
  if (!type) return fail(`resource file type is not allowed (PDF, Office/OpenDocument, images or plain text): ${relPath}`);
  const stored = {
    // The writer replaces this with the name under uploads/ (reusing an identical stored file).
    storedName: 'pending',
    originalName: path.basename(relPath),
    mime: type.mime,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sourcePath: relPath,
  };
  return { stored, absPath, ext: type.ext, issues: [] as ImportIssue[] };
}

/** Resolves `rel` against `dir`, or null when it would escape `dir`. */
export function resolveInside(dir: string, rel: string): string | null {
  const abs = path.resolve(dir, rel);
  return abs.startsWith(path.resolve(dir) + path.sep) ? abs : null;
}

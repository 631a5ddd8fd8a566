/**
 * Fingerprinted static assets: every file under views/public is served as
 * /assets/<dir>/<name>.<hash>.<ext> with a one-year immutable cache, and views link to it with
 * `asset('css/app.css')`. A changed file gets a new hash, so browsers never see a stale copy.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/paths.js';
import type { NextFunction, Request, Response } from 'express';

export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'views', 'public');
const PREFIX = '/assets/';

export interface AssetManifest {
  /** Logical name ('css/app.css') -> URL ('/assets/css/app.3f2a9c1d0b.css'). */
  urls: ReadonlyMap<string, string>;
  /** Fingerprinted URL path -> absolute file. */
  files: ReadonlyMap<string, string>;
}

function walk(dir: string, base = dir): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory()
      ? walk(full, base)
      : [path.relative(base, full).split(path.sep).join('/')];
  });
}

export function buildManifest(dir = PUBLIC_DIR): AssetManifest {
  const urls = new Map<string, string>();
  const files = new Map<string, string>();
  for (const name of walk(dir)) {
    const full = path.join(dir, name);
    const hash = createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 10);
    const ext = path.posix.extname(name);
    const url = `${PREFIX}${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
    urls.set(name, url);
    files.set(url, full);
  }
  return { urls, files };
}

/** Returns the `asset(name)` helper views use; an unknown name fails loudly during development. */
export function assetHelper(manifest: AssetManifest): (name: string) => string {
  return (name) => {
    const url = manifest.urls.get(name.replace(/^\/+/, ''));
    if (!url) throw new Error(`asset(): no file views/public/${name}`);
    return url;
  };
}

/** Serves fingerprinted files only: unknown /assets/ paths fall through to the 404 handler. */
export function serveAssets(manifest: AssetManifest) {
  return function assets(req: Request, res: Response, next: NextFunction): void {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith(PREFIX))
      return next();
    const file = manifest.files.get(req.path);
    if (!file) return next();
    res.sendFile(file, { maxAge: '365d', immutable: true, dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}

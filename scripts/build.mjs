// Transpiles server/ and scripts/ TypeScript to dist/ with esbuild (type checking is `npm run
// typecheck`): a full build takes well under a second, so `npm start` stays fast on a fresh clone.
import { build } from 'esbuild';
import { readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function tsFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Newest modification time among the sources, to let `start` skip an up-to-date build. */
export function newestSource() {
  return Math.max(
    ...['server', 'scripts'].flatMap((d) => tsFiles(path.join(root, d))).map((f) => statSync(f).mtimeMs),
  );
}

export async function runBuild() {
  const entryPoints = ['server', 'scripts'].flatMap((d) => tsFiles(path.join(root, d)));
  await build({
    entryPoints,
    outdir: path.join(root, 'dist'),
    outbase: root,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(path.join(root, 'dist', '.build-stamp'), String(Date.now()));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runBuild();
}

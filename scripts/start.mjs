// `npm start`: builds dist/ when any source is newer than the last build, then runs the server.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestSource, runBuild } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const built = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8')) : 0;
if (newestSource() > built) await runBuild();
await import(path.join(root, 'dist', 'server', 'main.js'));

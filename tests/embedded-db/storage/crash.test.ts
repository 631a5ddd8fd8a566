/**
 * SIGKILL at random moments against the storage layer alone, with snapshots and journal
 * rotations happening constantly: every write whose sync() resolved must survive, and restart
 * must succeed every time.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine, removeTempDirs, tempDir } from './storage-helpers.js';

afterAll(removeTempDirs);

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const fixture = path.join(here, 'fixtures', 'storage-writer.ts');
const ROUNDS = 8;

/** Runs the writer until `killAfterMs` past its 'ready' line, SIGKILLs it, returns its output. */
function runAndKill(dir: string, prefix: string, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, prefix], {
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (!armed && out.includes('ready\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited (${code}) before the kill: ${err}`));
      // Only complete lines were acknowledged; a partial last line is dropped.
      else resolve(out.split('\n').slice(0, -1));
    });
  });
}

describe('storage under SIGKILL', () => {
  it(`keeps every synced write across ${ROUNDS} kills, snapshots included`, async () => {
    const dir = tempDir();
    const present = new Set<string>();
    const removed = new Set<string>();
    const maybe = new Set<string>();
    let seed = 7;
    for (let round = 0; round < ROUNDS; round++) {
      seed = (seed * 48271) % 2147483647;
      const lines = await runAndKill(dir, `r${round}`, 100 + (seed % 700));
      for (const line of lines) {
        if (line.startsWith('+')) present.add(line.slice(1));
        if (line.startsWith('~')) {
          present.delete(line.slice(1));
          maybe.add(line.slice(1));
        }
        if (line.startsWith('-')) {
          maybe.delete(line.slice(1));
          removed.add(line.slice(1));
        }
      }
      const { engine } = await openEngine(dir);
      const coll = engine.getCollection('crash', 'docs');
      expect(coll).toBeDefined();
      for (const id of present) expect(coll!.getById(id)?._id).toBe(id);
      for (const id of removed) expect(coll!.getById(id)).toBeUndefined();
      await engine.abandon(); // leave the files as a crash would
    }
    expect(present.size).toBeGreaterThan(ROUNDS * 4);
  }, 120_000);
});

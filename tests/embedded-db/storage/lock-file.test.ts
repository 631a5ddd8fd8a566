import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { acquireLock, LOCK_FILE } from '../../../server/db/embedded/lock-file.js';
import { removeTempDirs, tempDir } from './storage-helpers.js';

afterAll(removeTempDirs);

function deadPid(): number {
  // A process that has exited: its pid is free (not reused this quickly in practice).
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('data directory lock file', () => {
  it('lets one owner hold the directory and tells others its URI', () => {
    const dir = tempDir();
    const first = acquireLock(dir);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    first.setUri('mongodb://127.0.0.1:27999');
    const content = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(content).toMatchObject({ pid: process.pid, uri: 'mongodb://127.0.0.1:27999' });
    // The same process asking again (a second engine) is told where the running one is.
    expect(acquireLock(dir)).toEqual({ ok: false, uri: 'mongodb://127.0.0.1:27999' });
    first.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = acquireLock(dir);
    expect(again.ok).toBe(true);
    if (again.ok) again.release();
  });

  it('reports a live owner in another process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      fs.writeFileSync(
        path.join(dir, LOCK_FILE),
        JSON.stringify({ pid: child.pid, uri: 'mongodb://127.0.0.1:28001', startedAt: new Date().toISOString() }),
      );
      expect(acquireLock(dir)).toEqual({ ok: false, uri: 'mongodb://127.0.0.1:28001' });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a stale lock left by a killed process', () => {
    const dir = tempDir();
    const stale = { pid: deadPid(), uri: 'mongodb://127.0.0.1:28002', startedAt: '2026-01-01T00:00:00Z' };
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(stale));
    const lock = acquireLock(dir);
    expect(lock.ok).toBe(true);
    const content = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(content.pid).toBe(process.pid);
    expect(fs.existsSync(path.join(dir, `${LOCK_FILE}.takeover`))).toBe(false);
    if (lock.ok) lock.release();
  });

  it('treats an unreadable lock as stale after a short wait', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), '{"pid": 12');
    const lock = acquireLock(dir, { waitForUriMs: 100 });
    expect(lock.ok).toBe(true);
    if (lock.ok) lock.release();
  });
});

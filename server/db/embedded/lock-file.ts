/**
 * One process owns a data directory: it holds `<dbPath>/mongod.lock` (JSON: pid, uri, startedAt).
 * A second process asking for the same directory gets the owner's URI and connects to the
 * running engine instead of opening the files.
 *
 * Edge cases, and how they are handled:
 * - Two processes starting at once: the lock is created with O_EXCL ('wx'), so exactly one wins.
 * - Stale lock (owner killed with SIGKILL, machine crash): the recorded pid is not alive
 *   (`process.kill(pid, 0)` fails with ESRCH), so the lock is taken over. Takeover is serialised
 *   by a second O_EXCL file (`mongod.lock.takeover`): the holder re-reads the lock, checks it is
 *   still the same stale one, replaces it, then removes the guard. A guard left by a process that
 *   died mid-takeover is itself detected by its pid and removed.
 * - EPERM from `kill(pid, 0)` means the pid is alive but belongs to another user: treated as live.
 * - Our own pid in the lock: either this process already holds it (an engine started twice in one
 *   process: reported as held, with its URI) or a previous incarnation with a recycled pid left it
 *   (common in containers where the server is pid 1): then it is stale.
 * - A recycled pid now used by an unrelated live process makes a stale lock look live; the caller
 *   then fails to connect to the recorded URI and should report the lock file path so a person
 *   can remove it.
 * - The owner writes its URI after it starts listening (`setUri`); a caller that finds the lock
 *   before that waits briefly for the URI to appear.
 * - Unparseable content (a writer caught between create and write) is re-read for a moment
 *   before being treated as stale.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'mongod.lock';

interface LockContent {
  pid: number;
  uri: string;
  startedAt: string;
}

export type LockResult = { ok: true; release(): void; setUri(uri: string): void } | { ok: false; uri: string };

/** Lock files this thread holds (absolute paths), with a descriptor kept open on each. */
const held = new Map<string, number>();

/**
 * Whether some thread of this process holds `file`: the engine may run in a worker thread
 * (thread.ts) while a script on the main thread asks for the same directory, and must be told
 * "held" rather than mistake its own pid for a recycled one. Threads do not share module state,
 * but they share the process's open files: a holder keeps a descriptor on its lock file, and
 * /proc/self/fd lists it. Without /proc (not Linux) only this thread's own locks are known.
 */
function heldByThisProcess(file: string): boolean {
  if (held.has(file)) return true;
  let fds: string[];
  try {
    fds = fs.readdirSync('/proc/self/fd');
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed meanwhile
    }
  });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(file: string): LockContent | null | 'missing' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as LockContent;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/** Creates `file` exclusively with `content`; false if it already exists. */
function createExclusive(file: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, JSON.stringify(content));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** Whether a lock owned by `pid` is stale from this process's point of view. */
function isStale(file: string, pid: number): boolean {
  if (pid === process.pid) return !heldByThisProcess(file);
  return !isAlive(pid);
}

/** Replaces a stale lock under the takeover guard; true when this process now owns it. */
function takeOver(file: string, stale: LockContent | null, mine: LockContent): boolean {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, mine)) {
    const g = read(guard);
    if (g !== 'missing' && (g === null || !isAlive(g.pid))) fs.rmSync(guard, { force: true });
    return false; // someone else is taking over (or was): the caller retries
  }
  try {
    const now = read(file);
    const same = now === 'missing' || (now === null ? stale === null : stale !== null && now.pid === stale.pid && now.startedAt === stale.startedAt);
    if (!same) return false;
    fs.rmSync(file, { force: true });
    return createExclusive(file, mine);
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function owned(file: string, content: LockContent): LockResult {
  held.set(file, fs.openSync(file, 'r'));
  const release = (): void => {
    const fd = held.get(file);
    if (fd === undefined) return;
    held.delete(file);
    fs.closeSync(fd);
    const now = read(file);
    if (now !== 'missing' && now !== null && now.pid === process.pid) fs.rmSync(file, { force: true });
    process.removeListener('exit', release);
  };
  process.on('exit', release);
  return {
    ok: true,
    release,
    setUri(uri: string): void {
      content.uri = uri;
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(content));
      fs.renameSync(tmp, file); // atomic: readers see the old or the new content, never half
      // Keep the descriptor on the file now at this path (the old one was replaced).
      const previous = held.get(file);
      if (previous !== undefined) {
        held.set(file, fs.openSync(file, 'r'));
        fs.closeSync(previous);
      }
    },
  };
}

/**
 * Takes the data directory's lock, or reports the running owner's URI. `waitForUriMs` bounds how
 * long to wait for a live owner that has not recorded its URI yet.
 */
export function acquireLock(dbPath: string, opts: { waitForUriMs?: number } = {}): LockResult {
  fs.mkdirSync(dbPath, { recursive: true });
  const file = path.resolve(dbPath, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, uri: '', startedAt: new Date().toISOString() };
  const deadline = Date.now() + (opts.waitForUriMs ?? 3000);
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(file, mine)) return owned(file, mine);
    const current = read(file);
    if (current === 'missing') continue; // released between our two calls
    if (current === null && Date.now() < deadline && attempt < 20) {
      sleepSync(25); // probably a writer between create and write
      continue;
    }
    if (current !== null && !isStale(file, current.pid)) {
      if (current.uri || Date.now() >= deadline) return { ok: false, uri: current.uri };
      sleepSync(50);
      continue;
    }
    if (takeOver(file, current, mine)) return owned(file, mine);
    if (Date.now() >= deadline + 5000) throw new Error(`Could not take over the stale lock ${file}`);
    sleepSync(10);
  }
}

/**
 * Removes `dbPath`'s lock if this process's pid is in it. For the host of an engine thread: a
 * process that exits abruptly (process.exit) ends its threads without their exit handlers.
 */
export function removeLockIfOurs(dbPath: string): void {
  const file = path.resolve(dbPath, LOCK_FILE);
  const now = read(file);
  if (now !== 'missing' && now !== null && now.pid === process.pid) fs.rmSync(file, { force: true });
}

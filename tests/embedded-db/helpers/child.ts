/** Runs tests/embedded-db/fixtures/crash-writer.ts as a child process and reads its protocol. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixture = path.join(repoRoot, 'tests', 'embedded-db', 'fixtures', 'crash-writer.ts');

let bundleDir: string | undefined;
let bundle: string | undefined;

/**
 * Bundles the fixture once with esbuild so each child starts in about half a second instead of
 * two (tsx compiles the engine on every start); the driver's optional native add-ons stay
 * external and resolve through NODE_PATH. Falls back to `--import tsx` if bundling fails.
 */
export async function prepareWriter(): Promise<void> {
  bundleDir = mkdtempSync(path.join(tmpdir(), 'atelier-crash-writer-'));
  const outfile = path.join(bundleDir, 'crash-writer.mjs');
  try {
    await build({
      entryPoints: [fixture],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
      external: [
        'kerberos',
        '@mongodb-js/zstd',
        'snappy',
        'mongodb-client-encryption',
        'aws4',
        'socks',
        '@aws-sdk/credential-providers',
        'gcp-metadata',
        '@mongodb-js/saslprep',
      ],
      // the driver is CommonJS: give the bundle a require() for its lazy optional imports
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    bundle = outfile;
  } catch {
    bundle = undefined;
  }
}

/** Removes the bundle made by prepareWriter. */
export function cleanupWriter(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
}

export interface Writer {
  child: ChildProcessWithoutNullStreams;
  /** Lines printed so far. */
  lines: string[];
  stderr: string[];
  /** Resolves with `{ uri, owned }` once the engine in the child is listening. */
  ready: Promise<{ uri: string; owned: boolean }>;
  /** Resolves once the child has printed `line`. */
  printed(line: string, timeoutMs: number): Promise<void>;
  /** Resolves once the child has acknowledged its first write. */
  firstAck(timeoutMs: number): Promise<void>;
  /** Resolves when the process has exited and its pipes are drained. */
  closed: Promise<void>;
  go(): void;
  kill(): Promise<void>;
}

/** Starts the crash writer on `dbPath` in `mode` (see the fixture) with ids prefixed by `prefix`. */
export function startWriter(
  dbPath: string,
  mode: string,
  prefix: string,
  readyTimeoutMs = 20_000,
): Writer {
  const entry = bundle ? [bundle] : ['--import', 'tsx', fixture];
  const child = spawn(process.execPath, [...entry, dbPath, mode, prefix], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', NODE_PATH: path.join(repoRoot, 'node_modules') },
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const listeners: (() => void)[] = [];
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => stderr.push(chunk));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));

  const printed = (
    predicate: (line: string) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const hit = lines.find(predicate);
        if (hit !== undefined) {
          clearTimeout(timer);
          resolve(hit);
        }
      };
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `crash writer did not print ${what} in ${timeoutMs} ms; stderr: ${stderr.join('')}`,
            ),
          ),
        timeoutMs,
      );
      listeners.push(check);
      void closed.then(() => {
        check();
        clearTimeout(timer);
        reject(
          new Error(`crash writer exited before printing ${what}; stderr: ${stderr.join('')}`),
        );
      });
      check();
    });

  const ready = printed((l) => l.startsWith('READY '), readyTimeoutMs, 'READY').then((line) => {
    const [, uri, owned] = line.split(' ');
    return { uri, owned: owned === 'true' };
  });
  ready.catch(() => undefined);

  return {
    child,
    lines,
    stderr,
    ready,
    printed: async (line, timeoutMs) => {
      await printed((l) => l === line, timeoutMs, line);
    },
    firstAck: async (timeoutMs) => {
      await printed((l) => l.startsWith('ACK '), timeoutMs, 'a first ACK');
    },
    closed,
    go: () => child.stdin.write('GO\n'),
    kill: async () => {
      child.kill('SIGKILL');
      await closed;
    },
  };
}

/** The ids the writer printed as acknowledged. */
export function ackedIds(writer: Writer): string[] {
  return writer.lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4));
}

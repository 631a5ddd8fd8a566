/**
 * Runs the real server (server/main.ts) as a child process, for tests of what only a process
 * shows: start-up, signals, exit codes, data surviving a restart. Also used by the browser tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Every line the server wrote to stdout and stderr so far. */
  output: string[];
  /** Resolves with the first output line matching `pattern` (already written or to come). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** Settings for the server; DATA_DIR and UPLOADS_DIR default to fresh temp dirs. */
  env?: Record<string, string>;
  /** 'source' runs TypeScript through tsx; 'dist' runs the esbuild output (build it first). */
  from?: 'source' | 'dist';
  startTimeoutMs?: number;
  /** Resolve once this line appears instead of waiting for "listening" (url/port are then 0). */
  readyWhen?: RegExp;
}

export function freshDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `atelier-${prefix}-`));
}

export async function startServerProcess(opts: StartOptions = {}): Promise<ServerProcess> {
  const args =
    opts.from === 'dist' ? ['dist/server/main.js'] : ['--import', 'tsx', 'server/main.ts'];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SESSION_SECRET: 'process-test-session-secret-0123456789abcdef',
    DATA_DIR: freshDir('data'),
    UPLOADS_DIR: freshDir('uploads'),
    JOBS_ENABLED: 'false',
    ...opts.env,
  };
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve(line: string): void }> = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      output.push(line);
      for (const w of waiters.filter((x) => x.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const waitForOutput = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const seen = output.find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      const timer = setTimeout(() => {
        reject(new Error(`server never wrote ${pattern}; output:\n${output.join('\n')}`));
      }, timeoutMs);
      waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(
          new Error(`server exited (${code}) before writing ${pattern}:\n${output.join('\n')}`),
        );
      });
    });

  const ready = await waitForOutput(
    opts.readyWhen ?? /listening on http:\/\/localhost:\d+/,
    opts.startTimeoutMs ?? 30_000,
  );
  const port = Number(/listening on http:\/\/localhost:(\d+)/.exec(ready)?.[1] ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output,
    waitForOutput,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** A token and cookie for state-changing requests from outside a browser (as a form would). */
export async function csrfFor(url: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${url}/`);
  const html = await res.text();
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!token) throw new Error('no CSRF token on the home page');
  return { token, cookie };
}

/**
 * A minimal cookie-keeping client for a server process (no browser): reads CSRF tokens from
 * pages and posts forms the way a browser would, without following redirects.
 */
export class FormClient {
  private cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  private remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(pathname: string): Promise<{ status: number; location: string | null; text: string }> {
    const res = await fetch(`${this.baseUrl}${pathname}`, {
      headers: { cookie: this.cookieHeader(), accept: 'text/html' },
      redirect: 'manual',
    });
    this.remember(res);
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  /** GETs `formPage` for its CSRF token, then posts `fields` to `action`. */
  async submit(
    formPage: string,
    action: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; location: string | null; text: string }> {
    const page = await this.get(formPage);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error(`no CSRF token on ${formPage} (status ${page.status})`);
    const res = await fetch(`${this.baseUrl}${action}`, {
      method: 'POST',
      headers: {
        cookie: this.cookieHeader(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      redirect: 'manual',
    });
    this.remember(res);
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }
}

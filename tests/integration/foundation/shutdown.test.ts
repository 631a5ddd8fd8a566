/**
 * The real server process: a request in flight at SIGTERM completes, the process exits 0, and
 * what was written before is still there after a restart on the same data directory.
 */
import { csrfFor, freshDir, startServerProcess } from '../../helpers/server-process.js';

const TIMEOUT = 90_000;

describe('graceful shutdown', () => {
  it(
    'finishes requests in flight, exits 0 and keeps the data for the next start',
    async () => {
      // Jobs on, as in production: the shutdown must stop them too.
      const env = {
        DATA_DIR: freshDir('data'),
        UPLOADS_DIR: freshDir('uploads'),
        JOBS_ENABLED: 'true',
      };
      const server = await startServerProcess({ env });

      const { token, cookie } = await csrfFor(server.url);
      const write = await fetch(`${server.url}/__test/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
        body: JSON.stringify({ value: 'written before SIGTERM' }),
      });
      expect(write.status).toBe(201);

      const slow = fetch(`${server.url}/__test/slow?ms=1500`).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as unknown,
      }));
      await server.waitForOutput(/test: slow request started/);
      const exitCode = server.stop('SIGTERM');

      await expect(slow).resolves.toEqual({ status: 200, body: { waited: 1500 } });
      expect(await exitCode).toBe(0);
      expect(server.output.join('\n')).toContain('jobs: stopped');
      expect(server.output.join('\n')).toContain('stopped cleanly');

      const again = await startServerProcess({ env });
      try {
        const records = await fetch(`${again.url}/__test/records`);
        expect(await records.json()).toEqual(['written before SIGTERM']);
      } finally {
        expect(await again.stop('SIGINT')).toBe(0);
      }
    },
    TIMEOUT,
  );

  it('refuses to start with a bad setting, naming it in one line', async () => {
    await expect(
      startServerProcess({ env: { PORT: 'eighty' }, startTimeoutMs: 20_000 }),
    ).rejects.toThrow(/Configuration error: PORT must be a whole number/);
  });

  it(
    'stops cleanly when the signal arrives during start-up',
    async () => {
      const server = await startServerProcess({ readyWhen: /database: connected/ });
      expect(await server.stop('SIGTERM')).toBe(0);
      const output = server.output.join('\n');
      expect(output).toContain('signal received during start-up');
      expect(output).toContain('stopped cleanly');
    },
    TIMEOUT,
  );
});

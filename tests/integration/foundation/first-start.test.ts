/**
 * First start of the real server on an empty data directory: the first administrator is created
 * (from ADMIN_EMAIL/ADMIN_PASSWORD, or with a one-time password printed once) and can sign in.
 */
import { FormClient, freshDir, startServerProcess } from '../../helpers/server-process.js';

const TIMEOUT = 120_000;

describe('first start', () => {
  it(
    'creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD, who can sign in',
    async () => {
      const server = await startServerProcess({
        env: {
          ADMIN_EMAIL: 'director@library.example',
          ADMIN_PASSWORD: 'a-long-admin-password-2026',
        },
      });
      try {
        expect(server.output.join('\n')).not.toContain('(one-time)');
        const client = new FormClient(server.url);
        const login = await client.submit('/login', '/login', {
          email: 'director@library.example',
          password: 'a-long-admin-password-2026',
        });
        expect(login.status).toBe(303);
        expect(login.location).not.toBe('/account/password');
        const people = await client.get('/admin/people');
        expect(people.status).toBe(200);
        expect(people.text).toContain('director@library.example');
      } finally {
        expect(await server.stop()).toBe(0);
      }
    },
    TIMEOUT,
  );

  it(
    'without them prints a one-time password once and forces a change at first sign-in',
    async () => {
      const env = { DATA_DIR: freshDir('data'), UPLOADS_DIR: freshDir('uploads') };
      const first = await startServerProcess({ env });
      const line = await first.waitForOutput(/password: \S+\s+\(one-time\)/).catch(async (err) => {
        await first.stop();
        throw err;
      });
      const password = /password: (\S+)/.exec(line)![1];
      const email = /email:\s+(\S+)/.exec(first.output.find((l) => /^\s+email:/.test(l))!)![1];
      try {
        const client = new FormClient(first.url);
        const login = await client.submit('/login', '/login', { email, password });
        expect(login.status).toBe(303);
        expect(login.location).toBe('/account/password');
        const elsewhere = await client.get('/admin/people');
        expect(elsewhere.status).toBe(303);
        expect(elsewhere.location).toBe('/account/password');
      } finally {
        expect(await first.stop()).toBe(0);
      }

      const second = await startServerProcess({ env });
      try {
        expect(second.output.join('\n')).not.toContain('(one-time)');
        const client = new FormClient(second.url);
        const login = await client.submit('/login', '/login', { email, password });
        expect(login.location).toBe('/account/password');
      } finally {
        expect(await second.stop()).toBe(0);
      }
    },
    TIMEOUT,
  );
});

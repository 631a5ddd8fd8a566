/**
 * A redirect that carries a flash message waits until the session is saved. express-session
 * would otherwise send the redirect's headers before the save, and a browser follows a redirect
 * on its headers: the next page could load the session (or its cached copy) without the message.
 * This test follows each redirect the moment its headers arrive, as a browser does, with session
 * saves slowed down as on a busy database (the engine runs in another thread in production).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { sessionStoreOn } from '../../../server/db/session-store.js';
import { buildTestApp } from '../../helpers/app.js';
import { extractCsrfToken } from '../../helpers/csrf.js';
import { connectTestDatabase, disconnect, testDbName } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { COURSE, lessonUrl, seedCourse } from '../../helpers/factories/progress.js';

const sessionStore = sessionStoreOn(connectTestDatabase(), testDbName);
const save = sessionStore.set.bind(sessionStore);
sessionStore.set = (sid, session, done) => {
  setTimeout(() => save(sid, session, done), 40);
};
const { app, config } = buildTestApp({}, { sessionStore });
const HABITS = lessonUrl('mindset', 'habits');
let server: http.Server;
let base: string;

beforeAll(async () => {
  await connectTestDatabase();
  await seedCourse(config);
  clearCourseCache();
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await disconnect();
});

/** A browser's cookie jar, reduced to what this test needs. */
class Browser {
  private readonly jar = new Map<string, string>();

  private absorb(headers: http.IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair = ''] = line.split(';');
      this.jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
  }

  private cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Sends a request; resolves as soon as the response's HEADERS arrive (the body keeps coming). */
  head(method: string, path: string, form?: Record<string, string>): Promise<http.IncomingMessage> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    return new Promise((resolve, reject) => {
      const req = http.request(`${base}${path}`, {
        method,
        headers: {
          cookie: this.cookie(),
          accept: 'text/html',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      });
      req.on('response', (res) => {
        this.absorb(res.headers);
        resolve(res);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async page(path: string): Promise<string> {
    const res = await this.head('GET', path);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}

it('shows the message on the page a redirect leads to, even when followed at its first byte', async () => {
  const user = await createUser({ roles: ['innovator'] });
  const browser = new Browser();
  const login = extractCsrfToken(await browser.page('/login'))!;
  const signedIn = await browser.head('POST', '/login', { email: user.email, password: user.password, _csrf: login });
  expect(signedIn.statusCode).toBe(303);
  signedIn.resume();
  const token = extractCsrfToken(await browser.page(HABITS))!;

  for (let i = 0; i < 15; i += 1) {
    const saved = await browser.head('POST', `${HABITS}/reflections/${COURSE.reflectionId}`, {
      text: `Habit ${i}`,
      _csrf: token,
    });
    expect(saved.statusCode).toBe(303);
    // Straight on, without waiting for the rest of the redirect's response.
    const next = await browser.page(saved.headers.location!);
    saved.resume();
    expect(next).toContain('Reflection saved to your journal.');
  }
});

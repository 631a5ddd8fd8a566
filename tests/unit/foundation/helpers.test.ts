import { redactUri, withDatabase } from '../../../server/db/connection.js';
import { contentDisposition, storedFilePath } from '../../../server/features/uploads/index.js';
import { formatBytes } from '../../../server/lib/format.js';
import { navFor } from '../../../server/web/nav.js';
import {
  onFirstStart,
  registeredStartupTasks,
  runStartupTasks,
} from '../../../server/lib/startup.js';
import { logger } from '../../../server/lib/logger.js';
import { testConfig } from '../../helpers/app.js';

describe('database addresses', () => {
  it('never logs credentials', () => {
    expect(redactUri('mongodb://atelier:s3cret@db.example.org:27017/atelier')).toBe(
      'mongodb://***@db.example.org:27017/atelier',
    );
    expect(redactUri('mongodb+srv://u:p@cluster0.example.net/')).toBe(
      'mongodb+srv://***@cluster0.example.net/',
    );
    expect(redactUri('mongodb://127.0.0.1:27017/atelier')).toBe(
      'mongodb://127.0.0.1:27017/atelier',
    );
  });

  it('adds a database name only when the address has none', () => {
    expect(withDatabase('mongodb://127.0.0.1:4000/?directConnection=true', 'atelier')).toBe(
      'mongodb://127.0.0.1:4000/atelier?directConnection=true',
    );
    expect(withDatabase('mongodb://a:1,b:2', 'atelier')).toBe('mongodb://a:1,b:2/atelier');
    expect(withDatabase('mongodb://a:1,b:2/lms?replicaSet=rs0', 'atelier')).toBe(
      'mongodb://a:1,b:2/lms?replicaSet=rs0',
    );
  });
});

describe('formatBytes', () => {
  it('names limits the way people read them', () => {
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatBytes(50 * 1024)).toBe('50 KB');
    expect(formatBytes(900)).toBe('900 bytes');
  });
});

describe('first-start tasks', () => {
  it('runs registered tasks once each, in order, and names a failing one', async () => {
    const ran: string[] = [];
    onFirstStart('test-a', async () => {
      ran.push('a');
    });
    onFirstStart('test-a', async () => {
      ran.push('duplicate');
    });
    onFirstStart('test-b', async ({ config }) => {
      ran.push(`b:${config.env}`);
    });
    const ctx = { config: testConfig(), logger };
    await runStartupTasks(ctx);
    expect(ran).toEqual(['a', 'b:test']);
    expect(registeredStartupTasks()).toEqual(expect.arrayContaining(['test-a', 'test-b']));

    onFirstStart('test-broken', async () => {
      throw new Error('disk full');
    });
    await expect(runStartupTasks(ctx)).rejects.toThrow(
      'start-up task "test-broken" failed: disk full',
    );
  });
});

describe('navigation by role', () => {
  const person = (roles: Express.User['roles']) => ({
    id: '1',
    email: 'a@b.c',
    name: 'A',
    roles,
    countries: [],
  });

  it('shows nothing to visitors and each role its own entries', () => {
    expect(navFor(undefined, '/')).toEqual([]);
    const innovator = navFor(person(['innovator']), '/learn/01-mindset').map((n) => n.label);
    expect(innovator).toEqual(expect.arrayContaining(['Home', 'Learning', 'Profile']));
    expect(innovator).not.toContain('People');
    const both = navFor(person(['mentor', 'admin']), '/').map((n) => n.label);
    expect(both).toEqual(expect.arrayContaining(['Grading', 'People', 'Cohorts']));
    expect(both.filter((l) => l === 'Gradebook')).toHaveLength(1);
  });

  it('marks the section being viewed as current', () => {
    const nav = navFor(person(['innovator']), '/learn/01-mindset/02-lesson');
    expect(nav.filter((n) => n.current).map((n) => n.label)).toEqual(['Learning']);
  });
});

describe('stored file names and downloads', () => {
  it('accepts only stored names inside the uploads directory', () => {
    const ok = '0f8fad5b-d9cb-469f-a165-70867728950e.pdf';
    expect(storedFilePath('/srv/uploads', ok)).toBe(`/srv/uploads/${ok}`);
    for (const bad of ['../etc/passwd', '/etc/passwd', 'x.pdf', `${ok}/..`, `sub/${ok}`, '']) {
      expect(() => storedFilePath('/srv/uploads', bad)).toThrow('We could not find that page.');
    }
  });

  it('writes a header-safe file name with a UTF-8 variant', () => {
    expect(contentDisposition('Plan "Šabac"\r\nX: y.pdf', false)).toBe(
      `attachment; filename="Plan SabacX: y.pdf"; filename*=UTF-8''Plan%20%C5%A0abacX%3A%20y.pdf`,
    );
    expect(contentDisposition('C:\\Users\\ana\\report.docx', true)).toMatch(
      /^inline; filename="report.docx"/,
    );
  });
});

import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { importCurriculum } from '../../../server/features/curriculum/curriculum-import.service.js';
import { clearCourseCache, getCourseOutline } from '../../../server/features/learning/course-outline.service.js';
import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import { ROOT } from '../../helpers/server-process.js';

// The real sample programme: its lessons are the longest pages learners get.
const { app, config } = buildTestApp();

beforeAll(async () => {
  await connectTestDatabase();
  await LessonProgress.init();
  await importCurriculum(path.join(ROOT, 'curriculum'), { uploadsDir: config.uploadsDir, maxResourceBytes: config.uploadMaxBytes });
  clearCourseCache();
});
afterAll(disconnect);

describe('light lesson pages', () => {
  it('weigh under 60 KB compressed with their stylesheet and scripts, and need no script to work', async () => {
    const agent = await loginAs(app, await createUser());
    const outline = (await getCourseOutline())!;
    const first = outline.modules[0]!;
    const sizes: Record<string, number> = {};
    for (const lesson of first.lessons) {
      const url = `/learn/${first.slug}/${lesson.slug}`;
      const page = await agent.get(url).expect(200);
      const assets = [...page.text.matchAll(/<(?:link[^>]+href|script[^>]+src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!);
      expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
      let total = gzipSync(Buffer.from(page.text)).length;
      for (const asset of assets) total += gzipSync(Buffer.from((await agent.get(asset).buffer(true).expect(200)).text ?? '')).length;
      sizes[url] = total;
      // Every action is a plain form post carrying its CSRF field: the page works with scripts off.
      for (const form of page.text.match(/<form method="post"[^>]*>\s*<input[^>]*>/g) ?? []) expect(form).toContain('name="_csrf"');
      // Content images (if any) are lazy-loaded.
      for (const img of page.text.match(/<main[\s\S]*<\/main>/)![0].match(/<img [^>]*>/g) ?? []) expect(img).toContain('loading="lazy"');
    }
    expect(Object.keys(sizes)).toHaveLength(first.lessons.length);
    for (const total of Object.values(sizes)) expect(total).toBeLessThan(60 * 1024);
  });
});

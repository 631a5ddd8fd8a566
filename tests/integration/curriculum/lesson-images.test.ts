/**
 * Lesson pages give images their pixel size (so the text does not jump while they load) and load
 * them lazily (issue 6): sizes of our stored images come from the upload record; an image from
 * another site has no known size and still shows, lazily, without one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { importCurriculum } from '../../../server/features/curriculum/curriculum-import.service.js';
import { publishContent } from '../../../server/features/curriculum/lesson-store.service.js';
import { LessonAsset } from '../../../server/features/curriculum/lesson-asset.model.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'curriculum');
const { app } = buildTestApp();
const SWOT_PAGE = '/learn/strategic-planning/swot-analysis';
let uploadsDir: string;
let learner: CsrfAgent;

beforeAll(async () => {
  await connectTestDatabase();
  await clearDatabase();
  uploadsDir = mkdtempSync(path.join(tmpdir(), 'atelier-lesson-images-'));
  await importCurriculum(SAMPLE, { uploadsDir, maxResourceBytes: 20 * 1024 * 1024 });
  // The module is locked until module 1 is complete; what is shown here does not depend on that.
  await CourseModule.updateOne({ slug: 'strategic-planning' }, { $set: { prerequisites: [] } });
  learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
});
afterAll(async () => {
  rmSync(uploadsDir, { recursive: true, force: true });
  await disconnect();
});

/** Every <img> tag of the page's lesson content (the site logo in the header aside). */
const lessonImages = (html: string) => [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]).filter((tag) => !tag.includes('/assets/images/'));

describe('images on lesson pages', () => {
  it('shows the sample SWOT grid with its width and height, loaded lazily', async () => {
    const grid = await LessonAsset.findOne({ kind: 'image', originalName: 'swot-grid.png' }).lean();
    expect(grid).toMatchObject({ width: 800, height: 560 });
    const page = await learner.get(SWOT_PAGE);
    expect(page.status).toBe(200);
    const [tag, ...others] = lessonImages(page.text);
    expect(others).toEqual([]);
    expect(tag).toMatch(new RegExp(`^<img src="/curriculum/assets/${grid!.storedName}" alt="SWOT grid\\. [^"]+" width="800" height="560" loading="lazy" />$`));
  });

  it("gives the author's preview the same sizes learners get", async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    const lesson = await lessonBySlug('swot-analysis');
    const preview = await author.get(`/authoring/lessons/${lesson.id}/preview`);
    expect(preview.status).toBe(200);
    expect(lessonImages(preview.text)[0]).toContain('width="800" height="560" loading="lazy"');
  });

  it('shows an https image without a known size lazily and without width or height, beside a sized one', async () => {
    const lesson = await lessonBySlug('swot-analysis');
    const blocks = [...lesson.draft.blocks, { id: 'partner-map', type: 'text' as const, markdown: '![Map of partner libraries](https://example.org/partner-map.png)' }];
    await publishContent(lesson.id, lesson.version, { ...lesson.draft, blocks }, { kind: 'publish', note: 'Added a map' });
    const tags = lessonImages((await learner.get(SWOT_PAGE)).text);
    expect(tags).toHaveLength(2);
    expect(tags[0]).toContain('width="800" height="560"');
    expect(tags[1]).toBe('<img src="https://example.org/partner-map.png" alt="Map of partner libraries" loading="lazy" />');
  });
});

/**
 * The set-up the authoring tests share: the app built in-process, and before each test an empty
 * database with the fixture programme imported (the learners' outline cache cleared with it, so
 * no page shows a previous test's modules).
 */
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { importFixtureProgramme } from '../../helpers/factories/curriculum.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';

/** Builds the app and registers the database hooks; call it at the top of a test file. */
export function authoringTestApp(): TestApp {
  const built = buildTestApp();
  beforeAll(connectTestDatabase);
  afterAll(disconnect);
  beforeEach(async () => {
    await clearDatabase();
    clearCourseCache();
    await importFixtureProgramme(built.config.uploadsDir);
  });
  return built;
}

/** A module as stored, by slug (throws if missing so tests fail loudly). */
export async function moduleBySlug(slug: string) {
  const m = await CourseModule.findOne({ slug }).lean();
  if (!m) throw new Error(`no module "${slug}"`);
  return m;
}

/** Posts a form with a token read from `page`, as the browser does, and expects its 303 redirect. */
export async function submitForm(
  agent: CsrfAgent,
  url: string,
  fields: Record<string, string>,
  page: string,
): Promise<void> {
  expect((await agent.postForm(url, fields, { tokenFrom: page })).status).toBe(303);
}

/**
 * Re-importing after a lesson file (or a whole module folder) is deleted: what an import wrote and
 * nobody changed since is removed (learners' progress records stay, keyed by slug); what was
 * edited or created in the browser is kept and reported. Re-adding the file brings it back.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildTestApp } from '../../helpers/app.js';
import { useCurriculumCopy } from '../../helpers/curriculum-copy.js';
import { lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { publishContent, saveDraft } from '../../../server/features/curriculum/lesson-store.service.js';
import { LessonRevision } from '../../../server/features/curriculum/lesson-revision.model.js';
import { Lesson } from '../../../server/features/curriculum/lesson.model.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import { createLessonInModule } from '../../../server/features/curriculum/lesson-structure.service.js';
import { LessonProgress } from '../../../server/features/progress/progress.model.js';

const { app, config } = buildTestApp();
const copy = useCurriculumCopy('atelier-removal-', config.uploadsDir);
const KEPT = 'changed in the browser since the last import; export or delete it in authoring';
let learner: CsrfAgent;

beforeEach(async () => {
  await run();
  learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
});

const src = copy.src;
const run = () => copy.import();
const CHECKING = '01-getting-started/02-checking.md';

describe('re-import after files were deleted', () => {
  it('removes a deleted lesson from the database and the module page, keeps the learner’s progress, and brings it back when the file returns', async () => {
    expect((await learner.get('/learn/getting-started/checking')).status).toBe(200);
    expect(await LessonProgress.countDocuments({ lesson: 'checking' })).toBe(1);
    expect((await learner.get('/learn/getting-started')).text).toContain('Checking what you learnt');
    const file = readFileSync(src(CHECKING));
    const lessonId = (await lessonBySlug('checking')).id;

    rmSync(src(CHECKING));
    const summary = await run();
    expect(summary).toMatchObject({ created: [], updated: [], removed: ['mini-programme/getting-started/checking'], kept: [], unchanged: 3 });
    expect(await Lesson.exists({ slug: 'checking' })).toBeNull();
    expect(await LessonRevision.countDocuments({ lesson: lessonId })).toBe(0);
    const modulePage = await learner.get('/learn/getting-started');
    expect(modulePage.status).toBe(200);
    expect(modulePage.text).toContain('First steps');
    expect(modulePage.text).not.toContain('Checking what you learnt');
    expect((await learner.get('/learn/getting-started/checking')).status).toBe(404);
    expect(await LessonProgress.countDocuments({ lesson: 'checking' })).toBe(1);

    // Nothing left to remove: a second import changes nothing.
    expect(await run()).toMatchObject({ created: [], updated: [], removed: [], kept: [], unchanged: 3 });

    writeFileSync(src(CHECKING), file);
    expect((await run()).created).toEqual(['mini-programme/getting-started/checking']);
    expect((await learner.get('/learn/getting-started')).text).toContain('Checking what you learnt');
    const progress = await LessonProgress.find({ lesson: 'checking' }).lean();
    expect(progress).toHaveLength(1);
    expect(progress[0]!.visits).toBe(1);
  });

  it('keeps and reports a lesson edited in the browser, and one created there', async () => {
    const checking = await lessonBySlug('checking');
    await saveDraft(checking.id, checking.version, { ...checking.draft, title: 'Checking, rewritten in the browser' });
    await createLessonInModule(String((await CourseModule.findOne({ slug: 'getting-started' }))!._id), { slug: 'browser-notes', title: 'Notes written in the browser' });
    rmSync(src(CHECKING));

    const summary = await run();
    expect(summary.removed).toEqual([]);
    expect(summary.kept).toEqual([`getting-started/checking (${KEPT})`, `getting-started/browser-notes (${KEPT})`]);
    expect((await lessonBySlug('checking')).draft.title).toBe('Checking, rewritten in the browser');
    expect(await Lesson.exists({ slug: 'browser-notes' })).not.toBeNull();
  });

  it('keeps a lesson whose browser edit was published, even with the draft equal to what is published', async () => {
    const checking = await lessonBySlug('checking');
    await publishContent(checking.id, checking.version, { ...checking.draft, title: 'Published in the browser' }, { kind: 'publish', note: 'Retitled' });
    rmSync(src(CHECKING));
    const summary = await run();
    expect(summary.kept).toEqual([`getting-started/checking (${KEPT})`]);
    expect(await Lesson.exists({ slug: 'checking' })).not.toBeNull();
  });

  it('removes a module whose folder was deleted, with its lessons', async () => {
    expect((await learner.get('/learn')).text).toContain('Going further');
    rmSync(src('02-going-further'), { recursive: true });
    const summary = await run();
    expect(summary.removed).toEqual(['mini-programme/going-further/sharing', 'mini-programme/going-further/final-project', 'mini-programme/going-further']);
    expect(summary.kept).toEqual([]);
    expect(await CourseModule.exists({ slug: 'going-further' })).toBeNull();
    expect(await Lesson.countDocuments({ slug: { $in: ['sharing', 'final-project'] } })).toBe(0);
    expect((await learner.get('/learn/going-further')).status).toBe(404);
    expect((await learner.get('/learn')).text).not.toContain('Going further');
  });

  it('keeps a deleted module whose texts were changed in the browser, removing only its untouched lessons', async () => {
    // The module edit form writes these fields; a direct update stands in for it here.
    await CourseModule.updateOne({ slug: 'going-further' }, { $set: { title: 'Going further, retitled in the browser' } });
    rmSync(src('02-going-further'), { recursive: true });
    const summary = await run();
    expect(summary.removed).toEqual(['mini-programme/going-further/sharing', 'mini-programme/going-further/final-project']);
    expect(summary.kept).toEqual([`going-further (module ${KEPT})`]);
    expect(await CourseModule.exists({ slug: 'going-further' })).not.toBeNull();
  });

  it('keeps a deleted module that still holds a lesson changed in the browser', async () => {
    const sharing = await lessonBySlug('sharing');
    await saveDraft(sharing.id, sharing.version, { ...sharing.draft, title: 'Sharing, edited' });
    rmSync(src('02-going-further'), { recursive: true });
    const summary = await run();
    expect(summary.removed).toEqual(['mini-programme/going-further/final-project']);
    expect(summary.kept).toEqual([`going-further/sharing (${KEPT})`, 'going-further (module not removed: Delete or move the module’s lessons first.)']);
  });
});

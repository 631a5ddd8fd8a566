/**
 * Re-importing files after authors worked in the browser. The import records revisions for the
 * programme's and modules' texts as it does for lessons; a file that did not change since the last
 * import leaves browser edits alone (and says so); a changed file wins over browser edits (and says
 * so, naming what it overwrote); a second import of the same files changes nothing at all.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { useCurriculumCopy } from '../../helpers/curriculum-copy.js';
import { lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { IMPORT_NOTE } from '../../../server/features/curriculum/curriculum-import.service.js';
import { publishContent, saveDraft } from '../../../server/features/curriculum/lesson-store.service.js';
import { LessonRevision } from '../../../server/features/curriculum/lesson-revision.model.js';
import { getModuleDraft, publishModule, saveModuleDraft } from '../../../server/features/curriculum/module-publishing.service.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import { ModuleRevision, ProgrammeRevision } from '../../../server/features/curriculum/outline-revision.model.js';
import { getProgrammeForEditing, publishProgramme, saveProgrammeDraft } from '../../../server/features/curriculum/programme.service.js';
import { Programme } from '../../../server/features/curriculum/programme.model.js';

const copy = useCurriculumCopy('atelier-browser-edits-');
const KEPT = 'changed in the browser since the last import; the file did not change, so the browser version stays';
let author: { id: string; name: string };

beforeEach(async () => {
  await run();
  const user = await createUser({ roles: ['author'], name: 'Ana Author' });
  author = { id: user.id, name: 'Ana Author' };
});

const src = copy.src;
const run = () => copy.import();
const editFile = (rel: string, from: string, to: string) => {
  const text = readFileSync(src(rel), 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" is not in ${rel}`);
  writeFileSync(src(rel), text.replace(from, to));
};
const moduleId = async (slug: string) => String((await CourseModule.findOne({ slug }).lean())!._id);
const moduleRevisions = async (slug: string) =>
  (await ModuleRevision.find({ owner: await moduleId(slug) }).sort({ number: 1 }).lean()).map((r) => [r.number, r.kind, r.note]);
const lessonRevisions = async (slug: string) =>
  (await LessonRevision.find({ lesson: (await lessonBySlug(slug)).id }).sort({ number: 1 }).lean()).map((r) => [r.number, r.kind]);

/** What a second import must leave exactly as it was. */
async function stored() {
  const [modules, programmes, lessons] = await Promise.all([
    CourseModule.find().sort({ slug: 1 }).lean(),
    Programme.find().lean(),
    LessonRevision.countDocuments(),
  ]);
  return {
    modules: modules.map((m) => [m.slug, m.version, m.publishedRevision, m.draft, m.updatedAt.getTime()]),
    programmes: programmes.map((p) => [p.slug, p.version, p.publishedRevision, p.draft, p.updatedAt.getTime()]),
    revisions: [lessons, await ModuleRevision.countDocuments(), await ProgrammeRevision.countDocuments()],
  };
}

/** Publishes a new title for a module in the browser, as the module form and publish button do. */
async function publishModuleTitle(slug: string, title: string) {
  const id = await moduleId(slug);
  const m = await getModuleDraft(id);
  const version = await saveModuleDraft(id, m.version, { slug, ...m.draft, title });
  await publishModule(id, version, 'Retitled', author);
}

describe('module and programme texts on import', () => {
  it('records an import revision for the programme and each module, and a second import changes nothing', async () => {
    expect(await moduleRevisions('getting-started')).toEqual([[1, 'import', IMPORT_NOTE]]);
    expect(await moduleRevisions('going-further')).toEqual([[1, 'import', IMPORT_NOTE]]);
    const programme = await Programme.findOne({ slug: 'mini-programme' }).lean();
    expect((await ProgrammeRevision.find({ owner: programme!._id }).lean()).map((r) => [r.number, r.kind, r.note])).toEqual([[1, 'import', IMPORT_NOTE]]);
    expect(await CourseModule.countDocuments({ draft: { $ne: null } })).toBe(0);

    const before = await stored();
    const summary = await run();
    expect(summary).toEqual({ programmes: ['mini-programme'], created: [], updated: [], unchanged: 4, removed: [], kept: [], overwritten: [] });
    expect(await stored()).toEqual(before);
  });

  it('publishes an edited module.md or programme.md as a new import revision', async () => {
    editFile('02-going-further/module.md', 'title: Going further', 'title: Going further together');
    editFile('programme.md', 'title: Mini Programme', 'title: Mini Programme, second edition');
    const summary = await run();
    expect(summary).toMatchObject({ updated: [], kept: [], overwritten: [] });
    expect(await moduleRevisions('going-further')).toEqual([[1, 'import', IMPORT_NOTE], [2, 'import', IMPORT_NOTE]]);
    expect(await moduleRevisions('getting-started')).toHaveLength(1);
    expect((await CourseModule.findOne({ slug: 'going-further' }).lean())?.title).toBe('Going further together');
    expect((await getProgrammeForEditing()).published.title).toBe('Mini Programme, second edition');
    expect(await ProgrammeRevision.countDocuments()).toBe(2);
  });
});

describe('re-import after lessons were changed in the browser', () => {
  it('leaves a lesson alone when only the browser changed it (a published edit, or a pending draft), and says so', async () => {
    const checking = await lessonBySlug('checking');
    await publishContent(checking.id, checking.version, { ...checking.draft, title: 'Checking, published from the browser' }, { kind: 'publish', note: 'Retitled', author });
    const first = await lessonBySlug('first-steps');
    await saveDraft(first.id, first.version, { ...first.draft, title: 'First steps, a draft in the browser' });

    const summary = await run();
    expect(summary).toMatchObject({ created: [], updated: [], unchanged: 4, removed: [], overwritten: [] });
    expect(summary.kept).toEqual([`getting-started/first-steps (${KEPT})`, `getting-started/checking (${KEPT})`]);
    expect((await lessonBySlug('checking')).published?.title).toBe('Checking, published from the browser');
    expect(await lessonRevisions('checking')).toEqual([[1, 'import'], [2, 'publish']]);
    expect((await lessonBySlug('first-steps')).draft.title).toBe('First steps, a draft in the browser');
    expect(await lessonRevisions('first-steps')).toEqual([[1, 'import']]);
  });

  it('publishes a changed file over an untouched lesson without a warning', async () => {
    editFile('01-getting-started/02-checking.md', 'Answer the quiz', 'First answer the quiz');
    const summary = await run();
    expect(summary).toMatchObject({ updated: ['mini-programme/getting-started/checking'], kept: [], overwritten: [] });
    expect(await lessonRevisions('checking')).toEqual([[1, 'import'], [2, 'import']]);
  });

  it('lets the file win when both the file and the browser changed, and names what it overwrote', async () => {
    const checking = await lessonBySlug('checking');
    await publishContent(checking.id, checking.version, { ...checking.draft, title: 'Checking, published from the browser' }, { kind: 'publish', note: 'Retitled', author });
    const first = await lessonBySlug('first-steps');
    await saveDraft(first.id, first.version, { ...first.draft, title: 'First steps, a draft in the browser' });
    editFile('01-getting-started/02-checking.md', 'title: Checking what you learnt', 'title: Checking what you have learnt');
    editFile('01-getting-started/01-first-steps.md', 'title: First steps', 'title: First steps, reviewed');

    const summary = await run();
    expect(summary).toMatchObject({ updated: ['mini-programme/getting-started/first-steps', 'mini-programme/getting-started/checking'], kept: [] });
    expect(summary.overwritten).toEqual(['getting-started/first-steps', 'getting-started/checking']);
    const after = await lessonBySlug('checking');
    expect([after.published?.title, after.draft.title]).toEqual(['Checking what you have learnt', 'Checking what you have learnt']);
    expect(await lessonRevisions('checking')).toEqual([[1, 'import'], [2, 'publish'], [3, 'import']]);
    expect((await lessonBySlug('first-steps')).draft.title).toBe('First steps, reviewed');
    // The file is what the database holds now: the next import has nothing to say.
    expect(await run()).toMatchObject({ updated: [], kept: [], overwritten: [], unchanged: 4 });
  });
});

/**
 * Browser edits of the texts: going-further's title published, a draft of getting-started's intro
 * (whose id it returns) and the programme's summary published.
 */
async function editTextsInBrowser(): Promise<string> {
  await publishModuleTitle('going-further', 'Going further, published from the browser');
  const id = await moduleId('getting-started');
  const m = await getModuleDraft(id);
  await saveModuleDraft(id, m.version, { slug: 'getting-started', ...m.draft, intro: 'A draft intro written in the browser.' });
  const p = await getProgrammeForEditing();
  await publishProgramme(await saveProgrammeDraft(p.version, { ...p.draft, summary: 'Summary published from the browser.' }), 'New summary', author);
  return id;
}

describe('re-import after module and programme texts were changed in the browser', () => {
  it('leaves module and programme texts alone when only the browser changed them, and says so', async () => {
    const id = await editTextsInBrowser();
    const before = await stored();

    const summary = await run();
    expect(summary.kept).toEqual([`mini-programme (programme texts) (${KEPT})`, `getting-started (module texts) (${KEPT})`, `going-further (module texts) (${KEPT})`]);
    expect(summary).toMatchObject({ updated: [], overwritten: [], unchanged: 4 });
    expect(await stored()).toEqual(before);
    expect((await CourseModule.findOne({ slug: 'going-further' }).lean())?.title).toBe('Going further, published from the browser');
    expect((await getModuleDraft(id)).draft.intro).toBe('A draft intro written in the browser.');
    expect((await getProgrammeForEditing()).published.summary).toBe('Summary published from the browser.');
  });

  it('lets a changed module.md or programme.md win over browser changes, and names what it overwrote', async () => {
    const id = await editTextsInBrowser();
    editFile('02-going-further/module.md', 'title: Going further', 'title: Going further, reviewed');
    editFile('01-getting-started/module.md', 'effortHours: 2', 'effortHours: 3');
    editFile('programme.md', 'summary: A two-module', 'summary: A reviewed two-module');

    const summary = await run();
    expect(summary.overwritten).toEqual(['mini-programme (programme texts)', 'getting-started (module texts)', 'going-further (module texts)']);
    expect(summary.kept).toEqual([]);
    const further = await CourseModule.findOne({ slug: 'going-further' }).lean();
    expect([further?.title, further?.draft]).toEqual(['Going further, reviewed', null]);
    expect(await moduleRevisions('going-further')).toEqual([[1, 'import', IMPORT_NOTE], [2, 'publish', 'Retitled'], [3, 'import', IMPORT_NOTE]]);
    const started = await getModuleDraft(id);
    expect([started.hasDraft, started.published.effortHours, started.published.intro]).toEqual([false, 3, 'The intro of the first module.\n\nIt has two paragraphs.']);
    expect((await getProgrammeForEditing()).published.summary).toMatch(/^A reviewed two-module/);
    expect(await run()).toMatchObject({ kept: [], overwritten: [] });
  });

  it('still removes a deleted module only while its texts are as imported', async () => {
    await publishModuleTitle('going-further', 'Going further, published from the browser');
    await run();
    rmSync(src('02-going-further'), { recursive: true });
    const summary = await run();
    expect(summary.removed).toEqual(['mini-programme/going-further/sharing', 'mini-programme/going-further/final-project']);
    expect(summary.kept).toEqual(['going-further (module changed in the browser since the last import; export or delete it in authoring)']);
    expect(await CourseModule.exists({ slug: 'going-further' })).not.toBeNull();
  });
});

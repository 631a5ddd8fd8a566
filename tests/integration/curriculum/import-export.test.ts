/**
 * Import writes idempotently, an edited file updates only its lesson, nothing is written when
 * the files are invalid, and import -> export -> import is lossless (fixture with an image, and the
 * sample programme with its SWOT diagram).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { useCurriculumCopy } from '../../helpers/curriculum-copy.js';
import { clearDatabase } from '../../helpers/db.js';
import { exportCurriculum } from '../../../server/features/curriculum/curriculum-export.service.js';
import { CurriculumValidationError, importCurriculum, IMPORT_NOTE, validateCurriculum } from '../../../server/features/curriculum/curriculum-import.service.js';
import { normalizeContent } from '../../../server/features/curriculum/content-hash.js';
import { LessonRevision } from '../../../server/features/curriculum/lesson-revision.model.js';
import { Lesson } from '../../../server/features/curriculum/lesson.model.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import { Programme } from '../../../server/features/curriculum/programme.model.js';
import { listModules } from '../../../server/features/curriculum/curriculum.service.js';
import { publishContent } from '../../../server/features/curriculum/lesson-store.service.js';
import { createLessonInModule } from '../../../server/features/curriculum/lesson-structure.service.js';
import { createModule } from '../../../server/features/curriculum/structure.service.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = path.resolve(HERE, '..', '..', '..', 'curriculum');
const copy = useCurriculumCopy('atelier-curriculum-');

const run = (root: string) => copy.import({ from: root });
const src = copy.src;

/** Every lesson's published content and bookkeeping, keyed by slug, for before/after comparison. */
async function snapshot() {
  const lessons = await Lesson.find().sort({ slug: 1 }).lean();
  return Object.fromEntries(lessons.map((l) => [l.slug, { content: normalizeContent(l.published), version: l.version, revision: l.publishedRevision, updatedAt: l.updatedAt.getTime() }]));
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(path.join(dir, d.name), base) : [path.relative(base, path.join(dir, d.name))],
  ).sort();
}

describe('curriculum import', () => {
  it('creates the programme, modules, published lessons, revisions and stored resources', async () => {
    const summary = await run(copy.root);
    expect(summary.created).toHaveLength(4);
    expect(await Programme.findOne({ slug: 'mini-programme' }).lean()).toMatchObject({ title: 'Mini Programme' });
    const modules = await CourseModule.find().sort({ order: 1 }).lean();
    expect(modules.map((m) => [m.slug, m.order, m.prerequisites])).toEqual([['getting-started', 1, []], ['going-further', 2, ['getting-started']]]);
    const lesson = await Lesson.findOne({ slug: 'first-steps' }).lean();
    expect(lesson).toMatchObject({ order: 1, version: 1, publishedRevision: 1 });
    expect(lesson?.draftHash).toBe(lesson?.publishedHash);
    const revisions = await LessonRevision.find({ lesson: lesson?._id }).lean();
    expect(revisions.map((r) => [r.number, r.kind, r.note])).toEqual([[1, 'import', IMPORT_NOTE]]);
    const resource = normalizeContent(lesson?.published).blocks.find((b) => b.type === 'resource');
    expect(resource?.type === 'resource' && resource.file.storedName).toMatch(/^[0-9a-f-]{36}\.txt$/);
    if (resource?.type === 'resource') {
      expect(readFileSync(path.join(copy.uploadsDir, resource.file.storedName), 'utf8')).toBe(readFileSync(src('01-getting-started/resources/checklist.txt'), 'utf8'));
    }
  });

  it('changes nothing on a second import', async () => {
    await run(copy.root);
    const before = await snapshot();
    const storedFiles = readdirSync(copy.uploadsDir);
    const summary = await run(copy.root);
    expect(summary).toMatchObject({ created: [], updated: [], unchanged: 4 });
    expect(await snapshot()).toEqual(before);
    expect(await LessonRevision.countDocuments()).toBe(4);
    expect(readdirSync(copy.uploadsDir)).toEqual(storedFiles);
  });

  it('updates only the lesson whose file was edited, as a new revision', async () => {
    await run(copy.root);
    const before = await snapshot();
    const text = readFileSync(src('02-going-further/01-sharing.md'), 'utf8');
    writeFileSync(src('02-going-further/01-sharing.md'), text.replace('Share what you did', 'Tell what you did'));
    const summary = await run(copy.root);
    expect(summary.updated).toEqual(['mini-programme/going-further/sharing']);
    const after = await snapshot();
    for (const slug of ['first-steps', 'checking', 'final-project']) expect(after[slug]).toEqual(before[slug]);
    expect(after.sharing.revision).toBe(2);
    const markdown = after.sharing.content.blocks[0];
    expect(markdown.type === 'text' && markdown.markdown).toContain('Tell what you did');
    const revisions = await LessonRevision.find({ lesson: (await Lesson.findOne({ slug: 'sharing' }))?._id }).sort({ number: 1 }).lean();
    expect(revisions.map((r) => r.number)).toEqual([1, 2]);
  });

  it('stores a changed resource file as a new upload and keeps the old one for history', async () => {
    await run(copy.root);
    writeFileSync(src('01-getting-started/resources/checklist.txt'), 'A new checklist\n');
    const summary = await run(copy.root);
    expect(summary.updated).toEqual(['mini-programme/getting-started/first-steps']);
    expect(readdirSync(copy.uploadsDir)).toHaveLength(2);
  });

  it('writes nothing when any file is invalid, and lists every problem', async () => {
    writeFileSync(src('01-getting-started/quiz.yaml'), readFileSync(src('01-getting-started/quiz.yaml'), 'utf8').replace('passMark: 70', 'passMark: high'));
    writeFileSync(src('02-going-further/01-sharing.md'), readFileSync(src('02-going-further/01-sharing.md'), 'utf8').replace('title: Sharing practice\n', ''));
    const error = await run(copy.root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CurriculumValidationError);
    expect((error as CurriculumValidationError).issues.map((i) => `${path.basename(i.file)}:${i.line}`)).toEqual(['quiz.yaml:3', '01-sharing.md:2']);
    expect(await Programme.countDocuments()).toBe(0);
    expect(await Lesson.countDocuments()).toBe(0);
    expect(existsSync(copy.uploadsDir)).toBe(false);
  });
});

describe('curriculum export', () => {
  it('round-trips the fixture with an image: import -> export -> import changes nothing and exports the same files', async () => {
    const png = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#2a6f4e' } }).png().toBuffer();
    mkdirSync(src('02-going-further/images'));
    writeFileSync(src('02-going-further/images/map.png'), png);
    writeFileSync(src('02-going-further/01-sharing.md'), `${readFileSync(src('02-going-further/01-sharing.md'), 'utf8')}\n![A map of partner libraries](images/map.png)\n`);
    await run(copy.root);
    const before = await snapshot();
    await exportCurriculum(path.join(copy.work, 'out1'), { uploadsDir: copy.uploadsDir });
    expect(listFiles(path.join(copy.work, 'out1', 'mini-programme'))).toEqual(listFiles(src()));
    expect(readFileSync(path.join(copy.work, 'out1', 'mini-programme', '02-going-further', 'images', 'map.png')).equals(png)).toBe(true);
    expect(readFileSync(path.join(copy.work, 'out1', 'mini-programme', '02-going-further', '01-sharing.md'), 'utf8')).toContain('![A map of partner libraries](images/map.png)');
    const again = await run(path.join(copy.work, 'out1'));
    expect(again).toMatchObject({ created: [], updated: [], unchanged: 4 });
    expect(await snapshot()).toEqual(before);
    await exportCurriculum(path.join(copy.work, 'out2'), { uploadsDir: copy.uploadsDir });
    for (const file of listFiles(path.join(copy.work, 'out1'))) {
      expect(readFileSync(path.join(copy.work, 'out2', file)).equals(readFileSync(path.join(copy.work, 'out1', file)))).toBe(true);
    }
  });

  it('leaves out a module never published, even with a published lesson, so importing the export cannot publish it', async () => {
    await run(copy.root);
    const hidden = await createModule({ slug: 'drafted-module', title: 'A module still in draft', intro: 'Not ready.', outcomes: [], effortHours: 1, prerequisites: [] });
    const lesson = await createLessonInModule(String(hidden._id), { slug: 'drafted-lesson', title: 'A lesson in the drafted module' });
    await publishContent(lesson._id, lesson.version, { ...normalizeContent(lesson.draft), title: 'Published inside a draft module' }, { kind: 'publish', note: 'Ready early' });

    const summary = await exportCurriculum(path.join(copy.work, 'out'), { uploadsDir: copy.uploadsDir });
    expect(summary.unpublished).toEqual(['drafted-module']);
    expect(summary.lessons).toBe(4);
    const exported = listFiles(path.join(copy.work, 'out'));
    expect(exported.filter((f) => f.includes('drafted'))).toEqual([]);
    expect(exported).toContain(path.join('mini-programme', '02-going-further', 'module.md'));

    await run(path.join(copy.work, 'out'));
    expect(await CourseModule.findById(hidden._id).lean()).toMatchObject({ neverPublished: true, title: 'A module still in draft' });
    expect((await listModules()).map((m) => m.slug)).toEqual(['getting-started', 'going-further']);
  });

  it('round-trips the sample programme in curriculum/ losslessly', async () => {
    const check = await validateCurriculum(SAMPLE, { maxResourceBytes: 20 * 1024 * 1024 });
    expect(check.issues).toEqual([]);
    await run(SAMPLE);
    const before = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(15);
    const exported = path.join(copy.work, 'sample-out');
    await exportCurriculum(exported, { uploadsDir: copy.uploadsDir });
    // A fresh database importing the export holds the same content (stored names aside).
    await clearDatabase();
    await importCurriculum(exported, { uploadsDir: path.join(copy.work, 'uploads2'), maxResourceBytes: 20 * 1024 * 1024 });
    const after = await snapshot();
    const withoutStoredNames = (s: typeof before) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.content]))).replace(/"storedName":"[^"]+"/g, '"storedName":"-"').replace(/\/curriculum\/assets\/[0-9a-f-]{36}/g, '/curriculum/assets/-'));
    expect(withoutStoredNames(after)).toEqual(withoutStoredNames(before));
    const swot = path.join('library-innovators', '02-strategic-planning', 'images', 'swot-grid.png');
    expect(readFileSync(path.join(exported, swot)).equals(readFileSync(path.join(SAMPLE, swot)))).toBe(true);
  });
});

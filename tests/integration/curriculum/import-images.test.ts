/**
 * Images that lesson Markdown refers to by relative path: checked at import like an author's
 * image upload (inside the programme, present, PNG/JPEG/WebP/GIF on the bytes), stored under
 * uploads/ once, shown through the lesson asset route, and written back by the export.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { buildTestApp } from '../../helpers/app.js';
import { useCurriculumCopy } from '../../helpers/curriculum-copy.js';
import { lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { anonymousAgent, loginAs } from '../../helpers/login.js';
import { CurriculumValidationError } from '../../../server/features/curriculum/curriculum-import.service.js';
import { exportCurriculum } from '../../../server/features/curriculum/curriculum-export.service.js';
import { LessonAsset } from '../../../server/features/curriculum/lesson-asset.model.js';
import { imageSizeLookup } from '../../../server/features/curriculum/lesson-assets.service.js';
import { Lesson } from '../../../server/features/curriculum/lesson.model.js';
import { Programme } from '../../../server/features/curriculum/programme.model.js';

const { app, config } = buildTestApp();
const copy = useCurriculumCopy('atelier-images-', config.uploadsDir);
let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).png().toBuffer();
});

const src = copy.src;
const LESSON = '01-getting-started/01-first-steps.md';
const run = (uploadsDir = config.uploadsDir) => copy.import({ uploadsDir, displayBase: copy.root });

function writeFile(rel: string, data: Buffer | string) {
  mkdirSync(path.dirname(src(rel)), { recursive: true });
  writeFileSync(src(rel), data);
}

/** Appends a line to the lesson's last text chunk; returns that line's number in the file. */
function addLine(line: string): number {
  const text = readFileSync(src(LESSON), 'utf8').trimEnd();
  writeFile(LESSON, `${text}\n\n${line}\n`);
  return text.split('\n').length + 2;
}

async function importProblems() {
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CurriculumValidationError);
  return (error as CurriculumValidationError).issues.map((i) => `${i.file}:${i.line}: ${i.message}`);
}

const markdownOf = async (slug: string) => JSON.stringify((await lessonBySlug(slug)).published);

describe('importing Markdown images', () => {
  it('refuses a missing image, naming the lesson file, the line and the path, and writes nothing', async () => {
    const line = addLine('![The plan](images/missing.png)');
    expect(await importProblems()).toEqual([`mini-programme/${LESSON}:${line}: image file not found: images/missing.png`]);
    expect(await Programme.countDocuments()).toBe(0);
    expect(readdirSync(config.uploadsDir)).toEqual([]);
  });

  it('refuses a .png that is really text, and an SVG', async () => {
    writeFile('01-getting-started/images/fake.png', 'not an image at all\n');
    writeFile('01-getting-started/images/drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const first = addLine('![Fake](images/fake.png)');
    const second = addLine('![Drawing](./images/drawing.svg)');
    expect(await importProblems()).toEqual([
      `mini-programme/${LESSON}:${first}: image file type is not allowed (PNG, JPEG, WebP or GIF; SVG is not accepted): images/fake.png`,
      `mini-programme/${LESSON}:${second}: image file type is not allowed (PNG, JPEG, WebP or GIF; SVG is not accepted): ./images/drawing.svg`,
    ]);
  });

  it('refuses a path that leaves the programme folder', async () => {
    const line = addLine('![Secrets](../../etc/passwd)');
    expect(await importProblems()).toEqual([`mini-programme/${LESSON}:${line}: image path must stay inside the programme folder: ../../etc/passwd`]);
  });

  it('refuses a relative image in a module intro, where it could not be served', async () => {
    writeFile('01-getting-started/images/diagram.png', png);
    const text = readFileSync(src('01-getting-started/module.md'), 'utf8');
    writeFile('01-getting-started/module.md', `${text}\n![Diagram](images/diagram.png)\n`);
    const line = text.split('\n').length + 1;
    expect(await importProblems()).toEqual([
      `mini-programme/01-getting-started/module.md:${line}: images by relative path work only in lesson files (put the image in the module's first lesson): images/diagram.png`,
    ]);
  });

  it('reports an image in a quiz file at its line in that file', async () => {
    const quiz = readFileSync(src('01-getting-started/quiz.yaml'), 'utf8');
    writeFile('01-getting-started/quiz.yaml', quiz.replace('prompt: Which are trends?', 'prompt: Which are trends? ![Chart](images/nope.png)'));
    const line = quiz.split('\n').findIndex((l) => l.includes('Which are trends?')) + 1;
    expect(await importProblems()).toEqual([`mini-programme/01-getting-started/quiz.yaml:${line}: image file not found: images/nope.png`]);
  });

  it('stores an image once under uploads/, points the Markdown at the asset route, and lets only signed-in people see it', async () => {
    writeFile('01-getting-started/images/diagram.png', png);
    writeFile('images/shared.png', png);
    addLine('![A blue test diagram](images/diagram.png)');
    const reflection = readFileSync(src(LESSON), 'utf8').replace('prompt: What would you **try** first?', 'prompt: "What would you **try** first? ![Same diagram](../images/shared.png)"');
    writeFile(LESSON, reflection);
    const summary = await run();
    expect(summary.created).toHaveLength(4);

    const assets = await LessonAsset.find({ kind: 'image' }).lean();
    // The same bytes under two paths are one stored file.
    expect(assets).toHaveLength(1);
    expect(assets[0]).toMatchObject({ originalName: 'diagram.png', mime: 'image/png', size: png.length, width: 40, height: 30 });
    const storedName = assets[0]!.storedName;
    expect(storedName).toMatch(/^[0-9a-f-]{36}\.png$/);
    expect(readFileSync(path.join(config.uploadsDir, storedName)).equals(png)).toBe(true);
    const stored = await markdownOf('first-steps');
    expect(stored).toContain(`![A blue test diagram](/curriculum/assets/${storedName})`);
    expect(stored).toContain(`![Same diagram](/curriculum/assets/${storedName})`);
    expect(stored).not.toContain('images/');
    // What a page needs to give the <img> its width and height.
    const sizeOf = await imageSizeLookup((await lessonBySlug('first-steps')).published);
    expect(sizeOf(`/curriculum/assets/${storedName}`)).toEqual({ width: 40, height: 30 });
    expect(sizeOf('https://example.org/x.png')).toBeUndefined();

    const learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
    const page = await learner.get('/learn/getting-started/first-steps');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`src="/curriculum/assets/${storedName}" alt="A blue test diagram"`);
    const image = await learner.get(`/curriculum/assets/${storedName}`).buffer(true);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.from(image.body as Buffer).equals(png)).toBe(true);
    const anonymous = await anonymousAgent(app);
    const refused = await anonymous.get(`/curriculum/assets/${storedName}`);
    expect(refused.status).toBe(303);
    expect(refused.headers.location).toMatch(/^\/login/);
  });

  it('stores nothing new when the same files are imported again', async () => {
    writeFile('01-getting-started/images/diagram.png', png);
    addLine('![A blue test diagram](images/diagram.png)');
    await run();
    const files = readdirSync(config.uploadsDir).sort();
    const before = await Lesson.findOne({ slug: 'first-steps' }).lean();
    const summary = await run();
    expect(summary).toMatchObject({ created: [], updated: [], removed: [], unchanged: 4 });
    expect(readdirSync(config.uploadsDir).sort()).toEqual(files);
    expect(await LessonAsset.countDocuments({ kind: 'image' })).toBe(1);
    expect((await Lesson.findOne({ slug: 'first-steps' }).lean())?.updatedAt).toEqual(before?.updatedAt);
  });

  it('reads reference-style and <bracketed> paths, and ignores image syntax inside code', async () => {
    writeFile('01-getting-started/images/team photo.png', png);
    addLine('```\n![Not an image](images/missing.png)\n```\n\n![Our team][team] and ![Again](<images/team photo.png>)\n\n[team]: <images/team photo.png>');
    await run();
    const stored = await markdownOf('first-steps');
    const storedName = (await LessonAsset.findOne({ kind: 'image' }).lean())!.storedName;
    expect(stored).toContain('![Not an image](images/missing.png)');
    expect(stored).toContain(`![Again](/curriculum/assets/${storedName})`);
    expect(stored).toContain(`[team]: /curriculum/assets/${storedName}`);
    const out = path.join(copy.work, 'out');
    await exportCurriculum(out, { uploadsDir: config.uploadsDir });
    const lesson = readFileSync(path.join(out, 'mini-programme', LESSON), 'utf8');
    expect(lesson).toContain('![Again](images/team-photo.png)');
    expect(lesson).toContain('[team]: images/team-photo.png');
    expect(readFileSync(path.join(out, 'mini-programme', '01-getting-started', 'images', 'team-photo.png')).equals(png)).toBe(true);
  });

  it('exports images next to the lesson, renaming a different image with a clashing name', async () => {
    writeFile('01-getting-started/images/diagram.png', png);
    const other = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#cc0000' } }).png().toBuffer();
    writeFile('images/diagram.png', other);
    addLine('![Blue](images/diagram.png) and ![Red](../images/diagram.png)');
    await run();
    const out = path.join(copy.work, 'out');
    await exportCurriculum(out, { uploadsDir: config.uploadsDir });
    const moduleDir = path.join(out, 'mini-programme', '01-getting-started');
    expect(readFileSync(path.join(moduleDir, '01-first-steps.md'), 'utf8')).toContain('![Blue](images/diagram.png) and ![Red](images/diagram-2.png)');
    expect(readFileSync(path.join(moduleDir, 'images', 'diagram.png')).equals(png)).toBe(true);
    expect(readFileSync(path.join(moduleDir, 'images', 'diagram-2.png')).equals(other)).toBe(true);
    expect(existsSync(path.join(out, 'mini-programme', 'images'))).toBe(false);
  });
});

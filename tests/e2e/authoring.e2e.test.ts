/**
 * An author edits a lesson of the sample programme in a real browser: opens the module list and
 * the lesson editor, edits a text block, previews it, publishes with a note and checks the
 * history; a learner then sees the new text. The same for a module's introduction (draft, preview,
 * publish, history) and the programme form. Screenshots of every page; axe on each.
 */
import path from 'node:path';
import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embedded/index.js';
import { createUser, type TestUser } from '../helpers/factories/users.js';
import { freshDir, type ServerProcess } from '../helpers/server-process.js';
import { launchBrowser, newPage, signIn, startApp, visit } from './helpers/index.js';

const NEW_SENTENCE = 'In Bitola the library now opens on Saturday mornings for families.';
const LESSON_TITLE = 'Why public libraries innovate';
const LEARNER_URL = '/learn/innovator-mindset/why-libraries-innovate';
const MODULE_SENTENCE = 'Librarians from Shkodër tried this module first, in the spring.';
const MODULE_URL = '/learn/innovator-mindset';

let server: ServerProcess;
let engine: EmbeddedMongo;
let browser: Browser;
let authorPage: Page;
let learnerPage: Page;
let author: TestUser;
let learner: TestUser;
let editorUrl = '';

async function click(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.click(selector)]);
}

beforeAll(async () => {
  const dataDir = freshDir('e2e-authoring-data');
  // First start imports the sample programme into the empty database.
  server = await startApp({ DATA_DIR: dataDir });
  engine = await startEmbeddedMongo({ dbPath: path.join(dataDir, 'db'), port: 0 });
  await mongoose.connect(engine.uri, { dbName: 'atelier' });
  author = await createUser({ name: 'Marija Author', roles: ['author'] });
  learner = await createUser({ name: 'Elira Learner', roles: ['innovator'] });
  browser = await launchBrowser();
  authorPage = await newPage(browser);
  learnerPage = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await mongoose.disconnect();
  await engine?.stop();
  expect(await server?.stop()).toBe(0);
});

describe('an author changes a lesson and a learner sees it', () => {
  it('lists the modules and lessons of the imported sample programme', async () => {
    await signIn(authorPage, server.url, author.email, author.password);
    await visit(authorPage, 'authoring-modules', `${server.url}/authoring`);
    const main = (await authorPage.locator('main').textContent()) ?? '';
    expect(main).toContain('The innovator mindset and the future library');
    expect(main).toContain(LESSON_TITLE);
    await click(authorPage, `a:has-text("${LESSON_TITLE}")`);
    editorUrl = authorPage.url();
    expect(editorUrl).toMatch(/\/authoring\/lessons\/[0-9a-f]{24}$/);
    await visit(authorPage, 'authoring-lesson');
  });

  it('edits a text block and previews it before saving', async () => {
    await click(authorPage, '#block-text-1 a:has-text("Edit")');
    const textarea = authorPage.locator('textarea[name="markdown"]');
    const original = await textarea.inputValue();
    expect(original).toContain('## The library is already changing');
    await textarea.fill(`${original}\n\n${NEW_SENTENCE}`);
    await click(authorPage, 'button[value="preview"]');
    expect(await authorPage.locator('#preview').textContent()).toContain(NEW_SENTENCE);
    await visit(authorPage, 'authoring-editor');
    await click(authorPage, 'button[value="save"]');
    expect(authorPage.url()).toContain(editorUrl);
    expect(await authorPage.locator('.alert-success').textContent()).toContain(
      'Block saved to the draft.',
    );
  });

  it('keeps the change from learners until it is published', async () => {
    await signIn(learnerPage, server.url, learner.email, learner.password);
    await learnerPage.goto(`${server.url}${LEARNER_URL}`);
    expect(await learnerPage.locator('main').textContent()).not.toContain(NEW_SENTENCE);
    await visit(authorPage, 'authoring-preview', `${editorUrl}/preview`);
    expect(await authorPage.locator('main').textContent()).toContain(NEW_SENTENCE);
  });

  it('publishes with a change note; the history shows the revision and its diff', async () => {
    await authorPage.goto(editorUrl);
    await authorPage.fill('input[name="note"]', 'Added the Bitola example');
    await click(authorPage, 'button:has-text("Publish")');
    expect(await authorPage.locator('.alert-success').textContent()).toContain(
      'Published as revision 2',
    );
    await visit(authorPage, 'authoring-history', `${editorUrl}/history`);
    expect(await authorPage.locator('table').textContent()).toContain('Added the Bitola example');
    expect(await authorPage.locator('ins.diff-add').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(NEW_SENTENCE)]),
    );
  });

  it('edits quizzes and rubrics in accessible forms', async () => {
    await authorPage.goto(`${server.url}/authoring`);
    await click(authorPage, 'a:has-text("The library as a third place and community hub")');
    await click(authorPage, '#block-mindset-quiz a:has-text("Edit")');
    expect(await authorPage.locator('input[name="q0_id"]').inputValue()).not.toBe('');
    await visit(authorPage, 'authoring-quiz-editor');
    await authorPage.goBack();
    await click(authorPage, '#block-mindset-assignment a:has-text("Edit")');
    expect(await authorPage.locator('input[name="c0_l0_points"]').inputValue()).toMatch(/^\d+$/);
    await visit(authorPage, 'authoring-rubric-editor');
  });

  it('shows the learner the published text', async () => {
    expect(await learnerText(LEARNER_URL, NEW_SENTENCE)).toContain(NEW_SENTENCE);
    await visit(learnerPage, 'authoring-learner-sees-update');
  });
});

/** The learner's page text, reloaded until it contains `expected` (the outline cache may lag). */
async function learnerText(url: string, expected: string): Promise<string> {
  let text = '';
  for (let attempt = 0; attempt < 10 && !text.includes(expected); attempt++) {
    if (attempt) await learnerPage.waitForTimeout(500);
    await learnerPage.goto(`${server.url}${url}`);
    text = (await learnerPage.locator('main').textContent()) ?? '';
  }
  return text;
}

describe('an author changes a module’s introduction', () => {
  let moduleBase = '';

  it('saves it as a draft that learners do not see, and previews it', async () => {
    await authorPage.goto(`${server.url}/authoring`);
    await click(authorPage, 'a:has-text("Edit module The innovator mindset")');
    moduleBase = authorPage.url().replace(/\/edit$/, '');
    expect(moduleBase).toMatch(/\/authoring\/modules\/[0-9a-f]{24}$/);
    const intro = authorPage.locator('textarea[name="intro"]');
    await intro.fill(`${await intro.inputValue()}\n\n${MODULE_SENTENCE}`);
    await click(authorPage, 'button:has-text("Save draft")');
    expect(await authorPage.locator('.alert-success').textContent()).toContain(
      'Module draft saved.',
    );
    await visit(authorPage, 'authoring-module-edit');
    await learnerPage.goto(`${server.url}${MODULE_URL}`);
    expect(await learnerPage.locator('main').textContent()).not.toContain(MODULE_SENTENCE);
    await visit(authorPage, 'authoring-module-preview', `${moduleBase}/preview`);
    expect(await authorPage.locator('main').textContent()).toContain(MODULE_SENTENCE);
  });

  it('publishes it with a note; the module history shows the diff; learners see it', async () => {
    await authorPage.goto(`${moduleBase}/edit`);
    await authorPage.fill('input[name="note"]', 'Named the pilot library');
    await click(authorPage, 'button:has-text("Publish")');
    expect(await authorPage.locator('.alert-success').textContent()).toContain(
      'Module published as revision 2',
    );
    await visit(authorPage, 'authoring-module-history', `${moduleBase}/history`);
    expect(await authorPage.locator('table').textContent()).toContain('Named the pilot library');
    expect(await authorPage.locator('ins.diff-add').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(MODULE_SENTENCE)]),
    );
    expect(await learnerText(MODULE_URL, MODULE_SENTENCE)).toContain(MODULE_SENTENCE);
    await visit(authorPage, 'authoring-programme', `${server.url}/authoring/programme`);
  });
});

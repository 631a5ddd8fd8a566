/**
 * An innovator submits an assignment with a file, their mentor grades it with the rubric and
 * releases the grade, and the innovator reads the feedback, all in a real browser on the real
 * server with the sample programme. Screenshots of every page; axe on each.
 */
import path from 'node:path';
import mongoose from 'mongoose';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embedded/index.js';
import {
  assignMentor,
  createCohort,
  createUser,
  type TestUser,
} from '../helpers/factories/users.js';
import { freshDir, type ServerProcess } from '../helpers/server-process.js';
import { launchBrowser, newPage, signIn, startApp, visit } from './helpers/index.js';

const ASSIGNMENT = 'mindset-assignment';
const CRITERIA = [
  'community-understanding',
  'trends-and-hub',
  'experiment-design',
  'self-reflection',
];
const FEEDBACK = 'A vivid snapshot: the repair café experiment is small enough to run next month.';

let server: ServerProcess;
let engine: EmbeddedMongo;
let browser: Browser;
let innovatorPage: Page;
let mentorPage: Page;
let innovator: TestUser;
let mentor: TestUser;

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

async function clickAndLoad(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.click(selector)]);
}

beforeAll(async () => {
  const dataDir = freshDir('e2e-grading-data');
  server = await startApp({ DATA_DIR: dataDir, UPLOADS_DIR: freshDir('e2e-grading-uploads') });
  // The server owns the data directory; this connects to its engine to add the people.
  engine = await startEmbeddedMongo({ dbPath: path.join(dataDir, 'db'), port: 0 });
  await mongoose.connect(engine.uri, { dbName: 'atelier' });
  innovator = await createUser({ name: 'Milica Jovanović', roles: ['innovator'], country: 'RS' });
  mentor = await createUser({ name: 'Eleni Georgiou', roles: ['mentor'], country: 'GR' });
  const cohort = await createCohort({
    name: 'Autumn 2026',
    startDate: new Date(Date.now() - 86_400_000),
    members: [innovator.id, mentor.id],
  });
  await assignMentor(cohort.id, innovator.id, mentor.id);
  browser = await launchBrowser();
  innovatorPage = await newPage(browser);
  mentorPage = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await mongoose.disconnect();
  await engine?.stop();
  expect(await server?.stop()).toBe(0);
});

describe('submitting, grading with the rubric, releasing and reading feedback', () => {
  it('the innovator submits an answer with a file', async () => {
    const page = innovatorPage;
    await signIn(page, server.url, innovator.email, innovator.password);
    await visit(page, 'assignments-list', `${server.url}/assignments`);
    expect(await page.locator('main').textContent()).toContain('Not started');
    await clickAndLoad(page, `a[href="/assignments/${ASSIGNMENT}"]`);
    await visit(page, 'assignment-page');
    expect(await page.locator('#time-left').textContent()).toMatch(/days? .*left/);
    await page.fill(
      'textarea[name="text"]',
      '## Our library\n\nThe **Kraljevo** branch is busy with pupils after school.',
    );
    const photo = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#2266aa' },
    })
      .png()
      .toBuffer();
    await page.setInputFiles('input[name="files"]', [
      { name: 'Experiment card.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'reading-room.png', mimeType: 'image/png', buffer: photo },
    ]);
    await clickAndLoad(page, 'button[value="submit"]');
    expect(await page.locator('.flash-region').textContent()).toContain(
      'Version 1 submitted to your mentor.',
    );
    expect(await page.locator('main').textContent()).toContain('Experiment card.pdf');
    await visit(page, 'assignment-submitted');
  });

  it('the mentor grades it with the rubric and releases the grade', async () => {
    const page = mentorPage;
    await signIn(page, server.url, mentor.email, mentor.password);
    await visit(page, 'grading-queue', `${server.url}/grading`);
    expect(await page.locator('#queue-counts').textContent()).toContain('1 waiting');
    await clickAndLoad(page, '#queue a.button');
    expect(await page.locator('.submission-text strong').textContent()).toBe('Kraljevo');
    expect(await page.locator('.file-preview img').count()).toBe(1);
    await visit(page, 'grading-page');
    for (const [i, id] of CRITERIA.entries())
      await page.check(`input[name="level__${id}"][value="${i === 2 ? 1 : 0}"]`);
    await page.fill(
      'textarea[name="comment__experiment-design"]',
      'Set the success condition before you start.',
    );
    await page.fill('textarea[name="feedback"]', FEEDBACK);
    await clickAndLoad(page, 'button[value="accept"]');
    expect(await page.locator('#decision-note').textContent()).toContain('accept, 15 of 16 points');
    await visit(page, 'grading-decided');
    await clickAndLoad(page, 'button:has-text("Release to")');
    expect(await page.locator('#queue-counts').textContent()).toContain('0 waiting');
    await visit(page, 'gradebook-mentor', `${server.url}/gradebook`);
    expect(await page.locator('#gradebook').textContent()).toContain('15/16');
  });

  it('the innovator reads the feedback and the rubric results', async () => {
    const page = innovatorPage;
    await page.goto(`${server.url}/assignments/${ASSIGNMENT}`);
    const main = await page.locator('main').textContent();
    expect(main).toContain(FEEDBACK);
    expect(main).toContain('Accepted: 15 of 16 points');
    expect(main).toContain('Set the success condition before you start.');
    await visit(page, 'assignment-feedback');
    await page.goto(`${server.url}/dashboard`);
    expect(await page.locator('#feedback-title + ul').textContent()).toContain(
      'Accepted, 15 of 16 points',
    );
    await visit(page, 'dashboard-with-feedback');
  });
});

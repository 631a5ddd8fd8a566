/**
 * An innovator submits an assignment with a file, their mentor grades it with the rubric and
 * releases the grade, and the innovator reads the feedback, all in a real browser on the real
 * server with the sample programme. Screenshots of every page; axe on each.
 */
import sharp from 'sharp';
import { clickAndLoad, signIn, visit } from './helpers/index.js';
import { startMentorPair, type MentorPair } from './helpers/mentor-pair.js';

const ASSIGNMENT = 'mindset-assignment';
const CRITERIA = [
  'community-understanding',
  'trends-and-hub',
  'experiment-design',
  'self-reflection',
];
const FEEDBACK = 'A vivid snapshot: the repair café experiment is small enough to run next month.';

let pair: MentorPair;

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

beforeAll(async () => {
  pair = await startMentorPair({
    dirPrefix: 'e2e-grading',
    innovator: { name: 'Milica Jovanović', country: 'RS' },
    mentor: { name: 'Eleni Georgiou', country: 'GR' },
    cohortName: 'Autumn 2026',
  });
});

afterAll(async () => {
  expect(await pair?.stop()).toBe(0);
});

describe('submitting, grading with the rubric, releasing and reading feedback', () => {
  it('the innovator submits an answer with a file', async () => {
    const page = pair.innovatorPage;
    await signIn(page, pair.server.url, pair.innovator.email, pair.innovator.password);
    await visit(page, 'assignments-list', `${pair.server.url}/assignments`);
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
    const page = pair.mentorPage;
    await signIn(page, pair.server.url, pair.mentor.email, pair.mentor.password);
    await visit(page, 'grading-queue', `${pair.server.url}/grading`);
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
    await visit(page, 'gradebook-mentor', `${pair.server.url}/gradebook`);
    expect(await page.locator('#gradebook').textContent()).toContain('15/16');
  });

  it('the innovator reads the feedback and the rubric results', async () => {
    const page = pair.innovatorPage;
    await page.goto(`${pair.server.url}/assignments/${ASSIGNMENT}`);
    const main = await page.locator('main').textContent();
    expect(main).toContain(FEEDBACK);
    expect(main).toContain('Accepted: 15 of 16 points');
    expect(main).toContain('Set the success condition before you start.');
    await visit(page, 'assignment-feedback');
    await page.goto(`${pair.server.url}/dashboard`);
    expect(await page.locator('#feedback-title + ul').textContent()).toContain(
      'Accepted, 15 of 16 points',
    );
    await visit(page, 'dashboard-with-feedback');
  });
});

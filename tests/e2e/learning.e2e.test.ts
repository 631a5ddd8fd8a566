/**
 * A learner goes through the first module of the sample programme in a real browser: a lesson
 * marked complete, a reflection saved, the quiz failed once then passed; the progress bar moves and
 * "continue" points at the next lesson. Screenshots of every page; axe on each.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embedded/index.js';
import { createUser, type TestUser } from '../helpers/factories/users.js';
import { freshDir, ROOT, type ServerProcess } from '../helpers/server-process.js';
import { launchBrowser, newPage, signIn, startApp, visit } from './helpers/index.js';

const MODULE_DIR = path.join(ROOT, 'curriculum', 'library-innovators', '01-innovator-mindset');
const MODULE = 'innovator-mindset';
const NEXT_MODULE_LESSON = '/learn/strategic-planning/environment-scan';

interface QuizQuestion {
  id: string;
  kind: 'single' | 'multiple' | 'truefalse' | 'short';
  options?: { text: string; correct?: boolean }[];
  answer?: boolean;
  accepted?: string[];
  feedback?: string;
}

const quiz = parse(readFileSync(path.join(MODULE_DIR, 'quiz.yaml'), 'utf8')) as {
  questions: QuizQuestion[];
};

let server: ServerProcess;
let engine: EmbeddedMongo;
let browser: Browser;
let page: Page;
let learner: TestUser;

/** Answers every question, rightly or (each one) wrongly, through the form controls. */
async function answerQuiz(right: boolean): Promise<void> {
  for (const q of quiz.questions) {
    const name = `q_${q.id}`;
    if (q.kind === 'short') {
      await page.fill(`input[name="${name}"]`, right ? q.accepted![0]! : 'no idea');
    } else if (q.kind === 'truefalse') {
      await page.check(`input[name="${name}"][value="${String(right ? q.answer : !q.answer)}"]`);
    } else {
      const indexes = q.options!.flatMap((o, i) => ((o.correct ?? false) === right ? [i] : []));
      for (const i of q.kind === 'single' ? indexes.slice(0, 1) : indexes)
        await page.check(`input[name="${name}"][value="${i}"]`);
    }
  }
  await Promise.all([
    page.waitForLoadState('load'),
    page.click('button:has-text("Submit answers")'),
  ]);
}

async function overallProgress(): Promise<number> {
  await page.goto(`${server.url}/dashboard`);
  return Number(await page.locator('progress').first().getAttribute('value'));
}

async function markComplete(): Promise<void> {
  await Promise.all([
    page.waitForLoadState('load'),
    page.click('button:has-text("Mark as complete")'),
  ]);
  expect(await page.locator('.lesson-complete').textContent()).toContain(
    'You completed this lesson.',
  );
}

async function goNext(): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.click('a[rel="next"]')]);
}

beforeAll(async () => {
  const dataDir = freshDir('e2e-learning-data');
  server = await startApp({ DATA_DIR: dataDir });
  // The server owns the data directory; this connects to its engine to add a learner.
  engine = await startEmbeddedMongo({ dbPath: path.join(dataDir, 'db'), port: 0 });
  await mongoose.connect(engine.uri, { dbName: 'atelier' });
  learner = await createUser({ name: 'Vesna Kovač', roles: ['innovator'] });
  browser = await launchBrowser();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await mongoose.disconnect();
  await engine?.stop();
  expect(await server?.stop()).toBe(0);
});

describe('a learner working through a module', () => {
  it('starts from the dashboard with nothing done', async () => {
    await signIn(page, server.url, learner.email, learner.password);
    await visit(page, 'learning-dashboard-new', `${server.url}/dashboard`);
    expect(await page.locator('h1').textContent()).toContain('Welcome, Vesna Kovač');
    expect(await overallProgress()).toBe(0);
    const start = page.locator('#continue-link');
    expect(await start.getAttribute('href')).toBe(`/learn/${MODULE}/why-libraries-innovate`);
    await visit(page, 'learning-module', `${server.url}/learn/${MODULE}`);
  });

  it('reads a lesson and marks it complete; the progress bar moves', async () => {
    await page.goto(`${server.url}/dashboard`);
    await Promise.all([page.waitForLoadState('load'), page.click('#continue-link')]);
    await visit(page, 'learning-lesson');
    expect(await page.locator('.lesson-meta').textContent()).toContain('Lesson 1 of 4');
    await markComplete();
    expect(await overallProgress()).toBe(1);
  });

  it('saves a reflection to the journal with the save button', async () => {
    await page.goto(`${server.url}/learn/${MODULE}/why-libraries-innovate`);
    await goNext();
    const text =
      'Last spring I wanted a repair café but waited for the director. A small first step: ask two volunteers.';
    await page.fill('form[data-autosave] textarea', text);
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('button:has-text("Save reflection")'),
    ]);
    expect(await page.locator('form[data-autosave] textarea').inputValue()).toBe(text);
    await visit(page, 'learning-reflection');
    await markComplete();
    await visit(page, 'learning-journal', `${server.url}/journal`);
    expect(await page.locator('main').textContent()).toContain('repair café');
  });

  it('fails the quiz once with feedback, then passes it and completes the module', async () => {
    await page.goto(`${server.url}/learn/${MODULE}/experimentation-and-failure`);
    await markComplete();
    await goNext();
    expect(await page.locator('.lesson-meta').textContent()).toContain('Lesson 4 of 4');
    // Before submission the quiz carries no answer key and no feedback.
    const before = await page.content();
    for (const q of quiz.questions)
      if (q.feedback) expect(before).not.toContain(q.feedback.slice(0, 60));
    expect(await page.locator('#quiz').innerHTML()).not.toMatch(/correct|accepted/i);

    await answerQuiz(false);
    const result = page.locator('#quiz-result');
    expect(await result.textContent()).toContain('Attempt 1: you scored 0%');
    expect(await result.textContent()).toContain('Not passed yet');
    await visit(page, 'learning-quiz-feedback');

    await answerQuiz(true);
    expect(await page.locator('#quiz-result').textContent()).toContain('You passed this quiz.');
    expect(await page.locator('.lesson-complete').textContent()).toContain(
      'You completed this lesson.',
    );
  });

  it('saves a reflection by itself while the learner types (the optional script)', async () => {
    await page.goto(`${server.url}/learn/${MODULE}/library-as-community-hub`);
    const text = 'Our reading room could host the pensioners\' chess club on Tuesday mornings.';
    await page.locator('form[data-autosave] textarea').pressSequentially(text, { delay: 5 });
    await page.locator('[data-autosave-status]').filter({ hasText: 'Saved automatically' }).waitFor({ timeout: 15_000 });
    await page.reload();
    expect(await page.locator('form[data-autosave] textarea').inputValue()).toBe(text);
  });

  it('shows the progress and points "continue" at the next lesson', async () => {
    expect(await overallProgress()).toBe(4);
    await visit(page, 'learning-dashboard-progress');
    expect(await page.locator('#continue-link').getAttribute('href')).toBe(NEXT_MODULE_LESSON);
    expect(await page.locator('main').textContent()).toContain('4 of 4 lessons completed');
  });
});

/**
 * A mentor sets a weekly cadence for their mentee, the check-in appears on both dashboards, the
 * mentor records notes and an action item, and the innovator ticks it off: real browser, real
 * server, screenshots of every page and axe on each.
 */
import path from 'node:path';
import mongoose from 'mongoose';
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

let server: ServerProcess;
let engine: EmbeddedMongo;
let browser: Browser;
let innovatorPage: Page;
let mentorPage: Page;
let innovator: TestUser;
let mentor: TestUser;
let checkinHref = '';

async function clickAndLoad(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.click(selector)]);
}

beforeAll(async () => {
  const dataDir = freshDir('e2e-checkins-data');
  server = await startApp({ DATA_DIR: dataDir, UPLOADS_DIR: freshDir('e2e-checkins-uploads') });
  engine = await startEmbeddedMongo({ dbPath: path.join(dataDir, 'db'), port: 0 });
  await mongoose.connect(engine.uri, { dbName: 'atelier' });
  innovator = await createUser({ name: 'Jelena Marković', roles: ['innovator'], country: 'RS' });
  mentor = await createUser({ name: 'Arben Hoxha', roles: ['mentor'], country: 'AL' });
  const cohort = await createCohort({
    name: 'Spring 2027',
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

describe('mentor check-ins', () => {
  it('the mentor sets a weekly cadence and sees the next check-in', async () => {
    const page = mentorPage;
    await signIn(page, server.url, mentor.email, mentor.password);
    await visit(page, 'mentoring-overview-empty', `${server.url}/mentoring`);
    await clickAndLoad(page, `a[href="/mentoring/${innovator.id}"]`);
    await visit(page, 'mentoring-mentee');
    // Tomorrow's weekday, so the first check-in is a day away.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const weekday = tomorrow.getUTCDay() === 0 ? 7 : tomorrow.getUTCDay();
    await page.selectOption('#field-everyWeeks', '1');
    await page.selectOption('#field-weekday', String(weekday));
    await page.fill('#field-time', '10:00');
    await page.fill('#field-timeZone', 'Europe/Belgrade');
    await page.fill('#field-meetingUrl', 'https://meet.example.org/jelena');
    await clickAndLoad(page, '#cadence-title ~ form button[type="submit"]');
    expect(await page.locator('.flash-region').textContent()).toContain('Cadence saved');
    expect(await page.locator('#cadence-title + p').textContent()).toContain('Every week on');
    await visit(page, 'mentoring-cadence-saved');
    await page.goto(`${server.url}/mentoring`);
    const link = page.locator('#upcoming-checkins-title + ul a').first();
    expect(await link.textContent()).toContain('Check-in with Jelena Marković');
    checkinHref = (await link.getAttribute('href'))!;
    await visit(page, 'mentoring-overview');
  });

  it('the check-in is on the innovator dashboard and in their notifications', async () => {
    const page = innovatorPage;
    await signIn(page, server.url, innovator.email, innovator.password);
    await page.goto(`${server.url}/dashboard`);
    const panel = page.locator('#checkin-title + p');
    expect(await panel.textContent()).toContain('Check-in with Arben Hoxha');
    expect(await panel.locator('a').getAttribute('href')).toBe(checkinHref);
    await visit(page, 'dashboard-next-checkin');
    await visit(page, 'notifications-inbox', `${server.url}/notifications`);
    expect(await page.locator('main').textContent()).toContain('Check-in with Arben Hoxha on');
    await visit(page, 'notifications-settings', `${server.url}/notifications/settings`);
  });

  it('the mentor records notes and an action item', async () => {
    const page = mentorPage;
    await page.goto(`${server.url}${checkinHref}`);
    await page.fill('#field-sharedNotes', 'We mapped the families who visit on Saturdays.');
    await page.fill('#field-privateNotes', 'Ask about the budget next time.');
    await page.selectOption('#field-mood', 'thriving');
    await page.fill('#field-progress', '35');
    await clickAndLoad(page, '#notes-title ~ form button[type="submit"]');
    expect(await page.locator('.flash-region').textContent()).toContain('Notes saved.');
    await page.fill('#field-text', 'Draft the Saturday reading club poster');
    await page.selectOption('#field-owner', 'innovator');
    await page.fill('#field-dueDate', '2027-04-10');
    await clickAndLoad(page, 'form[action$="/actions"] button[type="submit"]');
    expect(await page.locator('.action-items').textContent()).toContain(
      'Draft the Saturday reading club poster',
    );
    await visit(page, 'checkin-mentor-documented');
  });

  it('the innovator reads the shared notes and ticks the action item', async () => {
    const page = innovatorPage;
    await page.goto(`${server.url}${checkinHref}`);
    const main = await page.locator('main').textContent();
    expect(main).toContain('We mapped the families who visit on Saturdays.');
    expect(main).not.toContain('Ask about the budget');
    await visit(page, 'checkin-innovator');
    await clickAndLoad(page, '.action-items button:has-text("Mark as done")');
    expect(await page.locator('.action-items .badge-success').textContent()).toBe('done');
    await visit(page, 'checkin-innovator-ticked');
  });
});

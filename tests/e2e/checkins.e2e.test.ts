/**
 * A mentor sets a weekly cadence for their mentee, the check-in appears on both dashboards, the
 * mentor records notes and an action item, and the innovator ticks it off: real browser, real
 * server, screenshots of every page and axe on each.
 */
import { clickAndLoad, signIn, visit } from './helpers/index.js';
import { startMentorPair, type MentorPair } from './helpers/mentor-pair.js';

let pair: MentorPair;
let checkinHref = '';

beforeAll(async () => {
  pair = await startMentorPair({
    dirPrefix: 'e2e-checkins',
    innovator: { name: 'Jelena Marković', country: 'RS' },
    mentor: { name: 'Arben Hoxha', country: 'AL' },
    cohortName: 'Spring 2027',
  });
});

afterAll(async () => {
  expect(await pair?.stop()).toBe(0);
});

describe('mentor check-ins', () => {
  it('the mentor sets a weekly cadence and sees the next check-in', async () => {
    const page = pair.mentorPage;
    await signIn(page, pair.server.url, pair.mentor.email, pair.mentor.password);
    await visit(page, 'mentoring-overview-empty', `${pair.server.url}/mentoring`);
    await clickAndLoad(page, `a[href="/mentoring/${pair.innovator.id}"]`);
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
    await page.goto(`${pair.server.url}/mentoring`);
    const link = page.locator('#upcoming-checkins-title + ul a').first();
    expect(await link.textContent()).toContain('Check-in with Jelena Marković');
    checkinHref = (await link.getAttribute('href'))!;
    await visit(page, 'mentoring-overview');
  });

  it('the check-in is on the innovator dashboard and in their notifications', async () => {
    const page = pair.innovatorPage;
    await signIn(page, pair.server.url, pair.innovator.email, pair.innovator.password);
    await page.goto(`${pair.server.url}/dashboard`);
    const panel = page.locator('#checkin-title + p');
    expect(await panel.textContent()).toContain('Check-in with Arben Hoxha');
    expect(await panel.locator('a').getAttribute('href')).toBe(checkinHref);
    await visit(page, 'dashboard-next-checkin');
    await visit(page, 'notifications-inbox', `${pair.server.url}/notifications`);
    expect(await page.locator('main').textContent()).toContain('Check-in with Arben Hoxha on');
    await visit(page, 'notifications-settings', `${pair.server.url}/notifications/settings`);
  });

  it('the mentor records notes and an action item', async () => {
    const page = pair.mentorPage;
    await page.goto(`${pair.server.url}${checkinHref}`);
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
    const page = pair.innovatorPage;
    await page.goto(`${pair.server.url}${checkinHref}`);
    const main = await page.locator('main').textContent();
    expect(main).toContain('We mapped the families who visit on Saturdays.');
    expect(main).not.toContain('Ask about the budget');
    await visit(page, 'checkin-innovator');
    await clickAndLoad(page, '.action-items button:has-text("Mark as done")');
    expect(await page.locator('.action-items .badge-success').textContent()).toBe('done');
    await visit(page, 'checkin-innovator-ticked');
  });
});

import type { Browser, Page } from 'playwright-core';
import type { ServerProcess } from '../helpers/server-process.js';
import { E2E_ADMIN, launchBrowser, newPage, signIn, startApp, visit } from './helpers/index.js';

let server: ServerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
});

describe('home page in a browser', () => {
  it('has its title, landmarks, a sign-in link and no serious accessibility problems', async () => {
    await visit(page, 'home', `${server.url}/`);
    expect(await page.title()).toBe('Atelier: training for library innovators · Atelier');
    expect(await page.locator('header.site-header').count()).toBe(1);
    expect(await page.locator('nav[aria-label="Main"]').count()).toBe(1);
    expect(await page.locator('main#main').count()).toBe(1);
    expect(await page.locator('footer').count()).toBe(1);
    expect(await page.locator('h1').allTextContents()).toEqual(['Training for library innovators']);
    const signIn = page.getByRole('main').getByRole('link', { name: 'Sign in' });
    expect(await signIn.getAttribute('href')).toBe('/login');
  });

  it('styles the page with our own stylesheet (no blocked resources)', async () => {
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(`${server.url}/`);
    // A string runs in the page; our type-check has no DOM library.
    const background = await page.evaluate(
      "getComputedStyle(document.querySelector('header.site-header')).backgroundColor",
    );
    expect(background).toBe('rgb(29, 78, 137)');
    expect(failed).toEqual([]);
  });

  it('lets keyboard users skip to the content', async () => {
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.textContent?.trim()');
    expect(focused).toBe('Skip to main content');
  });

  it('shows a 404 page in the layout', async () => {
    const res = await page.goto(`${server.url}/no-such-page`);
    expect(res?.status()).toBe(404);
    await visit(page, 'not-found');
    expect(await page.locator('h1').textContent()).toBe('Page not found');
  });

  it('fits a phone screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    await visit(phone, 'home-mobile', `${server.url}/`);
    const overflow = await phone.evaluate(
      'document.documentElement.scrollWidth > window.innerWidth',
    );
    expect(overflow).toBe(false);
    await context.close();
  });

  it('greets a signed-in administrator with the navigation of their role', async () => {
    const admin = await newPage(browser);
    await signIn(admin, server.url, E2E_ADMIN.email, E2E_ADMIN.password);
    await visit(admin, 'home-admin', `${server.url}/`);
    const nav = admin.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'People' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    expect(await admin.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await admin.context().close();
  });
});

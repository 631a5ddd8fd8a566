/**
 * Browser-test helpers: the real server built to dist/ (fresh data and uploads directories, a
 * known admin), Debian's chromium through playwright-core, and `visit()` which screenshots a page
 * to docs/screenshots/ and fails on serious or critical axe violations.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, startServerProcess, type ServerProcess } from '../../helpers/server-process.js';

export const E2E_ADMIN = {
  email: 'admin@atelier.test',
  password: 'e2e-admin-password-2026',
  name: 'Ada Admin',
} as const;

export const SCREENSHOTS_DIR = path.join(ROOT, 'docs', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node dist/server/main.js` (scripts/e2e.mjs builds it) in production mode on a free
 * port, with BASE_URL pointing at it so links in mails work. `env` adds or overrides settings.
 */
export async function startApp(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    from: 'dist',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      BASE_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      JOBS_ENABLED: 'false',
      ...env,
    },
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A page in its own browser context (axe needs one; it also keeps cookies apart between people:
 * one context per signed-in person).
 */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

export interface VisitResult {
  screenshot: string;
  violations: number;
}

/**
 * Opens `url` (when given), saves a full-page screenshot as docs/screenshots/<name>.png and runs
 * axe; throws listing every serious or critical violation.
 */
export async function visit(page: Page, name: string, url?: string): Promise<VisitResult> {
  if (url) await page.goto(url, { waitUntil: 'load' });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const screenshot = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
    throw new Error(
      `axe found ${bad.length} serious/critical violation(s) on "${name}":\n${lines.join('\n')}`,
    );
  }
  return { screenshot, violations: results.violations.length };
}

/** Signs in through the real form (the accounts feature's /login). */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
}

/** Clicks `selector` and waits for the page it leads to (a form post or a link) to load. */
export async function clickAndLoad(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.click(selector)]);
}

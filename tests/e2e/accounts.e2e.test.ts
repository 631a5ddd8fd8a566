/**
 * Accounts in a real browser: an admin invites a person, the person opens the link from the
 * Outbox, sets a password and lands on their dashboard; screenshots and axe on the account pages.
 */
import type { Browser, Page } from 'playwright-core';
import type { ServerProcess } from '../helpers/server-process.js';
import { E2E_ADMIN, launchBrowser, newPage, signIn, startApp, visit } from './helpers/index.js';

let server: ServerProcess;
let browser: Browser;
let admin: Page;

const PASSWORD = 'Orchard-lantern-river-26';

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  admin = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
});

it('shows the sign-in page, and a wrong password keeps the person on it with a message', async () => {
  const visitor = await newPage(browser);
  await visit(visitor, 'accounts-sign-in', `${server.url}/login`);
  expect(await visitor.locator('h1').textContent()).toBe('Sign in');
  await visitor.fill('input[name="email"]', E2E_ADMIN.email);
  await visitor.fill('input[name="password"]', 'certainly not the password');
  await Promise.all([visitor.waitForLoadState('load'), visitor.click('button[type="submit"]')]);
  await visit(visitor, 'accounts-sign-in-error');
  expect(await visitor.getByRole('alert').textContent()).toContain(
    'The email or password is not right.',
  );
  await visitor.context().close();
});

it('an admin creates a cohort and sees it', async () => {
  await signIn(admin, server.url, E2E_ADMIN.email, E2E_ADMIN.password);
  await visit(admin, 'accounts-cohort-new', `${server.url}/admin/cohorts/new`);
  await admin.fill('input[name="name"]', 'Autumn 2026');
  await admin.fill('input[name="startDate"]', '2026-09-01');
  await admin.fill('input[name="endDate"]', '2027-02-28');
  await admin.getByLabel('Serbia').check();
  await admin.getByLabel('Albania').check();
  await Promise.all([
    admin.waitForURL('**/admin/cohorts/autumn-2026'),
    admin.getByRole('button', { name: 'Create the cohort' }).click(),
  ]);
  await visit(admin, 'accounts-cohort');
  expect(await admin.locator('h1').textContent()).toBe('Autumn 2026');
});

it('an admin invites a person, who accepts from the Outbox link and lands on their dashboard', async () => {
  await visit(admin, 'accounts-invite', `${server.url}/admin/invitations/new`);
  const one = admin.locator('form[action="/admin/invitations"]');
  await one.getByLabel('Name').fill('Jelena Jovanović');
  await one.getByLabel('Email').fill('jelena@example.org');
  await one.getByLabel('Role').selectOption('innovator');
  await one.getByLabel('Country').selectOption('RS');
  await one.getByLabel('Cohort').selectOption('autumn-2026');
  await Promise.all([
    admin.waitForURL('**/admin/people/*'),
    one.getByRole('button', { name: 'Send the invitation' }).click(),
  ]);
  await visit(admin, 'accounts-person');
  expect(await admin.getByRole('status').first().textContent()).toContain(
    'Invitation sent to jelena@example.org',
  );

  await visit(admin, 'accounts-outbox', `${server.url}/admin/outbox`);
  await Promise.all([
    admin.waitForLoadState('load'),
    admin.getByRole('link', { name: /invitation to Atelier/ }).click(),
  ]);
  await visit(admin, 'accounts-outbox-message');
  const text = (await admin.locator('pre.mail-text').textContent()) ?? '';
  const link = /http:\/\/127\.0\.0\.1:\d+\/invitations\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
  expect(link).toBeDefined();

  const person = await newPage(browser);
  await visit(person, 'accounts-invitation', link);
  await person.locator('#field-newPassword').fill(PASSWORD);
  await person.locator('#field-confirmPassword').fill(PASSWORD);
  await Promise.all([
    person.waitForLoadState('load'),
    person.getByRole('button', { name: 'Create my account' }).click(),
  ]);
  expect(new URL(person.url()).pathname).toBe('/dashboard');
  expect(await person.locator('.account-name').textContent()).toBe('Jelena Jovanović');
  await visit(person, 'accounts-dashboard-after-invitation');

  // The link was single-use.
  await visit(person, 'accounts-invitation-used', link);
  expect(await person.locator('h1').textContent()).toBe(
    'This invitation has already been accepted',
  );

  await visit(person, 'accounts-profile', `${server.url}/profile`);
  await person.getByLabel('Library').fill('Narodna biblioteka Srbije');
  await person.getByLabel('City').fill('Beograd');
  await Promise.all([
    person.waitForLoadState('load'),
    person.getByRole('button', { name: 'Save the profile' }).click(),
  ]);
  expect(await person.getByLabel('Library').inputValue()).toBe('Narodna biblioteka Srbije');
  await person.context().close();
});

it('the people list finds the new person', async () => {
  await visit(admin, 'accounts-people', `${server.url}/admin/people?q=jelena`);
  expect(await admin.getByRole('link', { name: 'Jelena Jovanović' }).count()).toBe(1);
});

/**
 * Signing a test person in through the real sign-in form:
 *   const agent = await loginAs(app, await createUser({ roles: ['mentor'] }));
 * The agent keeps the session cookie and posts forms with CSRF tokens (see csrf.ts).
 */
import type express from 'express';
import { csrfAgent, type CsrfAgent } from './csrf.js';

export async function loginAs(
  app: express.Express,
  user: { email: string; password: string },
): Promise<CsrfAgent> {
  const agent = await csrfAgent(app, '/login');
  const res = await agent.postForm(
    '/login',
    { email: user.email, password: user.password },
    { tokenFrom: '/login' },
  );
  if (res.status !== 303) {
    throw new Error(`loginAs(${user.email}): sign-in answered ${res.status} instead of 303`);
  }
  // Tokens are bound to the session once signed in: read one for it (postMultipart uses it as is).
  await agent.refreshToken('/');
  return agent;
}

/** A visitor who is not signed in but can post forms (CSRF token from `page`). */
export function anonymousAgent(app: express.Express, page = '/login'): Promise<CsrfAgent> {
  return csrfAgent(app, page);
}

/** The name the page header shows for the agent's session (following redirects), or null. */
export async function signedInAs(
  agent: { get(url: string): import('supertest').Test },
  page = '/',
): Promise<string | null> {
  const res = await agent.get(page).set('Accept', 'text/html').redirects(3);
  const match = /<span class="account-name">([^<]*)<\/span>/.exec(res.text);
  return match ? match[1] : null;
}

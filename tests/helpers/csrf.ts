/**
 * A supertest agent that keeps cookies and sends CSRF tokens the way a browser form does:
 *   const agent = await csrfAgent(app);
 *   await agent.postForm('/login', { email, password }).expect(303);
 * Each postForm first loads a page (default '/') to read a fresh token, because the token is bound
 * to the session and signing in or out changes it.
 */
import type express from 'express';
import request from 'supertest';

type Agent = ReturnType<typeof request.agent>;

export interface CsrfAgent extends Agent {
  /** The last token read. */
  csrfToken: string;
  /** GETs `page` (following redirects) and reads its token. */
  refreshToken(page?: string): Promise<string>;
  /** POSTs an urlencoded form with `_csrf` added (from a fresh token unless `refresh: false`). */
  postForm(
    url: string,
    fields?: Record<string, string | string[]>,
    opts?: { tokenFrom?: string; refresh?: boolean },
  ): Promise<request.Response>;
  /** A multipart POST carrying the token in the x-csrf-token header; add `.field()`/`.attach()`. */
  postMultipart(url: string): request.Test;
}

/** Reads the token from `<meta name="csrf-token">` or a hidden `_csrf` input. */
export function extractCsrfToken(html: string): string | undefined {
  return (
    /<meta\s+name="csrf-token"\s+content="([^"]+)"/.exec(html)?.[1] ??
    /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1]
  );
}

export async function csrfAgent(app: express.Express, firstPage = '/'): Promise<CsrfAgent> {
  const agent = request.agent(app) as CsrfAgent;
  agent.csrfToken = '';

  agent.refreshToken = async (page = '/') => {
    const res = await agent.get(page).redirects(5).set('Accept', 'text/html');
    const token = extractCsrfToken(res.text);
    if (!token) throw new Error(`csrfAgent: no CSRF token on ${page} (status ${res.status})`);
    agent.csrfToken = token;
    return token;
  };

  agent.postForm = async (url, fields = {}, opts = {}) => {
    if (opts.refresh !== false || !agent.csrfToken) await agent.refreshToken(opts.tokenFrom ?? '/');
    return agent
      .post(url)
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...fields, _csrf: agent.csrfToken });
  };

  agent.postMultipart = (url) =>
    agent.post(url).set('x-csrf-token', agent.csrfToken).set('Accept', 'text/html');

  await agent.refreshToken(firstPage);
  return agent;
}

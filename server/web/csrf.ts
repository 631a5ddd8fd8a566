/**
 * CSRF protection with csrf-csrf (double submit, HMAC-bound to the session of a signed-in person).
 *
 * Forms send the token as the hidden field `_csrf`; scripts send the `x-csrf-token` header.
 * Multipart forms (file uploads) put the hidden `_csrf` input FIRST in the form: the body parsers
 * do not read multipart bodies, so this middleware reads just that first part (multipart-token.ts),
 * checks it like any other, and hands the untouched body on to multer. A wrong or missing token is
 * refused before any file is written, on every route, whether or not it uses `uploadFiles()`.
 * The `x-csrf-token` header or a `?_csrf=` query parameter also work for multipart requests.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import type { Config } from '../config/env.js';
import { peekMultipartToken } from './multipart-token.js';

export const CSRF_ERROR_CODE = 'EBADCSRFTOKEN';
export const CSRF_COOKIE = 'atelier.csrf';

export interface Csrf {
  /** Checks state-changing requests and exposes `res.locals.csrfToken` for views. */
  middleware: RequestHandler;
}

/** The error csrf-csrf raises for a missing or wrong token (matched by code, not message). */
export function isCsrfError(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { code?: unknown }).code === CSRF_ERROR_CODE
  );
}

function tokenFromQueryOrHeader(req: Request): string | undefined {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string' && header) return header;
  const query = req.query?._csrf;
  return typeof query === 'string' && query ? query : undefined;
}

/** Where the multipart peek leaves the token it read. */
const MULTIPART_TOKEN = Symbol('multipartCsrfToken');
type WithMultipartToken = Request & { [MULTIPART_TOKEN]?: string };

function tokenFromRequest(req: Request): string | undefined {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (typeof body._csrf === 'string' && body._csrf) return body._csrf;
  return tokenFromQueryOrHeader(req) ?? (req as WithMultipartToken)[MULTIPART_TOKEN];
}

const PROTECTED_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createCsrf(config: Config): Csrf {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => config.sessionSecret,
    // Bound to the session once someone is signed in (sign-out invalidates their tokens).
    // Anonymous visitors have no stored session (saveUninitialized: false) so their session id
    // changes on every request; their forms (sign-in, invitation) rely on the plain double-submit
    // cookie plus SameSite=Lax.
    getSessionIdentifier: (req) => (req.user ? `s:${req.sessionID}` : 'anonymous'),
    cookieName: CSRF_COOKIE,
    cookieOptions: {
      sameSite: 'lax',
      path: '/',
      secure: config.baseUrl.startsWith('https://'),
      httpOnly: true,
    },
    getCsrfTokenFromRequest: tokenFromRequest,
    errorConfig: {
      statusCode: 403,
      message: 'This form has expired; reload and try again.',
      code: CSRF_ERROR_CODE,
    },
  });

  function middleware(req: Request, res: Response, next: NextFunction): void {
    let token: string | undefined;
    // Generated lazily (when a page is rendered) so redirects and JSON responses set no cookie.
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get(): string {
        token ??= generateCsrfToken(req, res);
        return token;
      },
    });
    const needsPeek =
      PROTECTED_METHODS.has(req.method) &&
      req.is('multipart/form-data') &&
      !tokenFromQueryOrHeader(req);
    if (!needsPeek) return doubleCsrfProtection(req, res, next);
    peekMultipartToken(req).then((token) => {
      (req as WithMultipartToken)[MULTIPART_TOKEN] = token;
      doubleCsrfProtection(req, res, next);
    }, next);
  }

  return { middleware };
}

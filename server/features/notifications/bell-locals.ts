/**
 * The layout's notification bell: `res.locals.unreadNotifications` for signed-in people.
 *
 * With the embedded engine the count is a cached read (server/db/read-cache.ts): exact on every
 * page, and a query only after one of the person's notifications changed. On MONGODB_URI there is
 * no such cache, so the count is kept in the session for BELL_FRESH_MS: a page view then costs no
 * query for it, and a new notification shows on the bell within half a minute (the inbox itself
 * is always live, and opening it or marking something read recounts at once). When that count is
 * due, a GET starts it at once, alongside the handler's own queries; anything else (a POST that
 * redirects, a JSON answer) counts only if it ends up rendering a page. Either way the count is in
 * place before the view renders.
 */
import type { NextFunction, Request, Response } from 'express';
import { readCachesEnabled } from '../../db/read-cache.js';
import { logger } from '../../lib/logger.js';
import { unreadCount } from './notifications.service.js';

declare module 'express-session' {
  interface SessionData {
    /** The bell's last count and when it was taken (ms since the epoch). */
    bell?: { count: number; at: number };
  }
}

export const BELL_FRESH_MS = 30_000;

/** Makes the next page recount (after the person read or opened notifications). */
export function forgetBellCount(req: Request): void {
  if (req.session) delete req.session.bell;
}

function countFor(userId: string): Promise<number | null> {
  return unreadCount(userId).catch((err: unknown) => {
    // The bell is secondary: a failed count shows no badge rather than failing the page.
    logger.warn({ err }, 'unread notification count failed');
    return null;
  });
}

function fresh(
  bell: { count: number; at: number } | undefined,
  now = Date.now(),
): bell is { count: number; at: number } {
  return !!bell && now >= bell.at && now - bell.at < BELL_FRESH_MS;
}

/** Middleware: sets the bell's unread count for every page rendered to a signed-in person. */
export function bellLocals(req: Request, res: Response, next: NextFunction): void {
  res.locals.unreadNotifications = 0;
  const userId = req.user?.id;
  if (!userId) return next();
  const at = Date.now();
  // Exact counts come from the read cache when the page renders; the session keeps none.
  const exact = readCachesEnabled();
  // A GET with no fresh count starts counting at once, alongside the handler's own queries.
  let pending =
    !exact && !fresh(req.session.bell) && (req.method === 'GET' || req.method === 'HEAD')
      ? countFor(userId)
      : undefined;
  const render = res.render;
  const renderNow = (args: unknown[]) => {
    try {
      Reflect.apply(render, res, args);
    } catch (err) {
      next(err);
    }
  };
  res.render = function renderWithBell(...args: unknown[]): void {
    // Checked again here: the handler may have made the count stale (forgetBellCount).
    const cached = exact ? undefined : req.session.bell;
    if (fresh(cached)) {
      res.locals.unreadNotifications = cached.count;
      return renderNow(args);
    }
    void (pending ??= countFor(userId)).then((unread) => {
      if (unread !== null) {
        res.locals.unreadNotifications = unread;
        if (!exact) req.session.bell = { count: unread, at };
      }
      renderNow(args);
    });
  } as Response['render'];
  next();
}

/**
 * The layout's notification bell: `res.locals.unreadNotifications` for signed-in people.
 * The count (one query on the (user, readAt) index) only matters when a page is rendered, so a
 * GET starts it at once, alongside the handler's own queries, and anything else (a POST that
 * redirects, a JSON answer) counts only if it ends up rendering a page (a form shown again).
 * Either way the count is in place before the view renders.
 */
import type { NextFunction, Request, Response } from 'express';
import { logger } from '../../lib/logger.js';
import { unreadCount } from './notifications.service.js';

function countFor(userId: string): Promise<number> {
  return unreadCount(userId).catch((err: unknown) => {
    // The bell is secondary: a failed count shows no badge rather than failing the page.
    logger.warn({ err }, 'unread notification count failed');
    return 0;
  });
}

/** Middleware: sets the bell's unread count for every page rendered to a signed-in person. */
export function bellLocals(req: Request, res: Response, next: NextFunction): void {
  res.locals.unreadNotifications = 0;
  const userId = req.user?.id;
  if (!userId) return next();
  let pending = req.method === 'GET' || req.method === 'HEAD' ? countFor(userId) : undefined;
  const render = res.render;
  res.render = function renderWithBell(...args: unknown[]): void {
    void (pending ??= countFor(userId)).then((unread) => {
      res.locals.unreadNotifications = unread;
      try {
        Reflect.apply(render, res, args);
      } catch (err) {
        next(err);
      }
    });
  } as Response['render'];
  next();
}

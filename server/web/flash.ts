/**
 * Flash messages kept in the session for post/redirect/get: `req.flash('success', 'Saved.')`
 * before a redirect; the next rendered page shows them once (`res.locals.flash`).
 */
import type { NextFunction, Request, Response } from 'express';
import { logger } from '../lib/logger.js';

export const FLASH_TYPES = ['success', 'error', 'info', 'warning'] as const;
export type FlashType = (typeof FLASH_TYPES)[number];
export type FlashMessages = Partial<Record<FlashType, string[]>>;

export function flash(req: Request, res: Response, next: NextFunction): void {
  let added = false;
  function add(type: FlashType, message: string): void;
  function add(type: FlashType): string[];
  function add(type: FlashType, message?: string): void | string[] {
    if (!req.session) return message === undefined ? [] : undefined;
    const store: FlashMessages = req.session.flash ?? {};
    if (message === undefined) {
      const taken = store[type] ?? [];
      delete store[type];
      req.session.flash = store;
      return taken;
    }
    (store[type] ??= []).push(message);
    req.session.flash = store;
    added = true;
  }
  req.flash = add;

  // express-session saves a changed session while the response ends, after sending the headers:
  // a browser follows a redirect on its headers, so the next page could load the session before
  // the message is stored (and, with the read cache, from the copy read before). A redirect that
  // carries a message therefore waits for the save. (Should the save fail, the redirect still
  // happens: the action is done, only its message may not show.)
  const redirect = res.redirect;
  res.redirect = function redirectAfterSave(...args: unknown[]): void {
    if (!added || !req.session) return void Reflect.apply(redirect, res, args);
    req.session.save((err?: unknown) => {
      if (err) logger.warn({ err }, 'session save before a redirect failed');
      Reflect.apply(redirect, res, args);
    });
  } as Response['redirect'];

  // A getter so messages are consumed only when a page is actually rendered (Express copies
  // res.locals at render time), not by a redirect or a JSON response in between.
  Object.defineProperty(res.locals, 'flash', {
    enumerable: true,
    configurable: true,
    get(): FlashMessages {
      const messages = req.session?.flash ?? {};
      if (req.session?.flash) delete req.session.flash;
      return messages;
    },
  });
  next();
}

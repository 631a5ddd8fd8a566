/**
 * Flash messages kept in the session for post/redirect/get: `req.flash('success', 'Saved.')`
 * before a redirect; the next rendered page shows them once (`res.locals.flash`).
 */
import type { NextFunction, Request, Response } from 'express';

export const FLASH_TYPES = ['success', 'error', 'info', 'warning'] as const;
export type FlashType = (typeof FLASH_TYPES)[number];
export type FlashMessages = Partial<Record<FlashType, string[]>>;

export function flash(req: Request, res: Response, next: NextFunction): void {
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
  }
  req.flash = add;

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

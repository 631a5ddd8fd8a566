/** Values every view can use: the person, their navigation, asset URLs and page defaults. */
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config/env.js';
import { ROLE_LABELS } from '../lib/roles.js';
import { navFor } from './nav.js';

export const PRODUCT_NAME = 'Atelier';

/** Locals that do not depend on the session: set first so that even early errors can render. */
export function baseLocals(config: Config, asset: (name: string) => string) {
  const site = Object.freeze({ name: PRODUCT_NAME, baseUrl: config.baseUrl });
  return function setBaseLocals(req: Request, res: Response, next: NextFunction): void {
    res.locals.asset = asset;
    res.locals.config = site;
    res.locals.site = site;
    res.locals.roleLabels = ROLE_LABELS;
    res.locals.currentPath = req.path;
    res.locals.title = PRODUCT_NAME;
    res.locals.currentUser = null;
    res.locals.nav = [];
    res.locals.flash = {};
    res.locals.csrfToken = '';
    // Form partials read these; a FormError re-render fills them.
    res.locals.fieldErrors = {};
    res.locals.values = {};
    next();
  };
}

/** The signed-in person (passport has run) and the navigation they may see. */
export function userLocals(req: Request, res: Response, next: NextFunction): void {
  res.locals.currentUser = req.user ?? null;
  res.locals.nav = navFor(req.user, req.path);
  next();
}

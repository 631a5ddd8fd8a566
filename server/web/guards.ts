/**
 * Route guards. Every route declares who may use it with these; object-level checks (is this my
 * mentee?) belong in services, which throw NotFoundError so ids are not confirmed.
 */
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../lib/errors.js';
import { hasAnyRole, type Role } from '../lib/roles.js';

/** True when the client wants JSON rather than a page (API paths or an Accept header). */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}

function loginRedirect(req: Request, res: Response): void {
  const next = req.method === 'GET' ? req.originalUrl : '/';
  res.redirect(303, `/login?next=${encodeURIComponent(next)}`);
}

/** Anonymous visitors are sent to sign in (pages) or get a 401 (JSON). */
export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  if (wantsJson(req)) throw new UnauthorizedError();
  loginRedirect(req, res);
}

/** Signed-in people need at least one of `roles`; others get a 403 page. */
export function requireRole(...roles: Role[]) {
  return function roleGuard(req: Request, res: Response, next: NextFunction): void {
    if (!req.user) return requireAuth(req, res, next);
    if (!hasAnyRole(req.user.roles, roles)) throw new ForbiddenError();
    next();
  };
}

/** Whether `user` is the owner of a record or holds one of `roles` (e.g. admin). */
export function isOwnerOrRole(
  user: Express.User | undefined,
  ownerId: unknown,
  ...roles: Role[]
): boolean {
  if (!user) return false;
  if (ownerId !== undefined && ownerId !== null && String(ownerId) === user.id) return true;
  return hasAnyRole(user.roles, roles);
}

const PASSWORD_CHANGE_PATH = '/account/password';
const ALLOWED_WHILE_CHANGING = [PASSWORD_CHANGE_PATH, '/logout', '/healthz'];

/**
 * People whose password must be changed (a one-time admin password) can use nothing else until
 * they change it; assets, sign-out and the health check stay reachable.
 */
export function enforcePasswordChange(req: Request, res: Response, next: NextFunction): void {
  if (!req.user?.mustChangePassword) return next();
  if (ALLOWED_WHILE_CHANGING.includes(req.path) || req.path.startsWith('/assets/')) return next();
  if (wantsJson(req)) throw new ForbiddenError('You must change your password first.');
  res.redirect(303, PASSWORD_CHANGE_PATH);
}

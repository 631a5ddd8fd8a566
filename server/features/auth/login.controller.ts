/** GET/POST /login and POST /logout. */
import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import { FormError } from '../../lib/errors.js';
import { loginSchema } from './auth.schemas.js';
import { parseForm } from '../../web/validate.js';
import type { LoginInfo } from './passport.js';
import { safeNext, signIn, signOut } from './session.js';

const VIEW = { view: 'auth/login', locals: { title: 'Sign in' } };

/** The sign-in page (already signed-in people go straight on). */
export function showLogin(req: Request, res: Response): void {
  const next = safeNext(req.query.next);
  if (req.user) return res.redirect(303, next);
  res.render('auth/login', { title: 'Sign in', values: { next: next === '/' ? '' : next } });
}

function runLocalStrategy(req: Request, res: Response, next: NextFunction) {
  return new Promise<{ user: Express.User | false; info?: LoginInfo }>((resolve, reject) => {
    passport.authenticate(
      'local',
      { session: false },
      (err: unknown, user: Express.User | false, info?: LoginInfo) =>
        err ? reject(err) : resolve({ user, info }),
    )(req, res, next);
  });
}

/** Checks the credentials, rotates the session and goes to `next` (a local path) or home. */
export async function login(req: Request, res: Response, next: NextFunction): Promise<void> {
  const form = parseForm(loginSchema, req.body, { ...VIEW, status: 400 });
  const { user, info } = await runLocalStrategy(req, res, next);
  if (!user) {
    throw new FormError({
      ...VIEW,
      status: 401,
      message: info?.message ?? 'Sign-in failed.',
      fieldErrors: { _form: info?.message ?? 'Sign-in failed.' },
      values: { email: form.email, next: form.next ?? '' },
    });
  }
  await signIn(req, user, info?.sessionVersion ?? 0);
  res.redirect(303, user.mustChangePassword ? '/account/password' : safeNext(form.next));
}

/** Ends the session (in the store too) and clears its cookie. */
export async function logout(req: Request, res: Response): Promise<void> {
  if (req.session) await signOut(req);
  res.clearCookie('atelier.sid');
  res.redirect(303, '/');
}

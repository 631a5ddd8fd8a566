/** Forgotten password (request + reset link) and changing one's password while signed in. */
import type { Request, Response } from 'express';
import { BadRequestError } from '../../lib/errors.js';
import { WrongPasswordError } from './auth.errors.js';
import { changePasswordSchema, forgotSchema, resetSchema } from './auth.schemas.js';
import { fieldError, parseForm } from '../../web/validate.js';
import { changePassword } from './password-change.service.js';
import { requestPasswordReset, resetPassword, resetTokenState } from './password-reset.service.js';
import type { TokenState } from './tokens.js';

const LINK_STATUS: Record<Exclude<TokenState, 'valid'>, number> = {
  invalid: 404,
  used: 410,
  expired: 410,
};

function linkProblem(res: Response, state: Exclude<TokenState, 'valid'>): void {
  res
    .status(LINK_STATUS[state])
    .render('auth/link-problem', { title: 'This link cannot be used', state });
}

export function showForgot(_req: Request, res: Response): void {
  res.render('auth/forgot', { title: 'Forgotten password' });
}

/** Same answer whether or not the email has an account. */
export async function forgot(req: Request, res: Response): Promise<void> {
  const form = parseForm(forgotSchema, req.body, {
    view: 'auth/forgot',
    locals: { title: 'Forgotten password' },
  });
  await requestPasswordReset(form.email);
  res.render('auth/forgot-sent', { title: 'Check your email', email: form.email });
}

export async function showReset(req: Request, res: Response): Promise<void> {
  const state = await resetTokenState(String(req.params.token));
  if (state !== 'valid') return linkProblem(res, state);
  res.render('auth/reset', { title: 'Choose a new password', token: req.params.token });
}

/** Sets the new password; the person then signs in with it (every old session has ended). */
export async function reset(req: Request, res: Response): Promise<void> {
  const token = String(req.params.token);
  const view = { view: 'auth/reset', locals: { title: 'Choose a new password', token } };
  const state = await resetTokenState(token);
  if (state !== 'valid') return linkProblem(res, state);
  const form = parseForm(resetSchema, req.body, view);
  const result = await resetPassword(token, form.newPassword);
  if (result !== 'valid') return linkProblem(res, result);
  req.flash('success', 'Your password has been changed. Sign in with your new password.');
  res.redirect(303, '/login');
}

export function showChangePassword(req: Request, res: Response): void {
  res.render('account/password', {
    title: 'Change your password',
    forced: Boolean(req.user?.mustChangePassword),
  });
}

/** Changes the password; every other session of the person ends, this one stays signed in. */
export async function changeOwnPassword(req: Request, res: Response): Promise<void> {
  const user = req.user as Express.User;
  const view = {
    view: 'account/password',
    locals: { title: 'Change your password', forced: Boolean(user.mustChangePassword) },
  };
  const form = parseForm(changePasswordSchema, req.body, view);
  try {
    req.session.authVersion = await changePassword(user.id, form.currentPassword, form.newPassword);
  } catch (err) {
    if (err instanceof WrongPasswordError) throw fieldError(view, 'currentPassword', err.message);
    if (err instanceof BadRequestError) throw fieldError(view, 'newPassword', err.message);
    throw err;
  }
  req.flash('success', 'Your password has been changed. Your other sessions have been signed out.');
  res.redirect(303, user.mustChangePassword ? '/' : '/profile');
}

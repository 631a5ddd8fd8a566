/** Changing one's email: the request (signed in) and the confirmation link (from the new inbox). */
import type { Request, Response } from 'express';
import { ConflictError, BadRequestError } from '../../lib/errors.js';
import { WrongPasswordError } from './auth.errors.js';
import { changeEmailSchema } from './auth.schemas.js';
import {
  confirmEmailChange,
  emailChangeState,
  requestEmailChange,
} from './email-change.service.js';
import { fieldError, parseForm } from '../../web/validate.js';

const VIEW = { view: 'account/email', locals: { title: 'Change your email' } };

export function showChangeEmail(_req: Request, res: Response): void {
  res.render('account/email', { title: 'Change your email' });
}

export async function changeEmail(req: Request, res: Response): Promise<void> {
  const form = parseForm(changeEmailSchema, req.body, VIEW);
  try {
    await requestEmailChange((req.user as Express.User).id, form.email, form.currentPassword);
  } catch (err) {
    if (err instanceof WrongPasswordError)
      throw fieldError(VIEW, 'currentPassword', err.message, req.body);
    if (err instanceof ConflictError || err instanceof BadRequestError)
      throw fieldError(VIEW, 'email', err.message, req.body);
    throw err;
  }
  req.flash(
    'info',
    `We sent a confirmation link to ${form.email}. Your email changes once you follow it.`,
  );
  res.redirect(303, '/profile');
}

export async function showConfirmEmail(req: Request, res: Response): Promise<void> {
  const { state, newEmail } = await emailChangeState(String(req.params.token));
  if (state !== 'valid') {
    res
      .status(state === 'invalid' ? 404 : 410)
      .render('auth/link-problem', { title: 'This link cannot be used', state });
    return;
  }
  res.render('account/email-confirm', {
    title: 'Confirm your new email',
    newEmail,
    token: req.params.token,
  });
}

export async function confirmEmail(req: Request, res: Response): Promise<void> {
  const state = await confirmEmailChange(String(req.params.token));
  if (state !== 'valid') {
    res
      .status(state === 'invalid' ? 404 : 410)
      .render('auth/link-problem', { title: 'This link cannot be used', state });
    return;
  }
  req.flash('success', 'Your email has been changed. Use the new address to sign in.');
  res.redirect(303, req.user ? '/profile' : '/login');
}

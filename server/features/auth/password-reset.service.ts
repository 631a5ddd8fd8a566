/** Password reset by email: a single-use link (stored hashed) that expires after an hour. */
import { Types } from 'mongoose';
import { BadRequestError } from '../../lib/errors.js';
import { actionMail } from '../mail/mail.templates.js';
import { mailConfig } from '../mail/mail.config.js';
import { sendMail } from '../mail/mail.service.js';
import { accountByEmail, accountById, storePasswordHash } from '../users/credentials.service.js';
import { clearLoginFailures } from './auth.service.js';
import { hashPassword, passwordProblem } from './password.service.js';
import { PasswordReset } from './password-reset.model.js';
import { hashToken, looksLikeToken, newToken, tokenState, type TokenState } from './tokens.js';

export const RESET_TTL_MINUTES = 60;

/**
 * Sends a reset link when an active account has that email; does nothing otherwise. The caller
 * shows the same page either way, and the mail goes out in the background so timing is alike.
 */
export async function requestPasswordReset(email: string, now = new Date()): Promise<void> {
  const account = await accountByEmail(email);
  if (!account || !account.user.active || !account.passwordHash) return;
  const userId = new Types.ObjectId(account.user.id);
  await PasswordReset.updateMany({ user: userId, usedAt: null }, { $set: { usedAt: now } });
  const { token, tokenHash } = newToken();
  await PasswordReset.create({
    tokenHash,
    user: userId,
    expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000),
  });
  const url = `${mailConfig().baseUrl}/password/reset/${token}`;
  const mail = actionMail({
    subject: 'Reset your Atelier password',
    greeting: `Hello ${account.user.name},`,
    paragraphs: [
      'Someone (hopefully you) asked to reset the password of your Atelier account.',
      `The link works once and expires in ${RESET_TTL_MINUTES} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`,
    ],
    action: { label: 'Choose a new password', url },
  });
  await sendMail({ to: account.user.email, kind: 'password-reset', ...mail }, { background: true });
}

async function findReset(token: string) {
  return looksLikeToken(token) ? PasswordReset.findOne({ tokenHash: hashToken(token) }) : null;
}

/** Whether a reset link can still be used. */
export async function resetTokenState(token: string, now = new Date()): Promise<TokenState> {
  return tokenState(await findReset(token), now);
}

/**
 * Sets the new password and uses up the link. Every session of the person ends (the version
 * bump), and a sign-in lock on their email is lifted.
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<TokenState> {
  const reset = await findReset(token);
  const state = tokenState(reset, now);
  if (state !== 'valid' || !reset) return state;
  const problem = passwordProblem(newPassword);
  if (problem) throw new BadRequestError(problem);
  const account = await accountById(String(reset.user));
  if (!account || !account.user.active) return 'invalid';
  // Claim the token first so two concurrent submissions cannot both use it.
  const claimed = await PasswordReset.updateOne(
    { _id: reset._id, usedAt: null },
    { $set: { usedAt: now } },
  );
  if (claimed.modifiedCount !== 1) return 'used';
  await storePasswordHash(account.user.id, await hashPassword(newPassword));
  await clearLoginFailures(account.user.email);
  return 'valid';
}

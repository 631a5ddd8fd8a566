/** Changing one's email: confirmed by a single-use link sent to the NEW address. */
import { Types } from 'mongoose';
import { BadRequestError, ConflictError } from '../../lib/errors.js';
import { actionMail } from '../mail/mail.templates.js';
import { mailConfig } from '../mail/mail.config.js';
import { sendMail } from '../mail/mail.service.js';
import { accountByEmail, accountById, storeEmail } from '../users/credentials.service.js';
import { normaliseEmail } from '../users/users.service.js';
import { WrongPasswordError } from './auth.errors.js';
import { EmailChange } from './email-change.model.js';
import { verifyPassword } from './password.service.js';
import { hashToken, looksLikeToken, newToken, tokenState, type TokenState } from './tokens.js';

export const EMAIL_CHANGE_TTL_HOURS = 24;

/** Checks the current password, then mails a confirmation link to the new address. */
export async function requestEmailChange(
  userId: string,
  newEmail: string,
  currentPassword: string,
  now = new Date(),
): Promise<void> {
  const account = await accountById(userId);
  if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, currentPassword))) {
    throw new WrongPasswordError();
  }
  const email = normaliseEmail(newEmail);
  if (email === account.user.email) throw new BadRequestError('That is already your email.');
  if (await accountByEmail(email))
    throw new ConflictError('Another account already uses that email.');
  const { token, tokenHash } = newToken();
  const user = new Types.ObjectId(userId);
  await EmailChange.updateMany({ user, usedAt: null }, { $set: { usedAt: now } });
  await EmailChange.create({
    tokenHash,
    user,
    newEmail: email,
    expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_HOURS * 3_600_000),
  });
  const mail = actionMail({
    subject: 'Confirm your new email for Atelier',
    greeting: `Hello ${account.user.name},`,
    paragraphs: [
      'You asked to use this address for your Atelier account.',
      `The link works once and expires in ${EMAIL_CHANGE_TTL_HOURS} hours. Until you confirm, your old address stays in use.`,
    ],
    action: {
      label: 'Confirm this email',
      url: `${mailConfig().baseUrl}/account/email/confirm/${token}`,
    },
  });
  await sendMail({ to: email, kind: 'email-change', ...mail });
}

async function findChange(token: string) {
  return looksLikeToken(token) ? EmailChange.findOne({ tokenHash: hashToken(token) }) : null;
}

/** Whether a confirmation link can still be used, and the address it confirms. */
export async function emailChangeState(
  token: string,
  now = new Date(),
): Promise<{ state: TokenState; newEmail?: string }> {
  const change = await findChange(token);
  return { state: tokenState(change, now), newEmail: change?.newEmail };
}

/** Applies the change and uses up the link; ConflictError if the address was taken meanwhile. */
export async function confirmEmailChange(token: string, now = new Date()): Promise<TokenState> {
  const change = await findChange(token);
  const state = tokenState(change, now);
  if (state !== 'valid' || !change) return state;
  const claimed = await EmailChange.updateOne(
    { _id: change._id, usedAt: null },
    { $set: { usedAt: now } },
  );
  if (claimed.modifiedCount !== 1) return 'used';
  await storeEmail(String(change.user), change.newEmail);
  return 'valid';
}

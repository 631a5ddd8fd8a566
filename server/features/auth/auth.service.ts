/**
 * Checking a sign-in. Failures are counted per email address (LoginThrottle), whether or not an
 * account exists, and unknown addresses still pay for an argon2 verification: a locked account
 * and an unknown email look exactly alike from outside.
 */
import { accountByEmail, recordLogin, type Account } from '../users/credentials.service.js';
import { normaliseEmail } from '../users/users.service.js';
import { LoginThrottle } from './login-throttle.model.js';
import { verifyDummy, verifyPassword } from './password.service.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export const LOGIN_MESSAGES = {
  invalid: 'The email or password is not right.',
  locked: `Too many failed attempts. Sign-in for this email is paused for ${LOCK_MINUTES} minutes; you can also reset your password.`,
  deactivated: 'This account has been deactivated. Please contact the programme team.',
} as const;

export type LoginFailure = keyof typeof LOGIN_MESSAGES;
export type LoginResult = { ok: true; account: Account } | { ok: false; reason: LoginFailure };

/** Checks an email and password, counting failures and locking the email after too many. */
export async function authenticate(
  rawEmail: string,
  password: string,
  now = new Date(),
): Promise<LoginResult> {
  const email = normaliseEmail(rawEmail);
  const throttle = await LoginThrottle.findOne({ email }).lean();
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await verifyDummy(password);
    return { ok: false, reason: 'locked' };
  }
  const account = await accountByEmail(email);
  const matches = account?.passwordHash
    ? await verifyPassword(account.passwordHash, password)
    : await verifyDummy(password);
  if (!account || !matches) return { ok: false, reason: await recordFailure(email, now) };
  await LoginThrottle.deleteOne({ email });
  // Checked only after the password, so the message reveals nothing to someone who lacks it.
  if (!account.user.active) return { ok: false, reason: 'deactivated' };
  await recordLogin(account.user.id, now);
  return { ok: true, account };
}

async function recordFailure(email: string, now: Date): Promise<LoginFailure> {
  const row = await LoginThrottle.findOneAndUpdate(
    { email },
    { $inc: { failures: 1 }, $set: { lastFailureAt: now } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  if (row && row.failures >= MAX_FAILED_LOGINS) {
    const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    await LoginThrottle.updateOne({ email }, { $set: { failures: 0, lockedUntil } });
    return 'locked';
  }
  return 'invalid';
}

/** Lifts a lock (after a successful password reset). */
export async function clearLoginFailures(email: string): Promise<void> {
  await LoginThrottle.deleteOne({ email: normaliseEmail(email) });
}

/** When sign-in for an email is paused, or null. */
export async function lockedUntil(email: string, now = new Date()): Promise<Date | null> {
  const row = await LoginThrottle.findOne({ email: normaliseEmail(email) }).lean();
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

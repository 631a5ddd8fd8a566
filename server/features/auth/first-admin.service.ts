/** The first administrator of a fresh install. */
import { randomBytes } from 'node:crypto';
import { addRole } from '../users/people.service.js';
import { countWithRole, createUser, findUserByEmail } from '../users/users.service.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@atelier.local';

export interface FirstAdminResult {
  created: boolean;
  email?: string;
  /** Set when a random one-time password was generated: show it once, never log it. */
  oneTimePassword?: string;
}

/**
 * Creates an admin when there is none: from ADMIN_EMAIL/ADMIN_PASSWORD, or with a random one-time
 * password that must be changed at first sign-in. Does nothing when an admin exists.
 */
export async function ensureFirstAdmin(settings: {
  adminEmail?: string;
  adminPassword?: string;
}): Promise<FirstAdminResult> {
  if ((await countWithRole('admin')) > 0) return { created: false };
  const email = settings.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const existing = await findUserByEmail(email);
  if (existing) {
    // Someone already uses the configured address (e.g. created by a script): promote them.
    await addRole(existing.id, 'admin');
    return { created: true, email };
  }
  const oneTimePassword = settings.adminPassword
    ? undefined
    : randomBytes(15).toString('base64url');
  await createUser({
    email,
    name: 'Administrator',
    roles: ['admin'],
    password: settings.adminPassword ?? oneTimePassword,
    mustChangePassword: !settings.adminPassword,
  });
  return { created: true, email, oneTimePassword };
}

/** Changing one's password while signed in. */
import { accountById, storePasswordHash } from '../users/credentials.service.js';
import { BadRequestError } from '../../lib/errors.js';
import { WrongPasswordError } from './auth.errors.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.service.js';

/**
 * Checks the current password and stores the new one. Returns the new session version: the
 * caller pins it on the current session, so only the person's OTHER sessions end.
 */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<number> {
  const account = await accountById(userId);
  if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, currentPassword))) {
    throw new WrongPasswordError();
  }
  const problem = passwordProblem(newPassword);
  if (problem) throw new BadRequestError(problem);
  if (await verifyPassword(account.passwordHash, newPassword)) {
    throw new BadRequestError('Choose a password different from the current one.');
  }
  return storePasswordHash(userId, await hashPassword(newPassword));
}

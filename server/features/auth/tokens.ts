/** Random single-use tokens for links in mails; only their SHA-256 is ever stored. */
import { createHash, randomBytes } from 'node:crypto';

/** A new URL-safe token (256 bits) and the hash to store. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens are 43 base64url characters; anything else cannot be ours (saves a query). */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type TokenState = 'valid' | 'invalid' | 'used' | 'expired';

/** The state of a stored single-use token row (null: no such token). */
export function tokenState(
  row: { usedAt?: Date | null; expiresAt: Date; replacedAt?: Date | null } | null,
  now = new Date(),
): TokenState {
  if (!row || row.replacedAt) return 'invalid';
  if (row.usedAt) return 'used';
  if (row.expiresAt <= now) return 'expired';
  return 'valid';
}

/**
 * Password hashing (argon2id) and the rules a new password must meet. Passwords are never logged
 * and never leave this module except as hashes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import argon2, { type HashOptions } from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and quick enough on a 2-core server.
const HASH_OPTIONS: HashOptions = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/** argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

/** True when the password matches the hash; false for a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, for unknown emails and locked accounts. */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy password that matches nothing');
  await verifyPassword(await dummyHash, password);
  return false;
}

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!common) {
    // The compiled server runs from dist/, where only .js files are emitted: fall back to the source.
    const here = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));
    const file = existsSync(here) ? here : here.replace(/[\\/]dist[\\/]server[\\/]/, '/server/');
    const lines = readFileSync(file, 'utf8').split('\n');
    common = new Set(
      lines.map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith('#')),
    );
  }
  return common;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/, '');
  const list = commonPasswords();
  if (list.has(lower) || list.has(stem) || new Set(lower).size <= 2) {
    return 'This password is too common or too easy to guess; choose another.';
  }
  return null;
}

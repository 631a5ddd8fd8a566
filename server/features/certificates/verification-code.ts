/** Verification codes: short, unambiguous (no 0/O, 1/I/L) and typed by hand from a printout. */
import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new random code like "K7QM-4XHD-9RTA" (about 59 bits). */
export function newVerificationCode(): string {
  const groups = [0, 1, 2].map(() => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
  return groups.join('-');
}

/** Normalises what someone typed or followed: case, spaces and missing dashes forgiven. */
export function normaliseCode(input: string): string | null {
  const bare = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (bare.length !== 12 || [...bare].some((c) => !ALPHABET.includes(c))) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}`;
}

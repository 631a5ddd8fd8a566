/**
 * Per-IP rate limits on the endpoints an attacker would hammer: sign-in, password reset and
 * invitation acceptance. They complement the per-email lock of auth.service (which stops guessing
 * one account's password from many addresses). In-memory: the platform runs as one process.
 */
import type { NextFunction, Request, Response } from 'express';
import { MemoryStore, rateLimit } from 'express-rate-limit';
import { TooManyRequestsError } from '../../lib/errors.js';

const stores: MemoryStore[] = [];

function limiter(name: string, windowMinutes: number, limit: number, onlyFailures: boolean) {
  const store = new MemoryStore();
  stores.push(store);
  return rateLimit({
    windowMs: windowMinutes * 60_000,
    limit,
    store,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Counting only failed attempts keeps a busy shared library computer usable.
    skipSuccessfulRequests: onlyFailures,
    handler: (_req: Request, _res: Response, next: NextFunction) =>
      next(
        new TooManyRequestsError(
          'Too many attempts from your network. Please wait a few minutes and try again.',
        ),
      ),
  });
}

/** Failed sign-ins: 20 per 15 minutes per IP. */
export const loginLimiter = limiter('login', 15, 20, true);
/** Reset requests: 5 per 15 minutes per IP (each one sends a mail). */
export const forgotLimiter = limiter('forgot', 15, 5, false);
/** Reset-link and invitation submissions that fail: 20 per 15 minutes per IP. */
export const tokenLimiter = limiter('token', 15, 20, true);

/** Forgets every count (tests only: each test should start with a clean slate). */
export async function resetRateLimits(): Promise<void> {
  await Promise.all(stores.map((s) => s.resetAll()));
}

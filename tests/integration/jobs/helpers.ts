/**
 * Shared by the scheduling tests: waiting for a condition without fixed sleeps, and the raw
 * Agenda jobs collection. The SMTP peer lives in tests/helpers/smtp.ts.
 */
import mongoose from 'mongoose';
import { JOBS_COLLECTION } from '../../../server/jobs/agenda.js';

/** Polls `check` until it is true or `timeoutMs` passes; returns the last answer. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** The raw Agenda jobs collection of the test database. */
export function jobs() {
  return mongoose.connection.collection(JOBS_COLLECTION);
}

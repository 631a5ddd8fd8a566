/**
 * Idempotency for jobs: claim a key before doing something that must happen once. A second
 * claim of the same key (a job run twice, a restart mid-run) fails, so the effect is skipped.
 */
import { SentNotification } from './ledger.model.js';

function isDuplicate(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

/** True when this call claimed `key` (first time); false when it was claimed before. */
export async function claimOnce(key: string, ref?: string): Promise<boolean> {
  try {
    await SentNotification.create({ key, ref, state: 'done' });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** The entry for `key`, if any. */
export async function ledgerEntry(key: string) {
  return SentNotification.findOne({ key }).lean();
}

/** Starts a two-step effect: null when someone claimed it before (see ledgerEntry). */
export async function beginOnce(key: string): Promise<boolean> {
  try {
    await SentNotification.create({ key, state: 'claimed' });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** Records the result of a two-step effect. */
export async function finishOnce(key: string, ref: string): Promise<void> {
  await SentNotification.updateOne({ key }, { $set: { state: 'done', ref } });
}

/** Whether `key` was claimed already. */
export async function wasDone(key: string): Promise<boolean> {
  return Boolean(await SentNotification.exists({ key }));
}

/**
 * One delivery attempt of a stored message, recorded so that nothing is ever sent twice: the row
 * is marked 'sending' (attempts+1, attemptedAt) and saved BEFORE the SMTP conversation starts,
 * then 'sent', 'failed' (a clear refusal: retried with backoff) or 'uncertain' (the connection
 * dropped after the hand-off may have happened: never resent automatically).
 */
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { logger } from '../../lib/logger.js';
import { deliver, deliveryUncertain } from './mail.transport.js';
import { OutboxMail, type MailStatus, type OutboxMailDocument } from './outbox-mail.model.js';

/** Attempts after which a message waits for an admin's "retry" on the Outbox page. */
export const MAX_MAIL_ATTEMPTS = 8;

/**
 * How long an attempt may stay 'sending' before it is taken for one a crash cut short. Well
 * above the transport's time-outs (30 s to connect, 60 s of silence), so a live attempt has
 * always finished by then.
 */
export const STALE_SENDING_MS = 15 * 60_000;

const UNCERTAIN_AFTER_CRASH =
  'The sending process stopped during delivery: the message may or may not have reached the mail server. It is not resent automatically.';

/** The Message-ID: derived from the dedupe key when there is one (stable across attempts). */
export function messageIdFor(dedupeKey: string | undefined | null, id: string): string {
  if (!dedupeKey) return `<${id}@atelier>`;
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@atelier>`;
}

/** Runs the SMTP conversation for a row already saved as 'sending' and records the outcome. */
export async function deliverRecorded(mail: OutboxMailDocument): Promise<boolean> {
  try {
    const delivery = await deliver({
      id: String(mail._id),
      messageId: mail.messageId ?? messageIdFor(mail.dedupeKey, String(mail._id)),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? undefined,
      attachments: mail.attachments.map(({ filename, content, contentType }) => ({
        filename,
        content,
        contentType,
      })),
    });
    mail.set({
      status: 'sent',
      sentAt: new Date(),
      nextAttemptAt: null,
      lastError: undefined,
      ...delivery,
    });
    await mail.save();
    return true;
  } catch (err) {
    const uncertain = deliveryUncertain(err);
    const minutes = Math.min(2 ** mail.attempts, 12 * 60);
    const retry = !uncertain && mail.attempts < MAX_MAIL_ATTEMPTS;
    mail.set({
      status: uncertain ? 'uncertain' : 'failed',
      lastError: err instanceof Error ? err.message.slice(0, 500) : String(err),
      nextAttemptAt: retry ? new Date(Date.now() + minutes * 60_000) : null,
    });
    await mail.save();
    if (uncertain)
      logger.error(
        { mailId: mail.id, dedupeKey: mail.dedupeKey, err },
        'mail delivery uncertain (connection lost after the hand-off may have happened): not resent; see the Outbox',
      );
    else logger.warn({ mailId: mail.id, attempts: mail.attempts, err }, 'mail delivery failed');
    return false;
  }
}

/**
 * Claims a stored message for one more attempt (only from the `from` states, atomically, so two
 * callers never both send it) and delivers it; null when it was not in one of those states.
 */
export async function attemptStored(
  id: Types.ObjectId | string,
  from: MailStatus[],
): Promise<boolean | null> {
  const mail = await OutboxMail.findOneAndUpdate(
    { _id: id, status: { $in: from } },
    { $set: { status: 'sending', attemptedAt: new Date() }, $inc: { attempts: 1 } },
    { returnDocument: 'after' },
  );
  return mail ? deliverRecorded(mail) : null;
}

/** Marks attempts left 'sending' past the stale window as 'uncertain'; returns how many. */
export async function markAbandonedSending(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STALE_SENDING_MS);
  const stale = await OutboxMail.find(
    { status: 'sending', attemptedAt: { $lt: before } },
    { _id: 1, dedupeKey: 1 },
  ).lean();
  let marked = 0;
  for (const m of stale) {
    const res = await OutboxMail.updateOne(
      { _id: m._id, status: 'sending', attemptedAt: { $lt: before } },
      { $set: { status: 'uncertain', nextAttemptAt: null, lastError: UNCERTAIN_AFTER_CRASH } },
    );
    if (res.modifiedCount !== 1) continue;
    marked += 1;
    logger.error(
      { mailId: String(m._id), dedupeKey: m.dedupeKey },
      'mail delivery uncertain: a run stopped while sending it; not resent, see the Outbox',
    );
  }
  return marked;
}

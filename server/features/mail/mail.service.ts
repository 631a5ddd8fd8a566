/**
 * Outgoing mail. API for other features:
 *   sendMail({ to, subject, text, html?, kind?, attachments? }, { dedupeKey? }) -> the stored
 *     OutboxMail (status sent|failed|uncertain; a dedupe key sends at most one message)
 *   keyedMail(key), resumeMail(id) -> continue a keyed message after a restart, never twice
 *   retryFailedMail(limit?) -> how many were delivered (call it from a job; idempotent)
 *   listOutbox({ page }), getOutboxMail(id), readEml(mail)
 * Every message is stored before delivery is tried, so a failure keeps it for a later retry, and
 * every attempt is recorded before the SMTP conversation, so a crash never causes a resend.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidObjectId, Types } from 'mongoose';
import { NotFoundError } from '../../lib/errors.js';
import { logger } from '../../lib/logger.js';
import {
  attemptStored,
  deliverRecorded,
  markAbandonedSending,
  messageIdFor,
  STALE_SENDING_MS,
} from './mail.delivery.js';
import { OutboxMail, type MailStatus, type OutboxMailDocument } from './outbox-mail.model.js';
import { outboxDir } from './mail.transport.js';

export type { MailStatus };

export { MAX_MAIL_ATTEMPTS, markAbandonedSending } from './mail.delivery.js';

/** A small text file sent with a mail (e.g. a check-in's .ics), stored with the message. */
export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  /** Every mail has a plain-text part. */
  text: string;
  html?: string;
  kind?: string;
  attachments?: MailAttachment[];
}

export interface SendOptions {
  /**
   * Returns as soon as the message is recorded (so a response's timing does not tell whether a
   * mail was sent, e.g. for password resets).
   */
  background?: boolean;
  /**
   * Sends at most one message for this key, ever: when a message with this key was recorded
   * before, it is returned as it is and nothing is delivered (see resumeMail).
   */
  dedupeKey?: string;
}

const isDuplicate = (err: unknown) => (err as { code?: number } | null)?.code === 11000;

/**
 * Records the message as 'sending', then tries to deliver it once; never throws on delivery
 * failure (the returned row says 'failed' or 'uncertain').
 */
export async function sendMail(
  message: MailMessage,
  opts: SendOptions = {},
): Promise<OutboxMailDocument> {
  const _id = new Types.ObjectId();
  let mail: OutboxMailDocument;
  try {
    mail = await OutboxMail.create({
      _id,
      ...message,
      kind: message.kind ?? 'general',
      ...(opts.dedupeKey ? { dedupeKey: opts.dedupeKey } : {}),
      messageId: messageIdFor(opts.dedupeKey, String(_id)),
      status: 'sending',
      attempts: 1,
      attemptedAt: new Date(),
    });
  } catch (err) {
    const earlier = opts.dedupeKey && isDuplicate(err) ? await keyedMail(opts.dedupeKey) : null;
    if (earlier) return earlier;
    throw err;
  }
  const delivery = deliverRecorded(mail).catch((err: unknown) => {
    logger.error({ err, mailId: mail.id }, 'could not record the mail delivery');
    return false;
  });
  if (!opts.background) await delivery;
  return mail;
}

/** The message recorded under `dedupeKey`, or null. */
export async function keyedMail(dedupeKey: string): Promise<OutboxMailDocument | null> {
  return OutboxMail.findOne({ dedupeKey });
}

/**
 * Continues a recorded message and returns its status, never sending it twice: 'sent' and
 * 'uncertain' stay as they are; 'sending' stays while its attempt may be alive and becomes
 * 'uncertain' once older than the stale window (a crashed run); 'failed' is attempted again.
 * Returns the message as it is afterwards.
 */
export async function resumeMail(id: string, now = new Date()): Promise<OutboxMailDocument> {
  const mail = await getOutboxMail(id);
  if (mail.status === 'sending') {
    const startedAt = mail.attemptedAt?.getTime() ?? mail.updatedAt.getTime();
    if (now.getTime() - startedAt < STALE_SENDING_MS) return mail;
    await markAbandonedSending(now);
  } else if (mail.status === 'failed' || mail.status === 'pending') {
    await attemptStored(mail._id, ['failed', 'pending']);
  }
  return getOutboxMail(id);
}

/** Retries failed messages whose next attempt is due; returns how many went out. */
export async function retryFailedMail(limit = 20, now = new Date()): Promise<number> {
  await markAbandonedSending(now);
  const due = await OutboxMail.find(
    { status: 'failed', nextAttemptAt: { $ne: null, $lte: now } },
    { _id: 1 },
  )
    .sort({ nextAttemptAt: 1 })
    .limit(limit)
    .lean();
  let delivered = 0;
  for (const mail of due) if (await attemptStored(mail._id, ['failed'])) delivered += 1;
  return delivered;
}

/**
 * Sends one message now, whatever its schedule (the Outbox page's button): a failed message, or
 * an 'uncertain' one an admin decided to send again. Sends once even if pressed twice.
 */
export async function retryMailNow(id: string): Promise<MailStatus> {
  const mail = await getOutboxMail(id);
  if (mail.status === 'sent') return 'sent';
  const sent = await attemptStored(mail._id, ['failed', 'pending', 'uncertain']);
  if (sent !== null) return sent ? 'sent' : (await getOutboxMail(id)).status;
  // Another request claimed it first (or it is being sent): it goes out once, from there.
  return (await getOutboxMail(id)).status;
}

/** One page of the outbox, newest first. */
export async function listOutbox({ page = 1, perPage = 50 } = {}) {
  const [items, total] = await Promise.all([
    OutboxMail.find()
      .sort({ createdAt: -1 })
      .skip((page - 1) * perPage)
      .limit(perPage)
      .lean(),
    OutboxMail.countDocuments(),
  ]);
  return { items, total, page, pages: Math.max(1, Math.ceil(total / perPage)) };
}

/** One stored message, or NotFoundError. */
export async function getOutboxMail(id: string): Promise<OutboxMailDocument> {
  const mail = isValidObjectId(id) ? await OutboxMail.findById(id) : null;
  if (!mail) throw new NotFoundError('That message does not exist.');
  return mail;
}

/** The raw .eml written for a message delivered to the outbox directory, or null. */
export async function readEml(mail: Pick<OutboxMailDocument, 'emlFile'>): Promise<Buffer | null> {
  if (!mail.emlFile) return null;
  // The name comes from our own record, but basename() keeps a tampered row inside the folder.
  return readFile(path.join(outboxDir(), path.basename(mail.emlFile))).catch(() => null);
}

/**
 * Outgoing mail. API for other features:
 *   sendMail({ to, subject, text, html?, kind?, attachments? }) -> the stored OutboxMail
 *     (status sent|failed)
 *   retryFailedMail(limit?) -> how many were delivered (call it from a job; idempotent)
 *   listOutbox({ page }), getOutboxMail(id), readEml(mail)
 * Every message is stored before delivery is tried, so a failure keeps it for a later retry.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidObjectId } from 'mongoose';
import { NotFoundError } from '../../lib/errors.js';
import { logger } from '../../lib/logger.js';
import { OutboxMail, type OutboxMailDocument } from './outbox-mail.model.js';
import { deliver, outboxDir } from './mail.transport.js';

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

/** Attempts after which a message waits for an admin's "retry" on the Outbox page. */
export const MAX_MAIL_ATTEMPTS = 8;

/**
 * Records the message, then tries to deliver it once; never throws on delivery failure. With
 * `background`, returns as soon as the message is recorded (so a response's timing does not tell
 * whether a mail was sent, e.g. for password resets).
 */
export async function sendMail(
  message: MailMessage,
  opts: { background?: boolean } = {},
): Promise<OutboxMailDocument> {
  const mail = await OutboxMail.create({ ...message, kind: message.kind ?? 'general' });
  const delivery = attempt(mail).catch((err: unknown) => {
    logger.error({ err, mailId: mail.id }, 'could not record the mail delivery');
    return false;
  });
  if (!opts.background) await delivery;
  return mail;
}

async function attempt(mail: OutboxMailDocument): Promise<boolean> {
  mail.attempts += 1;
  try {
    const delivery = await deliver({
      id: mail.id as string,
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
    const minutes = Math.min(2 ** mail.attempts, 12 * 60);
    mail.set({
      status: 'failed',
      lastError: err instanceof Error ? err.message.slice(0, 500) : String(err),
      nextAttemptAt:
        mail.attempts >= MAX_MAIL_ATTEMPTS ? null : new Date(Date.now() + minutes * 60_000),
    });
    await mail.save();
    logger.warn({ mailId: mail.id, attempts: mail.attempts, err }, 'mail delivery failed');
    return false;
  }
}

/** Retries failed messages whose next attempt is due; returns how many went out. */
export async function retryFailedMail(limit = 20, now = new Date()): Promise<number> {
  const due = await OutboxMail.find({ status: 'failed', nextAttemptAt: { $ne: null, $lte: now } })
    .sort({ nextAttemptAt: 1 })
    .limit(limit);
  let delivered = 0;
  for (const mail of due) if (await attempt(mail)) delivered += 1;
  return delivered;
}

/** Retries one message now (the Outbox page's button), whatever its schedule. */
export async function retryMailNow(id: string): Promise<boolean> {
  const mail = await getOutboxMail(id);
  if (mail.status === 'sent') return true;
  return attempt(mail);
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

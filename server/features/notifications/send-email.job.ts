/**
 * send-email: delivers one email through the mail service, at most once per key, at every
 * instant. The job's key is the outbox message's dedupe key: the message is recorded (as
 * 'sending') before the SMTP conversation, so a second run, or a run after a crash, finds it and
 * continues it instead of sending another. One whose delivery a crash left unknown becomes
 * 'uncertain' and is not resent: an admin decides on the Outbox page.
 */
import { defineJob } from '../../jobs/job-spec.js';
import { beginOnce, finishOnce, ledgerEntry } from '../../jobs/ledger.js';
import { logger } from '../../lib/logger.js';
import {
  keyedMail,
  resumeMail,
  sendMail,
  type MailAttachment,
  type MailMessage,
} from '../mail/mail.service.js';
import type { OutboxMailDocument } from '../mail/outbox-mail.model.js';
import { getUser } from '../users/users.service.js';

export type { MailAttachment };

export interface SendEmailData {
  /** Set by enqueue(): the unique key (also the ledger key). */
  key?: string;
  userId: string;
  kind: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/**
 * A ledger claim older than this with no message recorded is a run that died before recording
 * it, so before any SMTP conversation: safe to continue.
 */
const STALE_CLAIM_MS = 10 * 60_000;

/** Ends this run by the message's state: done, or thrown for Agenda to retry with backoff. */
async function settle(key: string, mail: OutboxMailDocument): Promise<void> {
  await finishOnce(key, mail.id as string);
  if (mail.status === 'sent') return;
  if (mail.status === 'uncertain') {
    logger.warn({ key, mailId: mail.id }, 'send-email: delivery uncertain, left for an admin');
    return;
  }
  if (mail.status === 'sending') throw new Error(`email ${key} is being sent by another run`);
  throw new Error(`mail ${mail.id} not delivered yet: ${mail.lastError ?? mail.status}`);
}

/** Sends (or resumes sending) the email described by `data`. */
export async function runSendEmail(data: SendEmailData): Promise<void> {
  const key = data.key ?? `email:${data.userId}:${data.subject}`;
  const entry = await ledgerEntry(key);
  const recorded = entry?.state === 'done' ? entry.ref : (await keyedMail(key))?.id;
  if (entry?.state === 'done' && (!recorded || recorded === 'skipped')) return;
  if (recorded) {
    const mail = await resumeMail(String(recorded)).catch(() => null);
    return mail ? settle(key, mail) : undefined; // an admin deleted it: nothing left to do
  }
  if (entry?.state === 'claimed') {
    if (Date.now() - entry.createdAt.getTime() < STALE_CLAIM_MS)
      throw new Error(`email ${key} is being sent by another run`);
    logger.warn(
      { key },
      'send-email: continuing a claim left by a run that stopped before sending',
    );
  } else if (!entry && !(await beginOnce(key))) {
    throw new Error(`email ${key} was claimed concurrently`);
  }
  const person = await getUser(data.userId);
  if (!person || !person.active) return finishOnce(key, 'skipped');
  const message: MailMessage = {
    to: person.email,
    subject: data.subject,
    text: data.text,
    html: data.html,
    kind: data.kind,
    ...(data.attachments?.length ? { attachments: data.attachments } : {}),
  };
  return settle(key, await sendMail(message, { dedupeKey: key }));
}

export const sendEmailJob = defineJob<SendEmailData>({
  name: 'send-email',
  handler: (data) => runSendEmail(data),
  maxRetries: 8,
  retryDelay: 60_000,
  concurrency: 10,
});

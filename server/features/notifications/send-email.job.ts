/**
 * send-email: delivers one email through the mail service, exactly once per key. The ledger
 * entry is claimed before sending and records the outbox message afterwards, so a second run (or
 * a run after a restart) finds it and only retries delivery of that stored message.
 */
import { defineJob } from '../../jobs/job-spec.js';
import { beginOnce, finishOnce, ledgerEntry } from '../../jobs/ledger.js';
import { logger } from '../../lib/logger.js';
import {
  getOutboxMail,
  retryMailNow,
  sendMail,
  type MailAttachment,
  type MailMessage,
} from '../mail/mail.service.js';
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

/** A claim older than this without a result is taken to be a run that died before sending. */
const STALE_CLAIM_MS = 10 * 60_000;

async function retryStored(outboxId: string): Promise<void> {
  if (outboxId === 'skipped') return;
  const mail = await getOutboxMail(outboxId).catch(() => null);
  if (!mail || mail.status === 'sent') return;
  // Agenda retries with backoff while the SMTP server is down; the message itself is stored.
  if (!(await retryMailNow(outboxId))) throw new Error(`mail ${outboxId} not delivered yet`);
}

/** Sends (or resumes sending) the email described by `data`. */
export async function runSendEmail(data: SendEmailData): Promise<void> {
  const key = data.key ?? `email:${data.userId}:${data.subject}`;
  const entry = await ledgerEntry(key);
  if (entry?.state === 'done') return retryStored(entry.ref ?? 'skipped');
  if (entry?.state === 'claimed') {
    if (Date.now() - entry.createdAt.getTime() < STALE_CLAIM_MS)
      throw new Error(`email ${key} is being sent by another run`);
    logger.warn({ key }, 'send-email: resuming a claim left by a run that stopped');
  } else if (!(await beginOnce(key))) {
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
  const mail = await sendMail(message);
  await finishOnce(key, String(mail.id));
  if (mail.status !== 'sent')
    throw new Error(`mail ${mail.id} not delivered yet: ${mail.lastError}`);
}

export const sendEmailJob = defineJob<SendEmailData>({
  name: 'send-email',
  handler: (data) => runSendEmail(data),
  maxRetries: 8,
  retryDelay: 60_000,
  concurrency: 10,
});

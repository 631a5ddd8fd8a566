/**
 * Every mail the platform sends, recorded BEFORE delivery is attempted so a crash or an SMTP
 * failure never loses a message; failed rows are retried by retryFailedMail().
 *
 * Each attempt is recorded as 'sending' before the SMTP conversation starts. A row still
 * 'sending' long after (the process died mid-conversation) may or may not have reached the
 * server: it becomes 'uncertain' and is never resent automatically; an admin decides.
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface OutboxAttachmentDoc {
  filename: string;
  content: string;
  contentType: string;
}

export interface OutboxMailDoc {
  _id: Types.ObjectId;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Kept with the message so a retried delivery still carries them. */
  attachments: OutboxAttachmentDoc[];
  /** What kind of mail, e.g. 'invitation', 'password-reset' (for the Outbox page). */
  kind: string;
  /** Set by senders that must send once (a job's key): unique, so a second record cannot exist. */
  dedupeKey?: string;
  /** The Message-ID header; derived from dedupeKey when set, so a mailbox can de-duplicate too. */
  messageId?: string;
  status: MailStatus;
  /** 'smtp' or 'file' (written as .eml under <dataDir>/outbox/ when SMTP_URL is unset). */
  transport?: 'smtp' | 'file';
  emlFile?: string;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: Date | null;
  /** When the last attempt started (a 'sending' row older than the stale window was abandoned). */
  attemptedAt?: Date | null;
  sentAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type OutboxMailDocument = HydratedDocument<OutboxMailDoc>;

const schema = new Schema<OutboxMailDoc>(
  {
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: String,
    attachments: {
      type: [
        new Schema<OutboxAttachmentDoc>(
          {
            filename: { type: String, required: true },
            content: { type: String, required: true },
            contentType: { type: String, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    kind: { type: String, default: 'general' },
    dedupeKey: { type: String },
    messageId: String,
    status: { type: String, enum: MAIL_STATUSES, default: 'pending' },
    transport: { type: String, enum: ['smtp', 'file'] },
    emlFile: String,
    attempts: { type: Number, default: 0 },
    lastError: String,
    nextAttemptAt: { type: Date, default: null },
    attemptedAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true },
);

schema.index({ status: 1, nextAttemptAt: 1 });
schema.index({ createdAt: -1 });
// Partial, not sparse: only keyed mail takes part, however many unkeyed rows there are.
schema.index(
  { dedupeKey: 1 },
  { unique: true, partialFilterExpression: { dedupeKey: { $type: 'string' } } },
);

export const OutboxMail = model<OutboxMailDoc>('OutboxMail', schema);

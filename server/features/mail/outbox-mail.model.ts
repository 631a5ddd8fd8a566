/**
 * Every mail the platform sends, recorded BEFORE delivery is attempted so a crash or an SMTP
 * failure never loses a message; failed rows are retried by retryFailedMail().
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
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
  status: MailStatus;
  /** 'smtp' or 'file' (written as .eml under <dataDir>/outbox/ when SMTP_URL is unset). */
  transport?: 'smtp' | 'file';
  emlFile?: string;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: Date | null;
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
    status: { type: String, enum: MAIL_STATUSES, default: 'pending' },
    transport: { type: String, enum: ['smtp', 'file'] },
    emlFile: String,
    attempts: { type: Number, default: 0 },
    lastError: String,
    nextAttemptAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true },
);

schema.index({ status: 1, nextAttemptAt: 1 });
schema.index({ createdAt: -1 });

export const OutboxMail = model<OutboxMailDoc>('OutboxMail', schema);

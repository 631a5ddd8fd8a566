/**
 * What jobs have done, one row per unique key (e.g. `reminder:<innovator>:<assignment>:<due>:3d`).
 * The unique index is what makes a job safe to run twice or after a crash.
 */
import { Schema, model, type Types } from 'mongoose';

export interface LedgerEntryDoc {
  _id: Types.ObjectId;
  key: string;
  /** 'claimed' while the effect is under way, 'done' once it happened. */
  state: 'claimed' | 'done';
  /** What the effect produced (e.g. the outbox mail id), for a re-run to pick up. */
  ref?: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<LedgerEntryDoc>(
  {
    key: { type: String, required: true, unique: true },
    state: { type: String, enum: ['claimed', 'done'], default: 'claimed' },
    ref: String,
  },
  { timestamps: true },
);

export const SentNotification = model<LedgerEntryDoc>('SentNotification', schema);

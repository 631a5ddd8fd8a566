/** One in-app notification (the inbox). `key` is unique: notifying twice creates one row. */
import { Schema, model, type Types } from 'mongoose';
import { DELIVERY_MODES, NOTIFICATION_KINDS, type DeliveryMode } from './notification-kinds.js';

export interface NotificationDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  kind: string;
  key: string;
  title: string;
  /** Plain text; the email carries the same words. */
  body: string;
  /** Site path the notification leads to, e.g. /checkins/<id>. */
  url?: string;
  delivery: DeliveryMode;
  readAt: Date | null;
  /** Set when its email was queued (email mode) or included in a daily digest (digest mode). */
  emailedAt: Date | null;
  createdAt: Date;
}

const schema = new Schema<NotificationDoc>(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    key: { type: String, required: true, unique: true },
    title: { type: String, required: true, maxlength: 300 },
    body: { type: String, default: '', maxlength: 20_000 },
    url: String,
    delivery: { type: String, enum: DELIVERY_MODES, default: 'email' },
    readAt: { type: Date, default: null },
    emailedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

schema.index({ user: 1, createdAt: -1 });
schema.index({ user: 1, readAt: 1 });
schema.index({ delivery: 1, emailedAt: 1 });

export const Notification = model<NotificationDoc>('Notification', schema);

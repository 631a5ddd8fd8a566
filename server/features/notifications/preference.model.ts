/** A person's choice for one kind of notification; no row means the default (email too). */
import { Schema, model, type Types } from 'mongoose';
import { DELIVERY_MODES, NOTIFICATION_KINDS, type DeliveryMode } from './notification-kinds.js';

export interface PreferenceDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  kind: string;
  mode: DeliveryMode;
}

const schema = new Schema<PreferenceDoc>(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    mode: { type: String, enum: DELIVERY_MODES, required: true },
  },
  { timestamps: true },
);

schema.index({ user: 1, kind: 1 }, { unique: true });

export const NotificationPreference = model<PreferenceDoc>('NotificationPreference', schema);

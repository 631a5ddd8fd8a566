/** A pending change of email address, confirmed by a link sent to the new address. */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';

export interface EmailChangeDoc {
  _id: Types.ObjectId;
  tokenHash: string;
  user: Types.ObjectId;
  newEmail: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

export type EmailChangeDocument = HydratedDocument<EmailChangeDoc>;

const schema = new Schema<EmailChangeDoc>(
  {
    tokenHash: { type: String, required: true, unique: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    newEmail: { type: String, required: true, lowercase: true, trim: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

schema.index({ user: 1 });

export const EmailChange = model<EmailChangeDoc>('EmailChange', schema);

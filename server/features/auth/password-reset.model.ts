/** A single-use password reset link; only the token's SHA-256 is stored. */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';

export interface PasswordResetDoc {
  _id: Types.ObjectId;
  tokenHash: string;
  user: Types.ObjectId;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

export type PasswordResetDocument = HydratedDocument<PasswordResetDoc>;

const schema = new Schema<PasswordResetDoc>(
  {
    tokenHash: { type: String, required: true, unique: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

schema.index({ user: 1 });

export const PasswordReset = model<PasswordResetDoc>('PasswordReset', schema);

/**
 * Failed sign-ins counted per email address, whether or not an account exists for it, so a locked
 * account and an unknown address behave exactly alike (no hint that the email exists).
 */
import { Schema, model, type Types } from 'mongoose';

export interface LoginThrottleDoc {
  _id: Types.ObjectId;
  email: string;
  failures: number;
  lockedUntil: Date | null;
  /** Swept by a TTL index a day after the last failure. */
  lastFailureAt: Date;
}

const schema = new Schema<LoginThrottleDoc>({
  email: { type: String, required: true, unique: true, lowercase: true, trim: true },
  failures: { type: Number, default: 0 },
  lockedUntil: { type: Date, default: null },
  lastFailureAt: { type: Date, required: true },
});

schema.index({ lastFailureAt: 1 }, { expireAfterSeconds: 24 * 60 * 60 });

export const LoginThrottle = model<LoginThrottleDoc>('LoginThrottle', schema);

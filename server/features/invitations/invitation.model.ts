/**
 * A single-use link to join. Only the SHA-256 of the token is stored, so a database leak does not
 * leak usable links. A re-invite sets replacedAt on the older rows of the same user.
 */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';
import { ROLES, type Role } from '../../lib/roles.js';

export interface InvitationDoc {
  _id: Types.ObjectId;
  tokenHash: string;
  user: Types.ObjectId;
  email: string;
  name: string;
  role: Role;
  country?: string;
  cohort?: Types.ObjectId | null;
  invitedBy?: Types.ObjectId | null;
  expiresAt: Date;
  usedAt: Date | null;
  replacedAt: Date | null;
  createdAt: Date;
}

export type InvitationDocument = HydratedDocument<InvitationDoc>;

const schema = new Schema<InvitationDoc>(
  {
    tokenHash: { type: String, required: true, unique: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, enum: ROLES, required: true },
    country: { type: String },
    cohort: { type: Schema.Types.ObjectId, ref: 'Cohort', default: null },
    invitedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    replacedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

schema.index({ user: 1 });

export const Invitation = model<InvitationDoc>('Invitation', schema);

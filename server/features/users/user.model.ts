/** A person on the platform. Flat schema only: rules live in users.service.ts. */
import { Schema, model, type HydratedDocument, type Types } from 'mongoose';
import { ROLES, type Role } from '../../lib/roles.js';

export interface UserProfile {
  library?: string;
  city?: string;
  /** The person's own country (a code from lib/countries.ts or 'other'). */
  country?: string;
  languages: string[];
  bio?: string;
  /** Stored file name of the 256px avatar under <uploadsDir>/avatars/. */
  photo?: string;
  /** Preferred interface language (stored now, used later). */
  locale?: string;
  /** IANA time zone dates are shown in; unset = the platform's DEFAULT_TIMEZONE. */
  timeZone?: string;
}

export interface UserDoc {
  _id: Types.ObjectId;
  email: string;
  name: string;
  /** argon2id hash; null until the person accepts their invitation. */
  passwordHash: string | null;
  roles: Role[];
  /** Ambassadors: the countries they follow. Everyone else: their own country. */
  countries: string[];
  profile: UserProfile;
  active: boolean;
  mustChangePassword: boolean;
  /** Bumped to end every other session (password reset/change, deactivation). */
  sessionVersion: number;
  invitedAt?: Date;
  activatedAt?: Date;
  lastLoginAt?: Date;
  deactivatedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type UserDocument = HydratedDocument<UserDoc>;

const profileSchema = new Schema<UserProfile>(
  {
    library: { type: String, trim: true, maxlength: 200 },
    city: { type: String, trim: true, maxlength: 120 },
    country: { type: String, trim: true, maxlength: 10 },
    languages: { type: [String], default: [] },
    bio: { type: String, trim: true, maxlength: 1000 },
    photo: { type: String },
    locale: { type: String, maxlength: 10 },
    timeZone: { type: String, maxlength: 64 },
  },
  { _id: false },
);

const userSchema = new Schema<UserDoc>(
  {
    email: {
      type: String,
      required: true,
      unique: true,
      lowercase: true,
      trim: true,
      maxlength: 254,
    },
    name: { type: String, required: true, trim: true, maxlength: 120 },
    passwordHash: { type: String, default: null },
    roles: { type: [String], enum: ROLES, default: [] },
    countries: { type: [String], default: [] },
    profile: { type: profileSchema, default: () => ({ languages: [] }) },
    active: { type: Boolean, default: true },
    mustChangePassword: { type: Boolean, default: false },
    sessionVersion: { type: Number, default: 0 },
    invitedAt: Date,
    activatedAt: Date,
    lastLoginAt: Date,
    deactivatedAt: Date,
  },
  { timestamps: true },
);

userSchema.index({ roles: 1 });
userSchema.index({ 'profile.country': 1 });

export const User = model<UserDoc>('User', userSchema);

/**
 * People. API for other features (all ids are strings):
 *   getUser(id) -> PublicUser | null          requireUser(id) -> PublicUser (NotFoundError)
 *   getUsers(ids) -> PublicUser[]              findUserByEmail(email) -> PublicUser | null
 *   ambassadorCountries(userId) -> string[]    ([] unless the person is an ambassador)
 *   innovatorsInCountries(countries) -> ids    (active innovators whose own country is listed)
 *   toSessionUser(user) -> Express.User
 * Who-mentors-whom, cohorts and listInnovators() live in ../cohorts/cohorts.service.ts.
 */
import { isValidObjectId, type Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Role } from '../../lib/roles.js';
import { hashPassword } from '../auth/password.service.js';
import { User, type UserDoc, type UserProfile } from './user.model.js';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  countries: string[];
  /** The person's own country, '' when unknown. */
  country: string;
  profile: UserProfile;
  active: boolean;
  /** Invited but has not set a password yet. */
  pending: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  lastLoginAt?: Date;
}

type StoredUser = Omit<UserDoc, '_id'> & { _id: Types.ObjectId };

/** The shape other features see: never the password hash. */
export function toPublicUser(u: StoredUser): PublicUser {
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    roles: [...u.roles],
    countries: [...u.countries],
    country: u.profile?.country ?? '',
    profile: { ...u.profile, languages: [...(u.profile?.languages ?? [])] },
    active: u.active,
    pending: !u.passwordHash,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
  };
}

/** What passport keeps on req.user for the length of a request. */
export function toSessionUser(u: PublicUser): Express.User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    countries: u.countries,
    locale: u.profile.locale,
    timeZone: u.profile.timeZone,
    mustChangePassword: u.mustChangePassword,
  };
}

/** A person by id, or null (also for a malformed id). */
export async function getUser(id: string): Promise<PublicUser | null> {
  if (!isValidObjectId(id)) return null;
  const u = await User.findById(id).lean<StoredUser>();
  return u ? toPublicUser(u) : null;
}

/** A person by id, or NotFoundError. */
export async function requireUser(id: string): Promise<PublicUser> {
  const user = await getUser(id);
  if (!user) throw new NotFoundError('That person does not exist.');
  return user;
}

/** Several people by id, in no particular order; unknown ids are skipped. */
export async function getUsers(ids: string[]): Promise<PublicUser[]> {
  const valid = ids.filter((id) => isValidObjectId(id));
  if (valid.length === 0) return [];
  const rows = await User.find({ _id: { $in: valid } }).lean<StoredUser[]>();
  return rows.map(toPublicUser);
}

/** A person by email (case-insensitive), or null. */
export async function findUserByEmail(email: string): Promise<PublicUser | null> {
  const u = await User.findOne({ email: normaliseEmail(email) }).lean<StoredUser>();
  return u ? toPublicUser(u) : null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  country?: string;
  /** Followed countries for ambassadors; defaults to [country]. */
  countries?: string[];
  /** Omit for an invited person who will choose their own. */
  password?: string;
  mustChangePassword?: boolean;
  invited?: boolean;
}

/** Creates a person; ConflictError when the email is taken. */
export async function createUser(input: NewUser): Promise<PublicUser> {
  const email = normaliseEmail(input.email);
  if (await User.exists({ email }))
    throw new ConflictError('Someone with that email already has an account.');
  const now = new Date();
  const doc = await User.create({
    email,
    name: input.name.trim(),
    roles: [...new Set(input.roles)],
    countries: input.countries ?? (input.country ? [input.country] : []),
    profile: { country: input.country, languages: [] },
    passwordHash: input.password ? await hashPassword(input.password) : null,
    mustChangePassword: input.mustChangePassword ?? false,
    invitedAt: input.invited ? now : undefined,
    activatedAt: input.password ? now : undefined,
  });
  return toPublicUser(doc.toObject());
}

/** Ambassadors' followed countries ([] for anyone who is not an ambassador). */
export async function ambassadorCountries(userId: string): Promise<string[]> {
  const user = await getUser(userId);
  return user?.roles.includes('ambassador') ? user.countries : [];
}

/** Ids of active innovators whose own country is one of `countries`. */
export async function innovatorsInCountries(countries: string[]): Promise<string[]> {
  if (countries.length === 0) return [];
  const rows = await User.find(
    { roles: 'innovator', active: true, 'profile.country': { $in: countries } },
    { _id: 1 },
  ).lean();
  return rows.map((r) => String(r._id));
}

/** Number of people holding a role (first-start check for an admin). */
export function countWithRole(role: Role): Promise<number> {
  return User.countDocuments({ roles: role });
}

/** Active innovators, optionally limited to ids and/or own countries, sorted by name. */
export async function findInnovators(opts: {
  ids?: string[];
  countries?: string[];
  q?: string;
}): Promise<PublicUser[]> {
  const query: Record<string, unknown> = { roles: 'innovator', active: true };
  if (opts.ids) query._id = { $in: opts.ids.filter((id) => isValidObjectId(id)) };
  if (opts.countries) query['profile.country'] = { $in: opts.countries };
  if (opts.q) query.name = new RegExp(opts.q.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const rows = await User.find(query).sort({ name: 1 }).lean<StoredUser[]>();
  return rows.map(toPublicUser);
}

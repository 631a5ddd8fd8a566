/** Admin management of people: the list with its filters, roles, countries, (de)activation. */
import type { QueryFilter } from 'mongoose';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import type { Role } from '../../lib/roles.js';
import { User, type UserDoc } from './user.model.js';
import { toPublicUser, type PublicUser } from './users.service.js';

export interface PeopleFilter {
  q?: string;
  role?: Role;
  country?: string;
  /** Restrict to these ids (e.g. the members of a cohort). */
  ids?: string[];
  status?: 'active' | 'pending' | 'deactivated';
  page?: number;
  perPage?: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toQuery(f: PeopleFilter): QueryFilter<UserDoc> {
  const query: QueryFilter<UserDoc> = {};
  if (f.q) {
    const re = new RegExp(escapeRegex(f.q.trim()), 'i');
    query.$or = [{ name: re }, { email: re }, { 'profile.library': re }, { 'profile.city': re }];
  }
  if (f.role) query.roles = f.role;
  if (f.country)
    query.$and = [{ $or: [{ 'profile.country': f.country }, { countries: f.country }] }];
  if (f.ids) query._id = { $in: f.ids };
  if (f.status === 'deactivated') query.active = false;
  if (f.status === 'active') Object.assign(query, { active: true, passwordHash: { $ne: null } });
  if (f.status === 'pending') Object.assign(query, { active: true, passwordHash: null });
  return query;
}

/** One page of people matching the filter, sorted by name. */
export async function listPeople(f: PeopleFilter) {
  const page = Math.max(1, f.page ?? 1);
  const perPage = f.perPage ?? 50;
  const query = toQuery(f);
  const [rows, total] = await Promise.all([
    User.find(query)
      .sort({ name: 1 })
      .skip((page - 1) * perPage)
      .limit(perPage)
      .lean(),
    User.countDocuments(query),
  ]);
  return {
    people: rows.map(toPublicUser),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / perPage)),
  };
}

/** All active people holding a role (for selects on admin pages), sorted by name. */
export async function peopleWithRole(role: Role): Promise<PublicUser[]> {
  const rows = await User.find({ roles: role, active: true }).sort({ name: 1 }).lean();
  return rows.map(toPublicUser);
}

/**
 * Deactivates or reactivates a person. Deactivation bumps the session version, which ends every
 * session they hold; their work stays untouched.
 */
export async function setActive(userId: string, active: boolean, actorId?: string): Promise<void> {
  if (!active && actorId === userId)
    throw new BadRequestError('You cannot deactivate your own account.');
  const update = active
    ? { $set: { active: true }, $unset: { deactivatedAt: 1 } }
    : { $set: { active: false, deactivatedAt: new Date() }, $inc: { sessionVersion: 1 } };
  const res = await User.updateOne({ _id: userId }, update);
  if (res.matchedCount === 0) throw new NotFoundError('That person does not exist.');
}

/** Replaces a person's roles. An admin cannot remove their own admin role (no lock-out). */
export async function setRoles(userId: string, roles: Role[], actorId?: string): Promise<void> {
  if (actorId === userId && !roles.includes('admin')) {
    throw new BadRequestError('You cannot remove your own administrator role.');
  }
  const res = await User.updateOne({ _id: userId }, { $set: { roles: [...new Set(roles)] } });
  if (res.matchedCount === 0) throw new NotFoundError('That person does not exist.');
}

/** Sets the countries an ambassador follows. */
export async function setAmbassadorCountries(userId: string, countries: string[]): Promise<void> {
  const user = await User.findById(userId);
  if (!user) throw new NotFoundError('That person does not exist.');
  if (!user.roles.includes('ambassador'))
    throw new BadRequestError('Only ambassadors follow countries.');
  user.countries = [...new Set(countries)];
  await user.save();
}

/** Adds one country to an ambassador's list (idempotent). */
export async function addAmbassadorCountry(userId: string, country: string): Promise<void> {
  const user = await User.findById(userId);
  if (!user || !user.roles.includes('ambassador'))
    throw new NotFoundError('That ambassador does not exist.');
  if (!user.countries.includes(country)) {
    user.countries.push(country);
    await user.save();
  }
}

/** Adds a role to a person (idempotent). */
export async function addRole(userId: string, role: Role): Promise<void> {
  await User.updateOne({ _id: userId }, { $addToSet: { roles: role } });
}

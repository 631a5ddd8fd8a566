/**
 * Test people, cohorts and mentoring, stored in the real test database. Hashing with argon2 is
 * deliberately slow, so each distinct password is hashed once per test file.
 */
import { Types } from 'mongoose';
import type { Role } from '../../../server/lib/roles.js';
import { hashPassword } from '../../../server/features/auth/password.service.js';
import { Cohort } from '../../../server/features/cohorts/cohort.model.js';
import { MentorAssignment } from '../../../server/features/cohorts/mentor-assignment.model.js';
import { User } from '../../../server/features/users/user.model.js';

export const DEFAULT_PASSWORD = 'Plum-orchard-lantern-42';

const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

let counter = 0;

export interface UserOverrides {
  email?: string;
  name?: string;
  roles?: Role[];
  password?: string;
  country?: string;
  countries?: string[];
  active?: boolean;
  /** Invited, no password yet. */
  pending?: boolean;
  mustChangePassword?: boolean;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  roles: Role[];
}

/** A person (an innovator from Serbia unless told otherwise) who can sign in. */
export async function createUser(o: UserOverrides = {}): Promise<TestUser> {
  counter += 1;
  const roles = o.roles ?? ['innovator'];
  const password = o.password ?? DEFAULT_PASSWORD;
  const country = o.country ?? 'RS';
  const doc = await User.create({
    email: o.email ?? `${roles[0] ?? 'person'}${counter}@example.org`,
    name: o.name ?? `${roles[0] ?? 'Person'} ${counter}`,
    roles,
    countries: o.countries ?? [country],
    profile: { country, languages: [] },
    passwordHash: o.pending ? null : await cachedHash(password),
    active: o.active ?? true,
    mustChangePassword: o.mustChangePassword ?? false,
  });
  return { id: String(doc._id), email: doc.email, name: doc.name, password, roles };
}

/** A cohort holding `members`. */
export async function createCohort(
  o: {
    name?: string;
    slug?: string;
    countries?: string[];
    members?: string[];
    startDate?: Date;
  } = {},
) {
  counter += 1;
  const startDate = o.startDate ?? new Date('2026-09-01T00:00:00Z');
  const cohort = await Cohort.create({
    name: o.name ?? `Cohort ${counter}`,
    slug: o.slug ?? `cohort-${counter}`,
    startDate,
    endDate: new Date(startDate.getTime() + 180 * 86_400_000),
    countries: o.countries ?? ['RS', 'AL'],
    members: (o.members ?? []).map((id) => new Types.ObjectId(id)),
  });
  return { id: String(cohort._id), slug: cohort.slug, name: cohort.name };
}

/** Makes `mentorId` the current mentor of `innovatorId` in the cohort. */
export async function assignMentor(
  cohortId: string,
  innovatorId: string,
  mentorId: string,
): Promise<void> {
  await MentorAssignment.create({
    cohort: new Types.ObjectId(cohortId),
    innovator: new Types.ObjectId(innovatorId),
    mentor: new Types.ObjectId(mentorId),
    assignedAt: new Date(),
  });
}

/**
 * Invitations: an admin invites a person (created at once, without a password, so cohorts and
 * mentors can be arranged before they accept); the mail carries a single-use link that expires.
 * Re-inviting replaces the previous link.
 */
import { Types } from 'mongoose';
import { BadRequestError, ConflictError } from '../../lib/errors.js';
import type { Role } from '../../lib/roles.js';
import { hashPassword, passwordProblem } from '../auth/password.service.js';
import {
  hashToken,
  looksLikeToken,
  newToken,
  tokenState,
  type TokenState,
} from '../auth/tokens.js';
import { addMembers, getCohortBySlug } from '../cohorts/cohorts.service.js';
import { sendMail } from '../mail/mail.service.js';
import type { OutboxMailDocument } from '../mail/outbox-mail.model.js';
import { accountById, storeName, storePasswordHash } from '../users/credentials.service.js';
import { addRole } from '../users/people.service.js';
import { createUser, findUserByEmail, getUser, type PublicUser } from '../users/users.service.js';
import { Invitation, type InvitationDocument } from './invitation.model.js';
import { invitationMail } from './invitation.mail.js';

export interface InviteInput {
  email: string;
  name: string;
  role: Role;
  country?: string;
  /** Slug of the cohort to join, if any. */
  cohort?: string;
  invitedBy?: string;
  ttlDays: number;
}

export interface InviteResult {
  user: PublicUser;
  mail: OutboxMailDocument;
}

/** Invites one person (or re-invites someone who has not accepted yet). */
export async function invite(input: InviteInput, now = new Date()): Promise<InviteResult> {
  const cohort = input.cohort ? await getCohortBySlug(input.cohort).catch(() => null) : null;
  if (input.cohort && !cohort) throw new BadRequestError(`There is no cohort "${input.cohort}".`);
  let user = await findUserByEmail(input.email);
  if (user && !user.pending) throw new ConflictError(`${user.email} already has an account.`);
  if (!user) {
    user = await createUser({
      email: input.email,
      name: input.name,
      roles: [input.role],
      country: input.country,
      invited: true,
    });
  } else {
    await addRole(user.id, input.role);
  }
  if (cohort) await addMembers(cohort.id, [user.id]);
  const mail = await issueLink(user, { ...input, cohortId: cohort?.id }, now);
  return { user, mail };
}

/** Sends a new link to someone who has not accepted yet; the old link stops working. */
export async function reinvite(
  userId: string,
  invitedBy: string | undefined,
  ttlDays: number,
  now = new Date(),
): Promise<InviteResult> {
  const user = await getUser(userId);
  if (!user) throw new BadRequestError('That person does not exist.');
  if (!user.pending) throw new ConflictError(`${user.name} has already accepted and can sign in.`);
  const last = await Invitation.findOne({ user: new Types.ObjectId(userId) })
    .sort({ createdAt: -1 })
    .lean();
  const mail = await issueLink(
    user,
    {
      email: user.email,
      name: user.name,
      role: last?.role ?? user.roles[0] ?? 'innovator',
      country: user.country || undefined,
      cohortId: last?.cohort ? String(last.cohort) : undefined,
      invitedBy,
      ttlDays,
    },
    now,
  );
  return { user, mail };
}

async function issueLink(
  user: PublicUser,
  input: Omit<InviteInput, 'cohort'> & { cohortId?: string },
  now: Date,
): Promise<OutboxMailDocument> {
  const userId = new Types.ObjectId(user.id);
  await Invitation.updateMany(
    { user: userId, usedAt: null, replacedAt: null },
    { $set: { replacedAt: now } },
  );
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + input.ttlDays * 86_400_000);
  await Invitation.create({
    tokenHash,
    user: userId,
    email: user.email,
    name: input.name,
    role: input.role,
    country: input.country,
    cohort: input.cohortId ? new Types.ObjectId(input.cohortId) : null,
    invitedBy: input.invitedBy ? new Types.ObjectId(input.invitedBy) : null,
    expiresAt,
  });
  return sendMail({
    to: user.email,
    kind: 'invitation',
    ...invitationMail(user.name, token, expiresAt),
  });
}

async function findInvitation(token: string): Promise<InvitationDocument | null> {
  return looksLikeToken(token) ? Invitation.findOne({ tokenHash: hashToken(token) }) : null;
}

/** The state of an invitation link, and the invitation when it can be used. */
export async function invitationState(
  token: string,
  now = new Date(),
): Promise<{ state: TokenState; name?: string; email?: string }> {
  const invitation = await findInvitation(token);
  const state = tokenState(invitation, now);
  if (state !== 'valid' || !invitation) return { state };
  const user = await getUser(String(invitation.user));
  if (!user || !user.active) return { state: 'invalid' };
  return { state, name: user.name, email: user.email };
}

/**
 * Accepts an invitation: sets the name and password and uses up the link. Returns the person and
 * the session version to sign them in with, or the link's state when it cannot be used.
 */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string },
  now = new Date(),
): Promise<
  | { state: 'valid'; user: PublicUser; sessionVersion: number }
  | { state: Exclude<TokenState, 'valid'> }
> {
  const { state } = await invitationState(token, now);
  if (state !== 'valid') return { state };
  const problem = passwordProblem(input.password);
  if (problem) throw new BadRequestError(problem);
  const invitation = (await findInvitation(token)) as InvitationDocument;
  // Claim the link first so two submissions cannot both use it.
  const claimed = await Invitation.updateOne(
    { _id: invitation._id, usedAt: null, replacedAt: null },
    { $set: { usedAt: now } },
  );
  if (claimed.modifiedCount !== 1) return { state: 'used' };
  const userId = String(invitation.user);
  await storeName(userId, input.name);
  const sessionVersion = await storePasswordHash(userId, await hashPassword(input.password));
  const account = await accountById(userId);
  return { state: 'valid', user: account!.user, sessionVersion };
}

/** The latest invitation of each of these people (for the people pages). */
export async function latestInvitations(
  userIds: string[],
): Promise<Map<string, { expiresAt: Date; usedAt: Date | null; createdAt: Date }>> {
  const rows = await Invitation.find({ user: { $in: userIds.map((id) => new Types.ObjectId(id)) } })
    .sort({ createdAt: 1 })
    .lean();
  const latest = new Map<string, { expiresAt: Date; usedAt: Date | null; createdAt: Date }>();
  for (const r of rows)
    latest.set(String(r.user), {
      expiresAt: r.expiresAt,
      usedAt: r.usedAt,
      createdAt: r.createdAt,
    });
  return latest;
}

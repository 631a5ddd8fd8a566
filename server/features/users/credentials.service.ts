/**
 * The parts of an account that only the auth feature touches: password hash, session version,
 * email address. Kept apart from users.service so the hash never travels with PublicUser.
 */
import { isValidObjectId, Types } from 'mongoose';
import { namespaceOf, ReadCache } from '../../db/read-cache.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { User } from './user.model.js';
import { normaliseEmail, toPublicUser, type PublicUser } from './users.service.js';

export interface Account {
  user: PublicUser;
  passwordHash: string | null;
  sessionVersion: number;
}

async function load(query: Record<string, unknown>): Promise<Account | null> {
  const doc = await User.findOne(query).lean();
  if (!doc) return null;
  return {
    user: toPublicUser(doc),
    passwordHash: doc.passwordHash,
    sessionVersion: doc.sessionVersion,
  };
}

/** The account for an email (case-insensitive), or null. */
export function accountByEmail(email: string): Promise<Account | null> {
  return load({ email: normaliseEmail(email) });
}

/** Every signed-in request reads its person (passport): kept while the user document is unchanged. */
const byId = new ReadCache<Account | null>();

/** The account for an id, or null. The result is frozen: it may be shared with other requests. */
export function accountById(id: string): Promise<Account | null> {
  if (!isValidObjectId(id)) return Promise.resolve(null);
  const _id = new Types.ObjectId(id);
  return byId.read(String(_id), { ns: namespaceOf(User), field: '_id', value: _id }, () => load({ _id }));
}

/** Notes a successful sign-in. */
export async function recordLogin(userId: string, at = new Date()): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { lastLoginAt: at } });
}

/**
 * Stores a new password hash and bumps the session version, which signs out every session
 * (the caller re-pins the current one). Returns the new version.
 */
export async function storePasswordHash(userId: string, passwordHash: string): Promise<number> {
  const doc = await User.findOneAndUpdate(
    { _id: userId },
    { $set: { passwordHash, mustChangePassword: false }, $inc: { sessionVersion: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!doc) throw new NotFoundError('That person does not exist.');
  if (!doc.activatedAt)
    await User.updateOne({ _id: userId }, { $set: { activatedAt: new Date() } });
  return doc.sessionVersion;
}

/** Changes a person's email; ConflictError when another account uses it. */
export async function storeEmail(userId: string, email: string): Promise<void> {
  const normal = normaliseEmail(email);
  const other = await User.findOne({ email: normal }, { _id: 1 }).lean();
  if (other && String(other._id) !== userId)
    throw new ConflictError('Another account already uses that email.');
  await User.updateOne({ _id: userId }, { $set: { email: normal } });
}

/** Sets the name chosen when accepting an invitation. */
export async function storeName(userId: string, name: string): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { name: name.trim() } });
}

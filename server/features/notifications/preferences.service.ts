/**
 * Per-person, per-kind delivery choices and the signed "unsubscribe from this kind" tokens that
 * emails carry (HMAC of user id + kind with the session secret: no database row to look up).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isValidObjectId, Types } from 'mongoose';
import { getConfig } from '../../config/env.js';
import { NotFoundError } from '../../lib/errors.js';
import {
  DEFAULT_MODE,
  isNotificationKind,
  NOTIFICATION_KINDS,
  type DeliveryMode,
  type NotificationKind,
} from './notification-kinds.js';
import { NotificationPreference } from './preference.model.js';

let secretOverride: string | undefined;

/** Tests (apps built with their own config) set the secret tokens are signed with. */
export function useSigningSecret(secret: string | undefined): void {
  secretOverride = secret;
}

function secret(): string {
  return secretOverride ?? getConfig().sessionSecret;
}

/** Every kind with the person's mode (defaults filled in). */
export async function preferencesOf(
  userId: string,
): Promise<Record<NotificationKind, DeliveryMode>> {
  const rows = isValidObjectId(userId)
    ? await NotificationPreference.find({ user: new Types.ObjectId(userId) }).lean()
    : [];
  const out = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, DEFAULT_MODE])) as Record<
    NotificationKind,
    DeliveryMode
  >;
  for (const r of rows) if (isNotificationKind(r.kind)) out[r.kind] = r.mode;
  return out;
}

/** The person's mode for one kind. */
export async function modeFor(userId: string, kind: NotificationKind): Promise<DeliveryMode> {
  const row = await NotificationPreference.findOne({
    user: new Types.ObjectId(userId),
    kind,
  }).lean();
  return row?.mode ?? DEFAULT_MODE;
}

/** Saves the person's choices (only the kinds given). */
export async function setPreferences(
  userId: string,
  modes: Partial<Record<NotificationKind, DeliveryMode>>,
): Promise<void> {
  for (const [kind, mode] of Object.entries(modes)) {
    await NotificationPreference.updateOne(
      { user: new Types.ObjectId(userId), kind },
      { $set: { mode } },
      { upsert: true },
    );
  }
}

function sign(payload: string): string {
  return createHmac('sha256', secret()).update(`unsubscribe:${payload}`).digest('base64url');
}

/** A token for the unsubscribe link of `kind` mails to `userId`. */
export function unsubscribeToken(userId: string, kind: NotificationKind): string {
  const payload = `${userId}.${kind}`;
  return `${Buffer.from(payload).toString('base64url')}.${sign(payload)}`;
}

/** The person and kind a token stands for; NotFoundError when it was not signed by us. */
export function readUnsubscribeToken(token: string): { userId: string; kind: NotificationKind } {
  const [encoded, signature] = token.split('.');
  if (!encoded || !signature) throw new NotFoundError('That link is not valid.');
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new NotFoundError('That link is not valid.');
  const [userId, kind] = payload.split('.');
  if (!isValidObjectId(userId) || !isNotificationKind(kind))
    throw new NotFoundError('That link is not valid.');
  return { userId, kind };
}

/** Applies an unsubscribe link: that kind stays in the app but no longer comes by email. */
export async function unsubscribe(token: string): Promise<NotificationKind> {
  const { userId, kind } = readUnsubscribeToken(token);
  await setPreferences(userId, { [kind]: 'inapp' });
  return kind;
}

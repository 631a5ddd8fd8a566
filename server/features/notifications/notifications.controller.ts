/** The inbox, mark-read, delivery settings and the unsubscribe link. */
import type { Request, Response } from 'express';
import { NotFoundError } from '../../lib/errors.js';
import {
  KIND_LABELS,
  MODE_LABELS,
  type DeliveryMode,
  type NotificationKind,
} from './notification-kinds.js';
import { forgetBellCount } from './bell-locals.js';
import { inboxOf, markAllRead, markRead } from './notifications.service.js';
import { idParams, settingsBody, tokenParams } from './notifications.schemas.js';
import {
  preferencesOf,
  readUnsubscribeToken,
  setPreferences,
  unsubscribe,
} from './preferences.service.js';

export async function inbox(req: Request, res: Response): Promise<void> {
  const items = await inboxOf(req.user!.id);
  forgetBellCount(req); // the list is live: the bell on this page counts afresh too
  res.render('notifications/index', { title: 'Notifications', items, kindLabels: KIND_LABELS });
}

export async function postRead(req: Request, res: Response): Promise<void> {
  const parsed = idParams.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError('That notification does not exist.');
  const url = await markRead(req.user!.id, parsed.data.id);
  forgetBellCount(req);
  // Only site paths: never redirect off-site from a stored value.
  res.redirect(
    303,
    req.body?.open && url?.startsWith('/') && !url.startsWith('//') ? url : '/notifications',
  );
}

export async function postReadAll(req: Request, res: Response): Promise<void> {
  await markAllRead(req.user!.id);
  forgetBellCount(req);
  req.flash('success', 'All notifications are marked as read.');
  res.redirect(303, '/notifications');
}

export async function settings(req: Request, res: Response): Promise<void> {
  res.render('notifications/settings', {
    title: 'Notification settings',
    prefs: await preferencesOf(req.user!.id),
    kindLabels: KIND_LABELS,
    modeLabels: MODE_LABELS,
  });
}

export async function postSettings(req: Request, res: Response): Promise<void> {
  const modes = settingsBody.parse(req.body ?? {}) as Partial<
    Record<NotificationKind, DeliveryMode>
  >;
  const chosen = Object.fromEntries(Object.entries(modes).filter(([, m]) => m !== undefined));
  await setPreferences(req.user!.id, chosen);
  req.flash('success', 'Your notification settings are saved.');
  res.redirect(303, '/notifications/settings');
}

export async function showUnsubscribe(req: Request, res: Response): Promise<void> {
  const { token } = tokenParams.parse(req.params);
  const { kind } = readUnsubscribeToken(token);
  res.render('notifications/unsubscribe', {
    title: 'Stop these emails',
    token,
    label: KIND_LABELS[kind],
    done: false,
  });
}

export async function postUnsubscribe(req: Request, res: Response): Promise<void> {
  const parsed = tokenParams.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError('That link is not valid.');
  const kind = await unsubscribe(parsed.data.token);
  res.render('notifications/unsubscribe', {
    title: 'Stop these emails',
    token: parsed.data.token,
    label: KIND_LABELS[kind],
    done: true,
  });
}

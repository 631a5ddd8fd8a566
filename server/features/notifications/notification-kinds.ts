/** The kinds of notification a person can tune, with what each is called on the settings page. */

export const NOTIFICATION_KINDS = [
  'deadline-reminder',
  'overdue',
  'feedback-released',
  'returned',
  'checkin-scheduled',
  'checkin-reminder',
  'digest',
  'nudge',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  'deadline-reminder': 'Reminders before a deadline',
  overdue: 'Overdue work',
  'feedback-released': 'Feedback released',
  returned: 'Work returned for revision',
  'checkin-scheduled': 'Check-ins scheduled',
  'checkin-reminder': 'Check-in reminders',
  digest: 'Weekly digests and summaries',
  nudge: 'Nudges after a quiet spell',
};

/** in-app only, email too, or collected into one email a day. */
export const DELIVERY_MODES = ['inapp', 'email', 'digest'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const MODE_LABELS: Readonly<Record<DeliveryMode, string>> = {
  inapp: 'In Atelier only',
  email: 'In Atelier and by email',
  digest: 'In Atelier and in a daily email',
};

/** Everyone gets email unless they choose otherwise. */
export const DEFAULT_MODE: DeliveryMode = 'email';

export function isNotificationKind(v: unknown): v is NotificationKind {
  return typeof v === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(v);
}

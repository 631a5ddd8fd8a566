/**
 * The viewer's time zone and the date helpers views get. A person's own zone (when the profile
 * holds one) wins; otherwise the platform's DEFAULT_TIMEZONE.
 */
import type { Request } from 'express';
import { configOf } from '../../web/app-config.js';
import { formatDuration, formatInZone, isTimeZone, timeLeft, toZonedInput } from './time-zone.js';

/** The IANA zone dates are shown in for this request. */
export function viewerTimeZone(req: Request): string {
  // Re-checked: a zone stored before Intl dropped or renamed it must not break every page.
  const own = req.user?.timeZone;
  return own && isTimeZone(own) ? own : configOf(req).defaultTimezone;
}

export interface DateHelpers {
  tz: string;
  /** "Thu, 1 Oct 2026, 14:00 (Europe/Belgrade)". */
  when(date: Date): string;
  /** "3 days left" / "2 hours overdue". */
  left(date: Date): string;
  /** "2 days 3 hours". */
  duration(ms: number): string;
  /** A `datetime-local` value. */
  input(date: Date): string;
}

/** Helpers bound to the viewer's zone, passed to views as `dates`. */
export function dateHelpers(req: Request, now: Date = new Date()): DateHelpers {
  const tz = viewerTimeZone(req);
  return {
    tz,
    when: (d) => formatInZone(d, tz),
    left: (d) => timeLeft(d, now),
    duration: formatDuration,
    input: (d) => toZonedInput(d, tz),
  };
}

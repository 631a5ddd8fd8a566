/**
 * Dates in the viewer's time zone: formatting, "time left", and reading a `datetime-local` form
 * value typed in a given zone back into an instant. The zone arithmetic is server/lib/zoned-time.
 */
import {
  formatZoned,
  isTimeZone,
  parseLocalDate,
  wallClock,
  zonedTimeToUtc,
} from '../../lib/zoned-time.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** "Thu, 1 Oct 2026, 14:00 (Europe/Belgrade)". */
export const formatInZone = formatZoned;
export { isTimeZone };

/** "2026-10-01T14:00" as a wall-clock time in `timeZone` -> the instant; null when malformed. */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(local.trim());
  const date = m ? parseLocalDate(m[1]) : null;
  if (!m || !date) return null;
  // A date without a time means the end of that day.
  return zonedTimeToUtc(date, Number(m[2] ?? 23), Number(m[3] ?? 59), timeZone);
}

/** The instant as a `datetime-local` value in `timeZone` (to pre-fill forms). */
export function toZonedInput(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/** "3 days 4 hours", "2 hours 5 minutes", "less than a minute". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (days > 0)
    return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0)
    return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  return minutes > 0 ? unit(minutes, 'minute') : 'less than a minute';
}

/** "5 days 2 hours left" before the due date, "1 day 3 hours overdue" after it. */
export function timeLeft(dueAt: Date, now: Date = new Date()): string {
  const ms = dueAt.getTime() - now.getTime();
  return ms >= 0 ? `${formatDuration(ms)} left` : `${formatDuration(ms)} overdue`;
}

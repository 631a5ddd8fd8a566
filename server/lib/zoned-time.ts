/**
 * Wall-clock times in an IANA time zone, with Intl only (no date library): what instant is
 * "Tuesday 10:00 in Europe/Belgrade" on a given date, correct on both sides of a DST change.
 */

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = fmtCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    fmtCache.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function wallClock(instant: Date, timeZone: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
  };
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
export function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which clocks in `timeZone` show `date` `hour:minute`. In the hour repeated by
 * an autumn change the first instant is taken; a time skipped by a spring change moves forward
 * by the gap (RFC 5545 3.3.5, as calendars do).
 */
export function zonedTimeToUtc(
  date: LocalDate,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The offsets in force a day either side cover both sides of any change on that date.
  const offsets = new Set([
    offsetMs(new Date(guess - 86_400_000), timeZone),
    offsetMs(new Date(guess + 86_400_000), timeZone),
  ]);
  const matches = [...offsets]
    .map((o) => guess - o)
    .filter((t) => {
      const w = wallClock(new Date(t), timeZone);
      return w.day === date.day && w.hour === hour && w.minute === minute;
    })
    .sort((a, b) => a - b);
  if (matches.length) return new Date(matches[0]);
  // Skipped time: use the offset from before the change, which lands after the gap.
  return new Date(guess - offsetMs(new Date(guess - 86_400_000), timeZone));
}

/** The local calendar date of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const w = wallClock(instant, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/** `date` plus `days` calendar days (no time zone involved: pure calendar arithmetic). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const wd = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** "2026-03-31". */
export function formatLocalDate(date: LocalDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${two(date.month)}-${two(date.day)}`;
}

/** "2026-03-31" -> LocalDate, or null. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = addDays(date, 0);
  return check.month === date.month && check.day === date.day ? date : null;
}

/** Whether `tz` is an IANA time zone Intl knows. */
export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** "Tue, 31 Mar 2026, 10:00 (Europe/Belgrade)". */
export function formatZoned(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(instant);
  return `${text} (${timeZone})`;
}

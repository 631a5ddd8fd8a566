/** The dates a cadence falls on: every N weeks on a weekday at a wall-clock time in a zone. */
import { addDays, isoWeekday, localDateOf, zonedTimeToUtc, type LocalDate } from '../../lib/zoned-time.js';

export interface CadenceRule {
  /** 1, 2 or 4. */
  everyWeeks: number;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** "HH:MM" on the mentor's clock. */
  time: string;
  timeZone: string;
  /** The first occurrence is on or after this local date. */
  startDate: LocalDate;
}

export interface Occurrence {
  /** The local date (the cadence's identity for this meeting). */
  date: LocalDate;
  startsAt: Date;
}

/** The first date on or after `from` that falls on `weekday`. */
export function firstOnWeekday(from: LocalDate, weekday: number): LocalDate {
  return addDays(from, (weekday - isoWeekday(from) + 7) % 7);
}

/** Occurrences whose start lies in [from, to). Steps are calendar weeks, so DST never drifts them. */
export function occurrencesBetween(rule: CadenceRule, from: Date, to: Date): Occurrence[] {
  const [hour, minute] = rule.time.split(':').map(Number);
  const first = firstOnWeekday(rule.startDate, rule.weekday);
  const out: Occurrence[] = [];
  // Skip whole periods up to `from` without looping over years of history.
  const fromLocal = localDateOf(from, rule.timeZone);
  const daysToFrom = Math.floor(
    (Date.UTC(fromLocal.year, fromLocal.month - 1, fromLocal.day) -
      Date.UTC(first.year, first.month - 1, first.day)) /
      86_400_000,
  );
  const period = rule.everyWeeks * 7;
  const skip = daysToFrom > period ? Math.floor(daysToFrom / period) - 1 : 0;
  for (let i = skip; i < skip + 1000; i += 1) {
    const date = addDays(first, i * period);
    const startsAt = zonedTimeToUtc(date, hour, minute, rule.timeZone);
    if (startsAt >= to) break;
    if (startsAt >= from) out.push({ date, startsAt });
  }
  return out;
}

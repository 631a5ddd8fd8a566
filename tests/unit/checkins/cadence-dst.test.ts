/** A cadence keeps its wall-clock time across daylight-saving changes (Europe/Belgrade). */
import { occurrencesBetween, type CadenceRule } from '../../../server/features/checkins/cadence.js';
import { zonedTimeToUtc, wallClock } from '../../../server/lib/zoned-time.js';

const belgrade = (o: Partial<CadenceRule>): CadenceRule => ({
  everyWeeks: 1,
  weekday: 2, // Tuesday
  time: '10:00',
  timeZone: 'Europe/Belgrade',
  startDate: { year: 2026, month: 3, day: 16 },
  ...o,
});

const iso = (dates: { startsAt: Date }[]) => dates.map((d) => d.startsAt.toISOString());

it('weekly on Tuesday 10:00 stays 10:00 in Belgrade across the March change (29 March 2026)', () => {
  const got = occurrencesBetween(
    belgrade({}),
    new Date('2026-03-01T00:00:00Z'),
    new Date('2026-04-08T00:00:00Z'),
  );
  expect(iso(got)).toEqual([
    '2026-03-17T09:00:00.000Z', // CET, UTC+1
    '2026-03-24T09:00:00.000Z',
    '2026-03-31T08:00:00.000Z', // CEST, UTC+2
    '2026-04-07T08:00:00.000Z',
  ]);
  for (const o of got)
    expect(wallClock(o.startsAt, 'Europe/Belgrade')).toMatchObject({ hour: 10, minute: 0 });
});

it('every two weeks across the October change (25 October 2026)', () => {
  const rule = belgrade({ everyWeeks: 2, startDate: { year: 2026, month: 10, day: 12 } });
  const got = occurrencesBetween(
    rule,
    new Date('2026-10-01T00:00:00Z'),
    new Date('2026-11-20T00:00:00Z'),
  );
  expect(iso(got)).toEqual([
    '2026-10-13T08:00:00.000Z', // CEST
    '2026-10-27T09:00:00.000Z', // CET
    '2026-11-10T09:00:00.000Z',
  ]);
});

it('every four weeks skips whole periods and starts on the first matching weekday', () => {
  const rule = belgrade({
    everyWeeks: 4,
    weekday: 5,
    time: '16:30',
    startDate: { year: 2026, month: 1, day: 1 },
  });
  const got = occurrencesBetween(
    rule,
    new Date('2026-06-01T00:00:00Z'),
    new Date('2026-08-01T00:00:00Z'),
  );
  // First Friday on/after 1 Jan 2026 is 2 Jan; +4-week steps land on 19 Jun and 17 Jul.
  expect(iso(got)).toEqual(['2026-06-19T14:30:00.000Z', '2026-07-17T14:30:00.000Z']);
});

it('a time skipped by the spring change moves forward by the gap; the repeated hour takes its first instant', () => {
  expect(
    zonedTimeToUtc({ year: 2026, month: 3, day: 29 }, 2, 30, 'Europe/Belgrade').toISOString(),
  ).toBe('2026-03-29T01:30:00.000Z');
  expect(
    zonedTimeToUtc({ year: 2026, month: 10, day: 25 }, 2, 30, 'Europe/Belgrade').toISOString(),
  ).toBe('2026-10-25T00:30:00.000Z');
});

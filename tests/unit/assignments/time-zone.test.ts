/** Due dates shown in the viewer's time zone with the time left (issue 7, point 1). */
import {
  formatDuration,
  formatInZone,
  isTimeZone,
  timeLeft,
  toZonedInput,
  zonedToUtc,
} from '../../../server/features/assignments/time-zone.js';

describe('time zones', () => {
  const due = new Date('2026-10-01T12:00:00Z');

  it('formats an instant in the viewer zone and names the zone', () => {
    expect(formatInZone(due, 'Europe/Belgrade')).toBe('Thu, 1 Oct 2026, 14:00 (Europe/Belgrade)');
    expect(formatInZone(due, 'Europe/Athens')).toBe('Thu, 1 Oct 2026, 15:00 (Europe/Athens)');
    expect(formatInZone(due, 'UTC')).toBe('Thu, 1 Oct 2026, 12:00 (UTC)');
  });

  it('reads a wall-clock time typed in a zone back into the instant, across summer time', () => {
    expect(zonedToUtc('2026-10-01T14:00', 'Europe/Belgrade')?.toISOString()).toBe(
      '2026-10-01T12:00:00.000Z',
    );
    expect(zonedToUtc('2026-12-01T14:00', 'Europe/Belgrade')?.toISOString()).toBe(
      '2026-12-01T13:00:00.000Z',
    );
    expect(zonedToUtc('2026-12-01', 'Europe/Athens')?.toISOString()).toBe(
      '2026-12-01T21:59:00.000Z',
    );
    expect(zonedToUtc('2026-02-31T10:00', 'UTC')).toBeNull();
    expect(zonedToUtc('tomorrow', 'UTC')).toBeNull();
  });

  it('writes an instant as a datetime-local value in a zone', () => {
    expect(toZonedInput(due, 'Europe/Belgrade')).toBe('2026-10-01T14:00');
  });

  it('says how much time is left or how late it is', () => {
    const now = new Date('2026-09-28T09:30:00Z');
    expect(timeLeft(due, now)).toBe('3 days 2 hours left');
    expect(timeLeft(due, new Date('2026-10-02T13:00:00Z'))).toBe('1 day 1 hour overdue');
    expect(formatDuration(45 * 60_000)).toBe('45 minutes');
    expect(formatDuration(10_000)).toBe('less than a minute');
  });

  it('knows real time zones from made-up ones', () => {
    expect(isTimeZone('Europe/Skopje')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

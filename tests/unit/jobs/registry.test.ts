/** The job registry is consistent, and weekly digests are keyed by ISO week. */
import { allJobs, RECURRING } from '../../../server/jobs/registry.js';
import { isoWeek } from '../../../server/features/digests/week.js';

it('every job has a unique name and every recurring job is defined', () => {
  const names = allJobs().map((j) => j.name);
  expect(new Set(names).size).toBe(names.length);
  for (const r of RECURRING) expect(names).toContain(r.name);
  expect(names).toContain('send-email');
});

it('ISO weeks: Monday starts a week; the year boundary follows ISO 8601', () => {
  expect(isoWeek(new Date('2026-11-22T23:59:00Z'))).toBe('2026-W47'); // Sunday
  expect(isoWeek(new Date('2026-11-23T00:00:00Z'))).toBe('2026-W48'); // Monday
  expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
  expect(isoWeek(new Date('2029-12-31T12:00:00Z'))).toBe('2030-W01');
});

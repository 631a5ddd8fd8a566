/** The check-in .ics is valid RFC 5545 for an independent parser (ical.js), with the start in UTC. */
import ICAL from 'ical.js';
import { buildIcs, fold } from '../../../server/features/checkins/ics.js';
import { zonedTimeToUtc } from '../../../server/lib/zoned-time.js';

const start = zonedTimeToUtc({ year: 2026, month: 3, day: 31 }, 10, 0, 'Europe/Belgrade');
const text = buildIcs({
  uid: 'checkin-abc@atelier.test',
  start,
  durationMinutes: 45,
  summary: 'Atelier check-in: Marija, Ana; weekly',
  description:
    'Line one\nLine two with a very long sentence that goes on and on so that the line must be folded at 75 octets — šđčćž.',
  url: 'https://meet.example.org/room-42',
  location: 'https://meet.example.org/room-42',
  stamp: new Date('2026-03-20T12:00:00Z'),
});

it('uses CRLF line endings and folds lines at 75 octets', () => {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  expect(fold('X'.repeat(200)).split('\r\n ').join('')).toBe('X'.repeat(200));
});

it('parses with the start in UTC, the UID, DTSTAMP, summary, URL and location', () => {
  const comp = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
  expect(event.uid).toBe('checkin-abc@atelier.test');
  expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-31T08:00:00.000Z');
  expect(event.startDate.zone?.tzid).toBe('UTC');
  expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-31T08:45:00.000Z');
  expect(event.summary).toBe('Atelier check-in: Marija, Ana; weekly');
  expect(event.description).toContain('Line one\nLine two');
  expect(event.description).toContain('šđčćž.');
  expect(event.location).toBe('https://meet.example.org/room-42');
  const vevent = comp.getFirstSubcomponent('vevent')!;
  expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example.org/room-42');
  expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2026-03-20T12:00:00Z');
  expect(text).toContain('DTSTART:20260331T080000Z\r\n');
});

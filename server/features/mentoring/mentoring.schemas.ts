/** Edge validation for the cadence and one-off check-in forms. */
import { z } from 'zod';
import { isTimeZone } from '../../lib/zoned-time.js';

export const menteeParams = z.object({ innovatorId: z.string().regex(/^[0-9a-f]{24}$/) });

const timeZone = z
  .string()
  .trim()
  .refine(isTimeZone, 'Choose a time zone such as Europe/Belgrade.');
const duration = z.coerce
  .number()
  .int()
  .min(15, 'At least 15 minutes.')
  .max(180, 'At most 3 hours.');
const meetingUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => s === '' || /^https?:\/\/\S+$/.test(s), 'Enter a link starting with https://')
  .optional();

export const cadenceBody = z.object({
  everyWeeks: z
    .enum(['1', '2', '4'], { message: 'Choose every 1, 2 or 4 weeks.' })
    .transform(Number),
  weekday: z.coerce.number().int().min(1, 'Choose a weekday.').max(7, 'Choose a weekday.'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time such as 10:00.'),
  timeZone,
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of the first week.'),
  durationMinutes: duration,
  meetingUrl,
});

export const oneOffBody = z.object({
  startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter a date and time.'),
  timeZone,
  durationMinutes: duration,
  meetingUrl,
});

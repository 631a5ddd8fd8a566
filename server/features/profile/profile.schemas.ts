/** The profile form. */
import { z } from 'zod';
import { COUNTRY_CODES } from '../../lib/countries.js';
import { isTimeZone } from '../../lib/zoned-time.js';
import { LOCALE_CODES } from './locales.js';

const text = (max: number) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z.string().max(max, `Use at most ${max} characters.`).optional(),
    )
    .transform((v) => v || undefined);

export const profileSchema = z.object({
  name: z
    .string({ message: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(120, 'Use at most 120 characters.'),
  library: text(200),
  city: text(120),
  country: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .enum(COUNTRY_CODES as [string, ...string[]], { message: 'Choose a country from the list.' })
      .optional(),
  ),
  languages: z
    .string()
    .max(300, 'Use at most 300 characters.')
    .optional()
    .transform((v) =>
      [
        ...new Set(
          (v ?? '')
            .split(/[,;\n]/)
            .map((l) => l.trim())
            .filter(Boolean),
        ),
      ].slice(0, 20),
    ),
  bio: text(1000),
  locale: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(LOCALE_CODES, { message: 'Choose a language from the list.' }).optional(),
  ),
  // Empty means "the platform default"; anything else must be an IANA zone Intl knows.
  timeZone: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().refine(isTimeZone, 'Choose a time zone from the list.').optional(),
  ),
});

/** Forms of the admin cohort pages. */
import { z } from 'zod';
import { COUNTRY_CODES } from '../../lib/countries.js';

const date = (label: string) =>
  z
    .string({ message: `Enter the ${label}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as YYYY-MM-DD.`)
    .transform((s) => new Date(`${s}T00:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()), `The ${label} is not a real date.`);

const countryList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(COUNTRY_CODES as [string, ...string[]], { message: 'Unknown country.' })),
);

const id = z.string({ message: 'Choose a person.' }).regex(/^[a-f0-9]{24}$/, 'Choose a person.');

export const cohortSchema = z
  .object({
    name: z
      .string({ message: 'Enter a name.' })
      .trim()
      .min(1, 'Enter a name.')
      .max(120, 'Use at most 120 characters.'),
    startDate: date('start date'),
    endDate: date('end date'),
    countries: countryList.refine((c) => c.length > 0, 'Choose at least one country.'),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate)
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'The end date must be after the start date.',
      });
  });

export const membersSchema = z.object({
  emails: z
    .string({ message: 'Enter at least one email.' })
    .trim()
    .min(1, 'Enter at least one email.')
    .max(50_000),
});

export const mentorSchema = z.object({ innovatorId: id, mentorId: id });

export const ambassadorSchema = z.object({
  userId: id,
  country: z.enum(COUNTRY_CODES as [string, ...string[]], { message: 'Choose a country.' }),
});

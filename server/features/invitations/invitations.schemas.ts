/** Forms of the invitation pages. */
import { z } from 'zod';
import { COUNTRY_CODES } from '../../lib/countries.js';
import { ROLES } from '../../lib/roles.js';
import { newPasswordFields, samePasswords } from '../auth/auth.schemas.js';

export const inviteSchema = z.object({
  name: z
    .string({ message: 'Enter the name.' })
    .trim()
    .min(1, 'Enter the name.')
    .max(120, 'Use at most 120 characters.'),
  email: z
    .string({ message: 'Enter the email.' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'Enter a valid email address.' })),
  role: z.enum(ROLES, { message: 'Choose a role.' }),
  country: z.enum(COUNTRY_CODES as [string, ...string[]], { message: 'Choose a country.' }),
  cohort: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
});

export const bulkInviteSchema = z.object({
  csv: z
    .string({ message: 'Paste at least one line.' })
    .trim()
    .min(1, 'Paste at least one line.')
    .max(200_000, 'That is too much at once; split it up.'),
});

export const acceptSchema = z
  .object({
    name: z
      .string({ message: 'Enter your name.' })
      .trim()
      .min(1, 'Enter your name.')
      .max(120, 'Use at most 120 characters.'),
    ...newPasswordFields,
  })
  .superRefine(samePasswords);

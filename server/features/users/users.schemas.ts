/** Query and forms of the admin people pages. */
import { z } from 'zod';
import { COUNTRY_CODES } from '../../lib/countries.js';
import { ROLES } from '../../lib/roles.js';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

/** Always an array: a form sends one value as a string and none at all when nothing is ticked. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const peopleQuerySchema = z.object({
  q: optional(z.string().trim().max(100)),
  role: optional(z.enum(ROLES)),
  country: optional(z.enum(COUNTRY_CODES as [string, ...string[]])),
  cohort: optional(z.string().trim().max(80)),
  status: optional(z.enum(['active', 'pending', 'deactivated'])),
  page: optional(z.coerce.number().int().min(1).max(10_000)),
});

export const rolesSchema = z.object({
  roles: list(z.enum(ROLES, { message: 'Unknown role.' })).refine(
    (r) => r.length > 0,
    'Choose at least one role.',
  ),
});

export const countriesSchema = z.object({
  countries: list(z.enum(COUNTRY_CODES as [string, ...string[]], { message: 'Unknown country.' })),
});

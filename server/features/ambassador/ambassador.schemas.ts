/** The overview's filter (query string); anything malformed is simply not applied. */
import { z } from 'zod';
import { COUNTRY_CODES } from '../../lib/countries.js';
import type { OverviewFilter } from './ambassador.service.js';

const query = z.object({
  country: z
    .string()
    .refine((c) => (COUNTRY_CODES as readonly string[]).includes(c))
    .optional()
    .catch(undefined),
});

/** Reads ?country= into a filter. */
export function parseOverviewQuery(raw: unknown): OverviewFilter {
  const parsed = query.safeParse(raw ?? {});
  return parsed.success ? { country: parsed.data.country } : {};
}

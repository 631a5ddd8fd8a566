/** The gradebook's filters (query string); anything malformed is simply not applied. */
import { z } from 'zod';
import { COUNTRY_CODES } from '../../lib/countries.js';
import type { GradebookFilter } from './gradebook.service.js';

const objectId = z.string().regex(/^[0-9a-f]{24}$/);

const query = z.object({
  cohort: objectId.optional().catch(undefined),
  country: z
    .string()
    .refine((c) => (COUNTRY_CODES as readonly string[]).includes(c))
    .optional()
    .catch(undefined),
  mentor: objectId.optional().catch(undefined),
});

/** Reads ?cohort=&country=&mentor= into a filter. */
export function parseGradebookQuery(raw: unknown): GradebookFilter {
  const parsed = query.safeParse(raw ?? {});
  if (!parsed.success) return {};
  return {
    cohortId: parsed.data.cohort,
    country: parsed.data.country,
    mentorId: parsed.data.mentor,
  };
}

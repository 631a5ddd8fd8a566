/** Edge validation for the admin's due-date and extension forms. */
import { z } from 'zod';

const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'Choose from the list.');
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Choose an assignment.')
  .max(120);
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'Enter a date and time.');

export const dueDateBody = z.object({
  cohortId: objectId,
  assignmentId: slug,
  dueAt: z.union([localDateTime, z.literal('')]).default(''),
  clear: z.string().optional(),
});

export const extensionBody = z.object({
  innovatorId: objectId,
  assignmentId: slug,
  dueAt: localDateTime,
  reason: z
    .string()
    .trim()
    .min(1, 'Give a reason for the extension.')
    .max(1000, 'Keep the reason under 1,000 characters.'),
});

export const adminQuery = z.object({ cohort: z.string().max(24).optional() });

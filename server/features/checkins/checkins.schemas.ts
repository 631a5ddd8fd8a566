/** Edge validation for documenting a check-in and its action items. */
import { z } from 'zod';
import { MOODS } from './checkin.model.js';

export const checkinParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });
export const itemParams = z.object({
  id: z.string().regex(/^[0-9a-f]{24}$/),
  itemId: z.string().regex(/^[0-9a-f]{24}$/),
});

export const notesBody = z.object({
  privateNotes: z.string().max(20_000, 'Keep notes under 20,000 characters.').default(''),
  sharedNotes: z.string().max(20_000, 'Keep notes under 20,000 characters.').default(''),
  mood: z
    .union([z.enum(MOODS), z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  progress: z
    .union([
      z.literal(''),
      z.coerce.number().int().min(0, 'From 0 to 100.').max(100, 'From 0 to 100.'),
    ])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});

export const actionBody = z.object({
  text: z.string().trim().min(1, 'Describe the action.').max(500, 'Keep it under 500 characters.'),
  owner: z.enum(['innovator', 'mentor'], { message: 'Choose who does it.' }),
  dueDate: z
    .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date.')])
    .optional()
    .transform((v) => v || undefined),
});

export const toggleBody = z.object({ done: z.enum(['0', '1']).default('1') });

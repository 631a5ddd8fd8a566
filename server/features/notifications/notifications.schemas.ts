/** Edge validation for the notification pages. */
import { z } from 'zod';
import { DELIVERY_MODES, NOTIFICATION_KINDS } from './notification-kinds.js';

export const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });
export const tokenParams = z.object({ token: z.string().min(10).max(300) });

/** One select per kind; a missing or unknown value is ignored (kept as it was). */
export const settingsBody = z.object(
  Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, z.enum(DELIVERY_MODES).optional().catch(undefined)]),
  ),
);

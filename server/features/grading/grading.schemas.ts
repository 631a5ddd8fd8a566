/**
 * The grading form: `level__<criterionId>` (index of the chosen level), `comment__<criterionId>`,
 * `feedback` and `action`. Any other field (a "total", say) is ignored: totals are computed.
 */
import { z } from 'zod';
import { BadRequestError } from '../../lib/errors.js';
import type { GradingInput } from './grading.service.js';

export const submissionParams = z.object({ submissionId: z.string().regex(/^[0-9a-f]{24}$/) });

const body = z.record(
  z.string(),
  z.union([
    z.string().max(20_000, 'Keep each comment under 20,000 characters.'),
    z.array(z.string()),
  ]),
);
const action = z.enum(['save', 'accept', 'return'], { message: 'Choose save, accept or return.' });

/** Reads the grading form into the service's input. */
export function parseGradingForm(raw: unknown): GradingInput {
  const parsed = body.safeParse(raw ?? {});
  if (!parsed.success)
    throw new BadRequestError(parsed.error.issues[0]?.message ?? 'The form could not be read.');
  const fields = parsed.data;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const chosen = action.safeParse(one(fields.action) || 'save');
  if (!chosen.success) throw new BadRequestError(chosen.error.issues[0].message);
  const picks: GradingInput['picks'] = {};
  for (const [key, value] of Object.entries(fields)) {
    const m = /^(level|comment)__([a-z0-9-]{1,80})$/.exec(key);
    if (!m) continue;
    const pick = (picks[m[2]] ??= { level: null, comment: '' });
    if (m[1] === 'comment') pick.comment = one(value);
    else if (one(value) !== '') pick.level = /^\d+$/.test(one(value)) ? Number(one(value)) : -1;
  }
  return { picks, feedback: one(fields.feedback), action: chosen.data };
}

/** The admin's due dates: per-cohort dates and personal extensions (post/redirect/get). */
import type { Request, Response } from 'express';
import { BadRequestError } from '../../lib/errors.js';
import { parseBody } from '../submissions/submissions.schemas.js';
import { adminQuery, dueDateBody, extensionBody } from './assignments.schemas.js';
import { dueDatesAdminView } from './assignments-admin.service.js';
import { grantExtension, setCohortDueDate } from './due-dates.service.js';
import { zonedToUtc } from './time-zone.js';
import { dateHelpers, viewerTimeZone } from './viewer-time.js';

/** GET /admin/assignments[?cohort=id] */
export async function showDueDates(req: Request, res: Response): Promise<void> {
  const parsed = adminQuery.safeParse(req.query);
  const cohort = parsed.success ? parsed.data.cohort : undefined;
  const view = await dueDatesAdminView(cohort);
  res.render('assignments/admin', { title: 'Assignment due dates', view, dates: dateHelpers(req) });
}

function instant(req: Request, local: string): Date {
  const at = zonedToUtc(local, viewerTimeZone(req));
  if (!at) throw new BadRequestError('Enter a real date and time.');
  return at;
}

/** POST /admin/assignments/due-dates (cohortId, assignmentId, dueAt | clear) */
export async function postDueDate(req: Request, res: Response): Promise<void> {
  const body = parseBody(dueDateBody, req.body);
  const clear = Boolean(body.clear) || body.dueAt === '';
  await setCohortDueDate({
    cohortId: body.cohortId,
    assignmentId: body.assignmentId,
    dueAt: clear ? null : instant(req, body.dueAt),
    setBy: req.user!.id,
  });
  req.flash(
    'success',
    clear ? 'The cohort follows the curriculum date again.' : 'Due date saved for the cohort.',
  );
  res.redirect(303, `/admin/assignments?cohort=${body.cohortId}`);
}

/** POST /admin/assignments/extensions (innovatorId, assignmentId, dueAt, reason) */
export async function postExtension(req: Request, res: Response): Promise<void> {
  const body = parseBody(extensionBody, req.body);
  await grantExtension({
    innovatorId: body.innovatorId,
    assignmentId: body.assignmentId,
    dueAt: instant(req, body.dueAt),
    reason: body.reason,
    grantedBy: req.user!.id,
  });
  req.flash('success', 'Extension granted; the mentor will see the reason.');
  res.redirect(
    303,
    `/admin/assignments${typeof req.query.cohort === 'string' ? `?cohort=${encodeURIComponent(req.query.cohort)}` : ''}#extensions`,
  );
}

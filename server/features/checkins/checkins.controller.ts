/** One check-in: details, the mentor's notes and action items, the innovator's ticks, the .ics. */
import type { Request, Response } from 'express';
import { NotFoundError } from '../../lib/errors.js';
import { parseFormLoading } from '../../web/validate.js';
import { MOODS } from './checkin.model.js';
import {
  actionBody,
  checkinParams,
  itemParams,
  notesBody,
  toggleBody,
} from './checkins.schemas.js';
import {
  addActionItem,
  checkinCalendar,
  checkinFor,
  documentCheckin,
  setActionDone,
} from './checkins.service.js';
import { formatZoned } from '../../lib/zoned-time.js';

function checkinId(req: Request): string {
  const parsed = checkinParams.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError('That check-in does not exist.');
  return parsed.data.id;
}

async function locals(req: Request, id: string) {
  const view = await checkinFor(req.user!.id, id);
  return {
    title: `Check-in with ${view.role === 'mentor' ? view.innovatorName : view.mentorName}`,
    ...view,
    moods: MOODS,
    fmt: formatZoned,
  };
}

export async function show(req: Request, res: Response): Promise<void> {
  res.render('checkins/show', await locals(req, checkinId(req)));
}

export async function postNotes(req: Request, res: Response): Promise<void> {
  const id = checkinId(req);
  const form = await parseFormLoading(notesBody, req.body, {
    view: 'checkins/show',
    locals: () => locals(req, id),
  });
  await documentCheckin(req.user!.id, id, form);
  req.flash('success', 'Notes saved.');
  res.redirect(303, `/checkins/${id}`);
}

export async function postAction(req: Request, res: Response): Promise<void> {
  const id = checkinId(req);
  const form = await parseFormLoading(actionBody, req.body, {
    view: 'checkins/show',
    locals: () => locals(req, id),
  });
  await addActionItem(req.user!.id, id, form);
  req.flash('success', 'Action item added.');
  res.redirect(303, `/checkins/${id}#actions`);
}

export async function postToggle(req: Request, res: Response): Promise<void> {
  const parsed = itemParams.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError('That action item does not exist.');
  const { done } = toggleBody.parse(req.body ?? {});
  await setActionDone(req.user!.id, parsed.data.id, parsed.data.itemId, done === '1');
  req.flash('success', done === '1' ? 'Marked as done.' : 'Marked as not done.');
  res.redirect(303, `/checkins/${parsed.data.id}#actions`);
}

export async function calendar(req: Request, res: Response): Promise<void> {
  const ics = await checkinCalendar(req.user!.id, checkinId(req));
  res.set({
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': 'attachment; filename="check-in.ics"',
  });
  res.send(ics);
}

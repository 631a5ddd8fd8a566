/** /mentoring: the mentor's mentees; /mentoring/:id: one mentee's cadence and check-ins. */
import type { Request, Response } from 'express';
import { NotFoundError } from '../../lib/errors.js';
import { configOf } from '../../web/app-config.js';
import { scheduleOneOff, setCadence, stopCadence } from '../checkins/checkin-planning.service.js';
import {
  formatZoned,
  localDateOf,
  formatLocalDate,
  zonedTimeToUtc,
  parseLocalDate,
  isTimeZone,
} from '../../lib/zoned-time.js';
import { menteePage, menteesOverview } from './mentoring.service.js';
import { fieldError, parseFormLoading } from '../../web/validate.js';
import { cadenceBody, menteeParams, oneOffBody } from './mentoring.schemas.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function menteeId(req: Request): string {
  const parsed = menteeParams.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError('We could not find that person.');
  return parsed.data.innovatorId;
}

/** The mentor's own zone (profile) when set, else the platform's: cadences are in mentor time. */
function defaultTimeZone(req: Request): string {
  const own = req.user?.timeZone;
  return own && isTimeZone(own) ? own : configOf(req).defaultTimezone;
}

async function pageLocals(req: Request, innovatorId: string) {
  const page = await menteePage(req.user!.id, innovatorId);
  const tz = page.cadence?.timeZone ?? defaultTimeZone(req);
  return {
    title: `Mentoring ${page.person.name}`,
    ...page,
    weekdays: WEEKDAYS,
    defaults: { timeZone: tz, startDate: formatLocalDate(localDateOf(new Date(), tz)) },
    fmt: formatZoned,
  };
}

export async function index(req: Request, res: Response): Promise<void> {
  const overview = await menteesOverview(req.user!.id);
  res.render('mentoring/index', {
    title: 'Mentoring',
    ...overview,
    fmt: formatZoned,
    defaultTz: defaultTimeZone(req),
  });
}

export async function show(req: Request, res: Response): Promise<void> {
  res.render('mentoring/show', await pageLocals(req, menteeId(req)));
}

/** The mentee page a refused form is shown on (its locals loaded only then). */
const showPage = (req: Request, id: string) => ({
  view: 'mentoring/show',
  locals: () => pageLocals(req, id),
});

/** A date field that has the right shape but names no real day (e.g. 2026-02-30). */
async function notARealDate(req: Request, id: string, field: string) {
  const page = showPage(req, id);
  return fieldError(
    { view: page.view, locals: await page.locals() },
    field,
    'Enter a real date.',
    req.body,
  );
}

export async function postCadence(req: Request, res: Response): Promise<void> {
  const id = menteeId(req);
  const form = await parseFormLoading(cadenceBody, req.body, showPage(req, id));
  if (!parseLocalDate(form.startDate)) throw await notARealDate(req, id, 'startDate');
  await setCadence(req.user!.id, id, { ...form, everyWeeks: form.everyWeeks as 1 | 2 | 4 });
  req.flash('success', 'Cadence saved; the next check-ins are planned and invitations sent.');
  res.redirect(303, `/mentoring/${id}`);
}

export async function postStopCadence(req: Request, res: Response): Promise<void> {
  const id = menteeId(req);
  await stopCadence(req.user!.id, id);
  req.flash('success', 'Cadence stopped; planned check-ins of it are cancelled.');
  res.redirect(303, `/mentoring/${id}`);
}

export async function postOneOff(req: Request, res: Response): Promise<void> {
  const id = menteeId(req);
  const form = await parseFormLoading(oneOffBody, req.body, showPage(req, id));
  const date = parseLocalDate(form.startsAt.slice(0, 10));
  if (!date) throw await notARealDate(req, id, 'startsAt');
  const [h, m] = form.startsAt.slice(11).split(':').map(Number);
  const checkin = await scheduleOneOff(req.user!.id, id, {
    startsAt: zonedTimeToUtc(date, h, m, form.timeZone),
    timeZone: form.timeZone,
    durationMinutes: form.durationMinutes,
    meetingUrl: form.meetingUrl,
  });
  req.flash('success', 'Check-in scheduled; invitations sent.');
  res.redirect(303, `/checkins/${String(checkin._id)}`);
}

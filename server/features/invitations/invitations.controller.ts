/** Admin side (invite one, invite many, re-invite) and the invited person's accept page. */
import type { Request, Response } from 'express';
import type { MailStatus } from '../mail/mail.service.js';
import { BadRequestError, ConflictError } from '../../lib/errors.js';
import { COUNTRY_OPTIONS } from '../../lib/countries.js';
import { ROLE_LABELS, ROLES } from '../../lib/roles.js';
import { configOf } from '../../web/app-config.js';
import { fieldError, parseForm } from '../../web/validate.js';
import { signIn } from '../auth/session.js';
import { listCohorts } from '../cohorts/cohorts.service.js';
import { toSessionUser } from '../users/users.service.js';
import { inviteFromCsv } from './bulk-invite.service.js';
import { acceptInvitation, invitationState, invite, reinvite } from './invitations.service.js';
import { acceptSchema, bulkInviteSchema, inviteSchema } from './invitations.schemas.js';

const LINK_STATUS = { invalid: 404, used: 410, expired: 410 } as const;

async function formLocals() {
  const cohorts = await listCohorts();
  return {
    title: 'Invite people',
    countryOptions: COUNTRY_OPTIONS,
    roleOptions: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
    cohortOptions: cohorts.map((c) => ({ value: c.slug, label: c.name })),
  };
}

export async function showInvite(_req: Request, res: Response): Promise<void> {
  res.render('invitations/new', { ...(await formLocals()), values: { role: 'innovator' } });
}

export async function createInvitation(req: Request, res: Response): Promise<void> {
  const view = { view: 'invitations/new', locals: await formLocals() };
  const form = parseForm(inviteSchema, req.body, view);
  try {
    const { user, mail } = await invite({
      ...form,
      invitedBy: req.user?.id,
      ttlDays: configOf(req).inviteTtlDays,
    });
    flashMailOutcome(
      req,
      mail.status,
      `Invitation sent to ${user.email}.`,
      `The invitation to ${user.email} is saved`,
    );
    res.redirect(303, `/admin/people/${user.id}`);
  } catch (err) {
    if (err instanceof ConflictError) throw fieldError(view, 'email', err.message, req.body);
    if (err instanceof BadRequestError) throw fieldError(view, 'cohort', err.message, req.body);
    throw err;
  }
}

export async function bulkInvite(req: Request, res: Response): Promise<void> {
  const locals = await formLocals();
  const form = parseForm(bulkInviteSchema, req.body, { view: 'invitations/new', locals });
  const result = await inviteFromCsv(form.csv, req.user?.id, configOf(req).inviteTtlDays);
  res
    .status(result.invited.length === 0 ? 422 : 200)
    .render('invitations/bulk-result', { ...locals, title: 'Invitations sent', result });
}

export async function reinvitePerson(req: Request, res: Response): Promise<void> {
  const { user, mail } = await reinvite(
    String(req.params.id),
    req.user?.id,
    configOf(req).inviteTtlDays,
  );
  flashMailOutcome(
    req,
    mail.status,
    `A new invitation was sent to ${user.email}; the previous link no longer works.`,
    `A new invitation for ${user.email} is saved`,
  );
  res.redirect(303, `/admin/people/${user.id}`);
}

/** What happened to the invitation mail, in the admin's words. */
function flashMailOutcome(req: Request, status: MailStatus, sent: string, saved: string): void {
  if (status === 'sent') return req.flash('success', sent);
  req.flash(
    'warning',
    status === 'uncertain'
      ? `${saved}, but the connection to the mail server dropped while sending: it may not have arrived. It is not resent on its own; the Outbox has a "Send again" button.`
      : `${saved} but could not be mailed yet; it will be retried.`,
  );
}

function linkProblem(res: Response, state: keyof typeof LINK_STATUS): void {
  res
    .status(LINK_STATUS[state])
    .render(`invitations/${state}`, { title: 'This invitation cannot be used' });
}

export async function showAccept(req: Request, res: Response): Promise<void> {
  const { state, name, email } = await invitationState(String(req.params.token));
  if (state !== 'valid') return linkProblem(res, state);
  res.render('invitations/accept', {
    title: 'Welcome to Atelier',
    token: req.params.token,
    email,
    values: { name },
  });
}

/** Sets name and password, signs the person in and takes them to their dashboard. */
export async function accept(req: Request, res: Response): Promise<void> {
  const token = String(req.params.token);
  const current = await invitationState(token);
  if (current.state !== 'valid') return linkProblem(res, current.state);
  const form = parseForm(acceptSchema, req.body, {
    view: 'invitations/accept',
    locals: { title: 'Welcome to Atelier', token, email: current.email },
  });
  const result = await acceptInvitation(token, { name: form.name, password: form.newPassword });
  if (result.state !== 'valid') return linkProblem(res, result.state);
  await signIn(req, toSessionUser(result.user), result.sessionVersion);
  req.flash('success', `Welcome, ${result.user.name}! Your account is ready.`);
  res.redirect(303, '/');
}

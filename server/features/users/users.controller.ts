/** Admin people pages: the filtered list, one person, roles, countries, (de)activation. */
import type { Request, Response } from 'express';
import { COUNTRY_OPTIONS } from '../../lib/countries.js';
import { ROLE_LABELS, ROLES } from '../../lib/roles.js';
import { parseOrBadRequest } from '../../web/validate.js';
import {
  cohortsOfUser,
  getCohortBySlug,
  listCohorts,
  menteesOf,
  mentorOf,
} from '../cohorts/cohorts.service.js';
import { latestInvitations } from '../invitations/invitations.service.js';
import { listPeople, setActive, setAmbassadorCountries, setRoles } from './people.service.js';
import { getUsers, requireUser } from './users.service.js';
import { countriesSchema, peopleQuerySchema, rolesSchema } from './users.schemas.js';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export async function listPage(req: Request, res: Response): Promise<void> {
  const parsed = peopleQuerySchema.safeParse(req.query);
  const filter = parsed.success ? parsed.data : {};
  const cohorts = await listCohorts();
  const cohort = filter.cohort ? await getCohortBySlug(filter.cohort).catch(() => null) : null;
  const result = await listPeople({
    ...filter,
    ids: filter.cohort ? (cohort?.memberIds ?? []) : undefined,
  });
  const invitations = await latestInvitations(
    result.people.filter((p) => p.pending).map((p) => p.id),
  );
  res.render('users/index', {
    title: 'People',
    ...result,
    filter,
    invitations,
    roleOptions,
    countryOptions: COUNTRY_OPTIONS,
    cohortOptions: cohorts.map((c) => ({ value: c.slug, label: c.name })),
  });
}

export async function showPerson(req: Request, res: Response): Promise<void> {
  const person = await requireUser(String(req.params.id));
  const [cohorts, mentorId, menteeIds, invitations] = await Promise.all([
    cohortsOfUser(person.id),
    mentorOf(person.id),
    menteesOf(person.id),
    latestInvitations([person.id]),
  ]);
  const related = await getUsers([...(mentorId ? [mentorId] : []), ...menteeIds]);
  res.render('users/show', {
    title: person.name,
    person,
    cohorts,
    mentor: related.find((u) => u.id === mentorId) ?? null,
    mentees: related.filter((u) => menteeIds.includes(u.id)),
    invitation: invitations.get(person.id) ?? null,
    roleOptions,
    countryOptions: COUNTRY_OPTIONS,
  });
}

export async function updateRoles(req: Request, res: Response): Promise<void> {
  const id = String(req.params.id);
  const { roles } = parseOrBadRequest(rolesSchema, req.body);
  await setRoles(id, roles, req.user?.id);
  req.flash('success', 'Roles saved.');
  res.redirect(303, `/admin/people/${id}`);
}

export async function updateCountries(req: Request, res: Response): Promise<void> {
  const id = String(req.params.id);
  const { countries } = parseOrBadRequest(countriesSchema, req.body);
  await setAmbassadorCountries(id, countries);
  req.flash('success', 'Countries saved.');
  res.redirect(303, `/admin/people/${id}`);
}

export async function deactivate(req: Request, res: Response): Promise<void> {
  const id = String(req.params.id);
  await setActive(id, false, req.user?.id);
  req.flash('success', 'Deactivated: they can no longer sign in. Their work is kept.');
  res.redirect(303, `/admin/people/${id}`);
}

export async function reactivate(req: Request, res: Response): Promise<void> {
  const id = String(req.params.id);
  await setActive(id, true, req.user?.id);
  req.flash('success', 'Reactivated: they can sign in again.');
  res.redirect(303, `/admin/people/${id}`);
}

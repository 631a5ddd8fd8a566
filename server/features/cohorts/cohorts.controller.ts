/** Admin cohort pages: list, create, members, mentors (with history), ambassadors. */
import type { Request, Response } from 'express';
import { BadRequestError } from '../../lib/errors.js';
import { COUNTRY_OPTIONS, countryName } from '../../lib/countries.js';
import { fieldError, parseForm, parseOrBadRequest } from '../../web/validate.js';
import { addAmbassadorCountry } from '../users/people.service.js';
import { addMembersByEmail, cohortPage } from './cohort-page.service.js';
import { ambassadorSchema, cohortSchema, membersSchema, mentorSchema } from './cohorts.schemas.js';
import {
  assignMentor,
  createCohort,
  getCohortBySlug,
  listCohorts,
  removeMember,
} from './cohorts.service.js';

const NEW_VIEW = {
  view: 'cohorts/new',
  locals: { title: 'New cohort', countryOptions: COUNTRY_OPTIONS },
};

export async function index(_req: Request, res: Response): Promise<void> {
  res.render('cohorts/index', { title: 'Cohorts', cohorts: await listCohorts(), countryName });
}

export function showNew(_req: Request, res: Response): void {
  res.render('cohorts/new', NEW_VIEW.locals);
}

export async function create(req: Request, res: Response): Promise<void> {
  const form = parseForm(cohortSchema, req.body, NEW_VIEW);
  try {
    const cohort = await createCohort(form);
    req.flash('success', `Cohort "${cohort.name}" created. Now add its people.`);
    res.redirect(303, `/admin/cohorts/${cohort.slug}`);
  } catch (err) {
    if (err instanceof BadRequestError)
      throw fieldError(NEW_VIEW, 'endDate', err.message, req.body);
    throw err;
  }
}

export async function show(req: Request, res: Response): Promise<void> {
  const page = await cohortPage(String(req.params.slug));
  res.render('cohorts/show', {
    title: page.cohort.name,
    ...page,
    countryName,
    countryOptions: COUNTRY_OPTIONS,
  });
}

export async function addPeople(req: Request, res: Response): Promise<void> {
  const cohort = await getCohortBySlug(String(req.params.slug));
  const { emails } = parseOrBadRequest(membersSchema, req.body);
  const { added, unknown } = await addMembersByEmail(cohort.id, emails);
  if (added) req.flash('success', `${added} ${added === 1 ? 'person' : 'people'} added.`);
  if (unknown.length)
    req.flash('warning', `No account uses: ${unknown.join(', ')}. Invite them first.`);
  res.redirect(303, `/admin/cohorts/${cohort.slug}`);
}

export async function removePerson(req: Request, res: Response): Promise<void> {
  const cohort = await getCohortBySlug(String(req.params.slug));
  await removeMember(cohort.id, String(req.params.userId));
  req.flash('success', 'Removed from the cohort. Their work is kept.');
  res.redirect(303, `/admin/cohorts/${cohort.slug}`);
}

export async function setMentor(req: Request, res: Response): Promise<void> {
  const cohort = await getCohortBySlug(String(req.params.slug));
  const { innovatorId, mentorId } = parseOrBadRequest(mentorSchema, req.body);
  await assignMentor({ cohortId: cohort.id, innovatorId, mentorId, assignedBy: req.user?.id });
  req.flash('success', 'Mentor assigned.');
  res.redirect(303, `/admin/cohorts/${cohort.slug}`);
}

export async function addAmbassador(req: Request, res: Response): Promise<void> {
  const cohort = await getCohortBySlug(String(req.params.slug));
  const { userId, country } = parseOrBadRequest(ambassadorSchema, req.body);
  await addAmbassadorCountry(userId, country);
  req.flash('success', `Ambassador assigned to ${countryName(country)}.`);
  res.redirect(303, `/admin/cohorts/${cohort.slug}`);
}

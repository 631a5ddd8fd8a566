/** The gradebook page and its CSV export. */
import type { Request, Response } from 'express';
import { COUNTRY_OPTIONS } from '../../lib/countries.js';
import { listCohorts } from '../cohorts/cohorts.service.js';
import { peopleWithRole } from '../users/people.service.js';
import { parseGradebookQuery } from './gradebook.schemas.js';
import { buildGradebook, gradebookCsv } from './gradebook.service.js';

function queryString(filter: ReturnType<typeof parseGradebookQuery>): string {
  const params = new URLSearchParams();
  if (filter.cohortId) params.set('cohort', filter.cohortId);
  if (filter.country) params.set('country', filter.country);
  if (filter.mentorId) params.set('mentor', filter.mentorId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** GET /gradebook[?cohort=&country=&mentor=] */
export async function showGradebook(req: Request, res: Response): Promise<void> {
  const filter = parseGradebookQuery(req.query);
  const isAdmin = req.user!.roles.includes('admin');
  const [book, cohorts, mentors] = await Promise.all([
    buildGradebook(req.user!, filter),
    isAdmin ? listCohorts() : Promise.resolve([]),
    isAdmin ? peopleWithRole('mentor') : Promise.resolve([]),
  ]);
  res.render('gradebook/index', {
    title: 'Gradebook',
    book,
    filter,
    isAdmin,
    canGrade: req.user!.roles.includes('mentor'),
    csvHref: `/gradebook.csv${queryString(filter)}`,
    options: {
      cohorts: cohorts.map((c) => ({ value: c.id, label: c.name })),
      countries: COUNTRY_OPTIONS,
      mentors: mentors.map((m) => ({ value: m.id, label: m.name })),
    },
  });
}

/** GET /gradebook.csv (same filters): UTF-8 with BOM so Excel reads Cyrillic and Greek names. */
export async function downloadGradebook(req: Request, res: Response): Promise<void> {
  const book = await buildGradebook(req.user!, parseGradebookQuery(req.query));
  const stamp = new Date().toISOString().slice(0, 10);
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="gradebook-${stamp}.csv"`);
  res.set('Cache-Control', 'private, no-store');
  res.send(gradebookCsv(book));
}

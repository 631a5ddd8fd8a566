/** The ambassador's country overview page. */
import type { Request, Response } from 'express';
import { COUNTRY_OPTIONS } from '../../lib/countries.js';
import { parseOverviewQuery } from './ambassador.schemas.js';
import { buildOverview } from './ambassador.service.js';

/** GET /ambassador[?country=] */
export async function showOverview(req: Request, res: Response): Promise<void> {
  const filter = parseOverviewQuery(req.query);
  const overview = await buildOverview(req.user!, filter);
  res.render('ambassador/index', {
    title: overview.isAdmin ? 'Countries' : 'My country',
    overview,
    filter,
    countryOptions: COUNTRY_OPTIONS,
  });
}

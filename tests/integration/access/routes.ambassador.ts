/**
 * The ambassador overview in the role matrix: ambassadors and admins only. The matrix's ambassador
 * follows AL; asking for another country's overview still only shows their own (tested in
 * tests/integration/ambassador), so the guard answers the same.
 */
import { only, type RouteCase } from './matrix.js';

export const routes: RouteCase[] = [
  { method: 'GET', path: '/ambassador', expect: only('ambassador', 'admin') },
  {
    method: 'GET',
    path: '/ambassador?country=RS',
    expect: only('ambassador', 'admin'),
    note: 'a country filter',
  },
];

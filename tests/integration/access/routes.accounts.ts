/** The accounts feature's routes in the role matrix (issue 4). */
import { everyone, only, signedIn, type RouteCase } from './matrix.js';

const BOGUS_TOKEN = 'x'.repeat(43);
const admin = () => only('admin');
export const routes: RouteCase[] = [
  // Sign-in and password reset: open to all.
  { method: 'GET', path: '/login', expect: everyone() },
  { method: 'POST', path: '/login', expect: everyone(), note: 'empty form: 400' },
  { method: 'POST', path: '/logout', expect: everyone(), fresh: true },
  { method: 'GET', path: '/password/forgot', expect: everyone() },
  { method: 'POST', path: '/password/forgot', expect: everyone() },
  { method: 'GET', path: `/password/reset/${BOGUS_TOKEN}`, expect: everyone(404) },
  { method: 'POST', path: `/password/reset/${BOGUS_TOKEN}`, expect: everyone(404) },
  { method: 'GET', path: `/invitations/${BOGUS_TOKEN}`, expect: everyone(404) },
  { method: 'POST', path: `/invitations/${BOGUS_TOKEN}`, expect: everyone(404) },
  { method: 'GET', path: `/account/email/confirm/${BOGUS_TOKEN}`, expect: everyone(404) },
  { method: 'POST', path: `/account/email/confirm/${BOGUS_TOKEN}`, expect: everyone(404) },

  // One's own account and profile.
  { method: 'GET', path: '/account/password', expect: signedIn() },
  { method: 'POST', path: '/account/password', expect: signedIn() },
  { method: 'GET', path: '/account/email', expect: signedIn() },
  { method: 'POST', path: '/account/email', expect: signedIn() },
  { method: 'GET', path: '/profile', expect: signedIn() },
  { method: 'POST', path: '/profile', expect: signedIn() },
  { method: 'POST', path: '/profile/photo', expect: signedIn(), note: 'no file: 400' },
  { method: 'POST', path: '/profile/photo/remove', expect: signedIn() },

  // Someone's profile page: object-level (not visible -> 404, never 403).
  {
    method: 'GET',
    path: (w) => `/people/${w.users.innovator.id}`,
    expect: { ...signedIn(), author: 404 },
    note: 'innovator A: self, their mentor, the ambassador of AL',
  },
  {
    method: 'GET',
    path: (w) => `/people/${w.innovatorB.id}`,
    expect: { ...signedIn(404), admin: 'ok' },
    note: "mentor A cannot open mentee-of-B's page; the ambassador of AL cannot see RS",
  },
  {
    method: 'GET',
    path: (w) => `/people/${w.users.mentor.id}`,
    expect: { ...signedIn(), author: 404 },
    note: 'mentor A: their mentee and the ambassador of their country see them',
  },
  {
    method: 'GET',
    path: '/people/0123456789abcdef01234567',
    expect: signedIn(404),
  },
  {
    method: 'GET',
    path: (w) => `/people/${w.users.innovator.id}/photo`,
    expect: signedIn(404),
    note: 'no photo: 404 for the signed-in',
  },

  // Admin: people, invitations, cohorts, outbox.
  { method: 'GET', path: '/admin/people', expect: admin() },
  { method: 'GET', path: (w) => `/admin/people/${w.spare.id}`, expect: admin() },
  {
    method: 'POST',
    path: (w) => `/admin/people/${w.spare.id}/roles`,
    body: { roles: 'innovator' },
    expect: admin(),
  },
  {
    method: 'POST',
    path: (w) => `/admin/people/${w.spare.id}/countries`,
    expect: admin(),
    note: 'not an ambassador: 400',
  },
  { method: 'POST', path: (w) => `/admin/people/${w.spare.id}/deactivate`, expect: admin() },
  { method: 'POST', path: (w) => `/admin/people/${w.spare.id}/reactivate`, expect: admin() },
  { method: 'POST', path: (w) => `/admin/people/${w.pending.id}/reinvite`, expect: admin() },
  { method: 'GET', path: '/admin/invitations/new', expect: admin() },
  { method: 'POST', path: '/admin/invitations', expect: admin() },
  { method: 'POST', path: '/admin/invitations/bulk', expect: admin() },
  { method: 'GET', path: '/admin/cohorts', expect: admin() },
  { method: 'GET', path: '/admin/cohorts/new', expect: admin() },
  { method: 'POST', path: '/admin/cohorts', expect: admin() },
  { method: 'GET', path: (w) => `/admin/cohorts/${w.cohort.slug}`, expect: admin() },
  { method: 'POST', path: (w) => `/admin/cohorts/${w.cohort.slug}/members`, expect: admin() },
  {
    method: 'POST',
    path: (w) => `/admin/cohorts/${w.cohort.slug}/members/${w.spare.id}/remove`,
    expect: admin(),
  },
  { method: 'POST', path: (w) => `/admin/cohorts/${w.cohort.slug}/mentors`, expect: admin() },
  { method: 'POST', path: (w) => `/admin/cohorts/${w.cohort.slug}/ambassadors`, expect: admin() },
  { method: 'GET', path: '/admin/outbox', expect: admin() },
  {
    method: 'GET',
    path: '/admin/outbox/0123456789abcdef01234567',
    expect: { ...admin(), admin: 404 },
  },
  {
    method: 'GET',
    path: '/admin/outbox/0123456789abcdef01234567/eml',
    expect: { ...admin(), admin: 404 },
  },
  {
    method: 'POST',
    path: '/admin/outbox/0123456789abcdef01234567/retry',
    expect: { ...admin(), admin: 404 },
  },
];

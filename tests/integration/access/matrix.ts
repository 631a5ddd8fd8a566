/**
 * The role matrix's vocabulary. Each feature describes its routes in `routes.<feature>.ts`
 * (exporting `routes: RouteCase[]` and optionally `setup(world, config)` to add its own fixtures
 * to `world.extra`); role-matrix.test.ts walks every file with every actor, and fails when the app
 * has a route no table names.
 */
import type { TestUser } from '../../helpers/factories/users.js';

export const ACTORS = [
  'anonymous',
  'innovator',
  'mentor',
  'ambassador',
  'author',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * 'ok'    - allowed: any answer below 500 that is not 401/403/404 or a redirect to sign-in
 *           (a 400/422 for the deliberately empty form body still proves the guard let it in);
 * 'login' - sent to /login (303) or 401;
 * 403/404 or any number - exactly that status.
 */
export type Expectation = 'ok' | 'login' | number;

export interface World {
  /** The signed-in actors; mentor A mentors innovator A (country AL), the ambassador follows AL. */
  users: Record<Exclude<Actor, 'anonymous'>, TestUser>;
  mentorB: TestUser;
  /** Mentored by mentor B, from RS: nobody but admins and themself may see them. */
  innovatorB: TestUser;
  /** A person admin routes may change without spoiling other checks. */
  spare: TestUser;
  /** Invited, has not accepted. */
  pending: TestUser;
  cohort: { id: string; slug: string };
  /** Per-feature fixtures added by each routes file's setup(). */
  extra: Record<string, unknown>;
}

/** Text an actor's answer must (has) or must not (lacks) contain: what they can see. */
export interface Sees {
  has?: string[];
  lacks?: string[];
}

export interface RouteCase {
  method: 'GET' | 'POST';
  /** A function of the actor too when each needs their own object (e.g. one to delete). */
  path: string | ((w: World, actor: Actor) => string);
  /** Form fields for POSTs (the CSRF token is added). Leave empty to test the guard only. */
  body?: Record<string, string> | ((w: World) => Record<string, string>);
  expect: Record<Actor, Expectation>;
  /** Object-level content checks on the answers of some actors (HTML or text bodies). */
  sees?: Partial<Record<Actor, Sees | ((w: World) => Sees)>>;
  /** Sign in afresh for this case (the route ends the session, e.g. sign-out). */
  fresh?: boolean;
  note?: string;
}

const all = (e: Expectation): Record<Actor, Expectation> =>
  Object.fromEntries(ACTORS.map((a) => [a, e])) as Record<Actor, Expectation>;

/** Anyone, signed in or not, gets `e` (allowed, or e.g. the same 404 for a bad link). */
export const everyone = (e: Expectation = 'ok'): Record<Actor, Expectation> => all(e);
/** Any signed-in person gets `e` (allowed unless said); visitors are sent to sign in. */
export const signedIn = (e: Expectation = 'ok'): Record<Actor, Expectation> => ({
  ...all(e),
  anonymous: 'login',
});
/** Only the listed roles; other signed-in people get 403. */
export const only = (...roles: Actor[]): Record<Actor, Expectation> => ({
  ...all(403),
  anonymous: 'login',
  ...Object.fromEntries(roles.map((r) => [r, 'ok'])),
});

/**
 * Every route with every role (and anonymous): allowed or denied as the tables in
 * routes.<feature>.ts say, including object-level checks (not visible -> 404, never 403, and what
 * a page shows), and a check that no route of the app is missing from the tables.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type request from 'supertest';
import { resetRateLimits } from '../../../server/features/auth/rate-limits.js';
import { useMailConfig } from '../../../server/features/mail/mail.config.js';
import { buildTestApp } from '../../helpers/app.js';
import { csrfAgent, type CsrfAgent } from '../../helpers/csrf.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { loginAs } from '../../helpers/login.js';
import type { Config } from '../../../server/config/env.js';
import { mountedRoutes, routeFor } from './app-routes.js';
import { ACTORS, type Actor, type Expectation, type RouteCase, type World } from './matrix.js';
import { buildWorld } from './world.js';

interface RouteTable {
  routes: RouteCase[];
  setup?: (world: World, config: Config) => Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const tableFiles = readdirSync(here)
  .filter((f) => /^routes\.[\w-]+\.ts$/.test(f))
  .sort();
const tables: Array<{ file: string; table: RouteTable }> = [];
for (const file of tableFiles) {
  tables.push({
    file,
    table: (await import(pathToFileURL(path.join(here, file)).href)) as RouteTable,
  });
}

/** "/people/:users.innovator.id" for a path written as (w) => `/people/${w.users.innovator.id}`. */
function label(p: RouteCase['path']): string {
  if (typeof p === 'string') return p;
  const placeholder = (trail: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_t, key) =>
        key === Symbol.toPrimitive || key === 'toString'
          ? () => `:${trail.join('.')}`
          : placeholder([...trail, String(key)]),
    });
  return p(placeholder([]) as World, ':actor' as Actor);
}

const { app, config } = buildTestApp();
let world: World;
const agents = new Map<Actor, CsrfAgent>();

async function agentFor(actor: Actor, fresh = false): Promise<CsrfAgent> {
  const cached = agents.get(actor);
  if (cached && !fresh) return cached;
  const agent =
    actor === 'anonymous' ? await csrfAgent(app, '/login') : await loginAs(app, world.users[actor]);
  if (!fresh) agents.set(actor, agent);
  return agent;
}

type Outcome = 'login' | number;

function outcome(res: request.Response): Outcome {
  if (res.status === 401) return 'login';
  if (
    [301, 302, 303].includes(res.status) &&
    String(res.headers.location ?? '').startsWith('/login')
  )
    return 'login';
  return res.status;
}

function matches(expected: Expectation, got: Outcome): boolean {
  if (expected === 'login') return got === 'login';
  if (expected === 'ok')
    return typeof got === 'number' && got < 500 && ![401, 403, 404].includes(got);
  return got === expected;
}

function urlOf(c: RouteCase, actor: Actor): string {
  return typeof c.path === 'function' ? c.path(world, actor) : c.path;
}

async function call(agent: CsrfAgent, c: RouteCase, actor: Actor): Promise<request.Response> {
  const url = urlOf(c, actor);
  if (c.method === 'GET') return agent.get(url).set('Accept', 'text/html').redirects(0);
  const body = typeof c.body === 'function' ? c.body(world) : (c.body ?? {});
  return agent.postForm(url, body);
}

beforeAll(async () => {
  useMailConfig(config);
  await connectTestDatabase();
  await clearDatabase();
  world = await buildWorld();
  for (const { table } of tables) await table.setup?.(world, config);
});
beforeEach(resetRateLimits);
afterAll(async () => {
  useMailConfig(undefined);
  await disconnect();
});

for (const { file, table } of tables) {
  describe(file, () => {
    for (const c of table.routes) {
      it(`${c.method} ${label(c.path)}${c.note ? ` (${c.note})` : ''}`, async () => {
        const wrong: string[] = [];
        for (const actor of ACTORS) {
          const res = await call(await agentFor(actor, c.fresh), c, actor);
          const got = outcome(res);
          if (!matches(c.expect[actor], got))
            wrong.push(`${actor}: expected ${c.expect[actor]}, got ${got}`);
          const sees = c.sees?.[actor];
          const { has = [], lacks = [] } = typeof sees === 'function' ? sees(world) : (sees ?? {});
          for (const text of has)
            if (!res.text?.includes(text)) wrong.push(`${actor}: does not see "${text}"`);
          for (const text of lacks)
            if (res.text?.includes(text)) wrong.push(`${actor}: sees "${text}"`);
        }
        expect(wrong).toEqual([]);
      });
    }
  });
}

/**
 * Routes that need no row in a table, each with the reason. Only for routes that are not pages a
 * person opens (none so far: even the health check and the JSON preview have their row).
 */
const NOT_IN_TABLES: Record<string, string> = {};

describe('coverage', () => {
  const mounted = mountedRoutes(app);
  const cases = tables.flatMap(({ file, table }) => table.routes.map((c) => ({ file, c })));

  it('finds the routes of the app (the walk itself works)', () => {
    const names = mounted.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['GET /healthz', 'GET /learn/:module/:lesson']));
    expect(names.length).toBeGreaterThan(100);
  });

  /** The routes the tables' rows reach (for any actor). */
  const covered = () => {
    const names = new Set<string>();
    for (const { c } of cases)
      for (const actor of ACTORS) {
        const route = routeFor(mounted, c.method, urlOf(c, actor));
        if (route) names.add(route.name);
      }
    return names;
  };

  it('names every route the app mounts in some table', () => {
    const reached = covered();
    const missing = mounted.map((r) => r.name).filter((n) => !reached.has(n) && !NOT_IN_TABLES[n]);
    expect(missing).toEqual([]);
  });

  it('has no table row that reaches no route, nor an allow-list entry for a covered route', () => {
    const stale = cases
      .filter(({ c }) => !routeFor(mounted, c.method, urlOf(c, 'admin')))
      .map(({ file, c }) => `${file}: ${c.method} ${label(c.path)}`);
    expect(stale).toEqual([]);
    const names = new Set(mounted.map((r) => r.name));
    const reached = covered();
    const needless = Object.keys(NOT_IN_TABLES).filter((n) => !names.has(n) || reached.has(n));
    expect(needless).toEqual([]);
  });
});

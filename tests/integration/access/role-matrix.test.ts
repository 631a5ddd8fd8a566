/**
 * Every route with every role (and anonymous): allowed or denied as the tables in
 * routes.<feature>.ts say, including object-level checks (not visible -> 404, never 403).
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
import { ACTORS, type Actor, type Expectation, type RouteCase, type World } from './matrix.js';
import { buildWorld } from './world.js';

interface RouteTable {
  routes: RouteCase[];
  setup?: (world: World) => Promise<void>;
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
  return p(placeholder([]) as World);
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

async function call(agent: CsrfAgent, c: RouteCase): Promise<request.Response> {
  const url = typeof c.path === 'function' ? c.path(world) : c.path;
  if (c.method === 'GET') return agent.get(url).set('Accept', 'text/html').redirects(0);
  const body = typeof c.body === 'function' ? c.body(world) : (c.body ?? {});
  return agent.postForm(url, body);
}

beforeAll(async () => {
  useMailConfig(config);
  await connectTestDatabase();
  await clearDatabase();
  world = await buildWorld();
  for (const { table } of tables) await table.setup?.(world);
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
          const res = await call(await agentFor(actor, c.fresh), c);
          const got = outcome(res);
          if (!matches(c.expect[actor], got))
            wrong.push(`${actor}: expected ${c.expect[actor]}, got ${got}`);
        }
        expect(wrong).toEqual([]);
      });
    }
  });
}

it('covers every route the accounts feature mounts', async () => {
  const accounts = tables.find((t) => t.file === 'routes.accounts.ts')!.table.routes;
  const declared = new Set(
    accounts.map(
      (c) => `${c.method} ${label(c.path).replace(/:[\w.]+|[a-f0-9]{24}|x{43}/g, ':param')}`,
    ),
  );
  const routers = await Promise.all([
    import('../../../server/features/auth/auth.routes.js').then((m) => m.authRouter),
    import('../../../server/features/users/users.routes.js').then((m) => m.usersRouter),
    import('../../../server/features/cohorts/cohorts.routes.js').then((m) => m.cohortsRouter),
    import('../../../server/features/invitations/invitations.routes.js').then(
      (m) => m.invitationsRouter,
    ),
    import('../../../server/features/profile/profile.routes.js').then((m) => m.profileRouter),
    import('../../../server/features/admin/admin.routes.js').then((m) => m.adminRouter),
  ]);
  const mounted: string[] = [];
  for (const router of routers) {
    for (const layer of router.stack) {
      const route = (layer as { route?: { path: string; methods: Record<string, boolean> } }).route;
      if (!route) continue;
      for (const method of Object.keys(route.methods)) {
        mounted.push(`${method.toUpperCase()} ${route.path.replace(/:\w+/g, ':param')}`);
      }
    }
  }
  expect(mounted.filter((r) => !declared.has(r))).toEqual([]);
});

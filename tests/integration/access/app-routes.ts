/**
 * The routes an express app really answers, read from its router stack (routers mounted inside
 * routers included), each with express's own matcher so a concrete URL can be attributed to the
 * route that serves it. Middleware that answers paths without a route (the static /assets/
 * handler) is not a route and is not listed.
 */
import type express from 'express';

export interface MountedRoute {
  /** "GET /learn/:module", as declared. */
  name: string;
  method: string;
  /** Whether `url` (a path without query) is served by this route. */
  matches(url: string): boolean;
}

type Matcher = (path: string) => unknown;

/** The parts of router 2's Layer this needs (express 5 does not export the type). */
interface Layer {
  rawPath?: unknown;
  slash?: boolean;
  matchers: Matcher[];
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function walk(stack: Layer[], prefix: string, out: MountedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const { route, matchers } = layer;
      const matches = (url: string) =>
        url.startsWith(prefix) && matchers.some((m) => Boolean(m(url.slice(prefix.length) || '/')));
      for (const method of Object.keys(route.methods)) {
        const upper = method.toUpperCase();
        out.push({ name: `${upper} ${prefix}${route.path}`, method: upper, matches });
      }
    } else if (layer.handle?.stack) {
      if (!layer.slash && typeof layer.rawPath !== 'string')
        throw new Error('a router is mounted on a pattern: teach app-routes.ts to read it');
      walk(layer.handle.stack, layer.slash ? prefix : `${prefix}${String(layer.rawPath)}`, out);
    }
  }
}

/** Every route of `app`, in the order express tries them. */
export function mountedRoutes(app: express.Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  return out;
}

/** The route express would hand `method url` to (the first that matches), or undefined. */
export function routeFor(
  routes: MountedRoute[],
  method: string,
  url: string,
): MountedRoute | undefined {
  const pathOnly = url.split('?')[0];
  return routes.find((r) => r.method === method && r.matches(pathOnly));
}

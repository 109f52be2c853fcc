/**
 * Every route an Express app serves, found by walking its router stack (Express 5 / router 2: `app.router.stack`,
 * `layer.route.{path,methods}`, nested routers in `layer.handle.stack` mounted at `layer.rawPath`). Tests use it
 * so that a newly added route is covered by the access-control checks without anyone listing it.
 */
import type { Express } from 'express';

export interface AppRoute {
  method: string;
  /** Full path, e.g. /api/rings/:id; a route declared with a RegExp shows as its source in angle brackets. */
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(pathsOf);
  return [typeof value === 'string' ? value : `<${String(value)}>`];
}

export function listRoutes(app: Express): AppRoute[] {
  const out: AppRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of pathsOf(layer.route.path)) {
          for (const m of Object.keys(layer.route.methods)) {
            out.push({ method: m === '_all' ? '*' : m.toUpperCase(), path: `${prefix}${path}` });
          }
        }
      } else if (layer.handle?.stack) {
        for (const mount of pathsOf(layer.rawPath ?? '/'))
          walk(layer.handle.stack, mount === '/' ? prefix : `${prefix}${mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}

/** A concrete URL for a route pattern: every `:param` becomes `value`. */
export function fillParams(path: string, value = 'x'): string {
  return path.replace(/:[A-Za-z_]\w*/g, encodeURIComponent(value));
}

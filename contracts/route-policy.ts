/**
 * Who may call what: the one table of every API route and its minimum role, read by the access-control
 * middleware (guard.ts) before any route runs. Paths are relative to /api and written exactly as the routers
 * declare them; test/integration/auth.test.ts walks the Express router stack and fails when a route is missing
 * here, so a new route cannot slip through unclassified. At run time an unlisted route is admin-only (deny by
 * default).
 */
import type { Role } from './roles.ts';

export type Access = 'public' | Role;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RoutePolicy {
  method: Method;
  path: string;
  access: Access;
  /** Only a signed-in browser session may call it, not an API token (a leaked token must not mint new ones). */
  sessionOnly?: boolean;
  /**
   * Only a session signed in recently (AuthSettings.freshSessionMs) may call it: user management. An API token —
   * even an admin's — cannot create users or reset passwords, so a leaked token cannot mint a lasting admin.
   */
  freshSession?: boolean;
}

export const ROUTE_POLICY: readonly RoutePolicy[] = [
  { method: 'GET', path: '/health', access: 'public' },
  { method: 'POST', path: '/auth/login', access: 'public' },
  { method: 'POST', path: '/auth/logout', access: 'viewer', sessionOnly: true },
  { method: 'GET', path: '/auth/me', access: 'viewer' },
  { method: 'GET', path: '/auth/tokens', access: 'viewer' },
  { method: 'POST', path: '/auth/tokens', access: 'viewer', sessionOnly: true },
  { method: 'DELETE', path: '/auth/tokens/:id', access: 'viewer' },

  { method: 'GET', path: '/rings', access: 'viewer' },
  { method: 'GET', path: '/rings/:id', access: 'viewer' },
  { method: 'GET', path: '/runs', access: 'viewer' },
  { method: 'GET', path: '/runs/:id', access: 'viewer' },
  { method: 'GET', path: '/nodes/:kind/:id', access: 'viewer' },
  { method: 'GET', path: '/nodes/:kind/:id/neighbors', access: 'viewer' },
  { method: 'GET', path: '/search', access: 'viewer' },
  { method: 'GET', path: '/paths', access: 'viewer' },
  // A read that takes its node list as a body.
  { method: 'POST', path: '/subgraph', access: 'viewer' },
  { method: 'GET', path: '/rings/:targetId/annotations', access: 'viewer' },
  { method: 'GET', path: '/accounts/:targetId/annotations', access: 'viewer' },
  { method: 'GET', path: '/rings/:targetId/views', access: 'viewer' },
  { method: 'GET', path: '/accounts/:targetId/views', access: 'viewer' },
  { method: 'GET', path: '/views/:id', access: 'viewer' },

  { method: 'POST', path: '/rings/:targetId/notes', access: 'analyst' },
  { method: 'POST', path: '/accounts/:targetId/notes', access: 'analyst' },
  { method: 'PUT', path: '/rings/:targetId/tags', access: 'analyst' },
  { method: 'PUT', path: '/accounts/:targetId/tags', access: 'analyst' },
  { method: 'POST', path: '/rings/:targetId/views', access: 'analyst' },
  { method: 'POST', path: '/accounts/:targetId/views', access: 'analyst' },

  { method: 'POST', path: '/rings/:targetId/disposition', access: 'investigator' },
  { method: 'POST', path: '/accounts/:targetId/disposition', access: 'investigator' },
  { method: 'GET', path: '/rings/:id/export', access: 'investigator' },
  { method: 'POST', path: '/rings/:id/export', access: 'investigator' },

  { method: 'POST', path: '/ingest', access: 'admin' },
  { method: 'POST', path: '/detect', access: 'admin' },
  { method: 'GET', path: '/audit', access: 'admin' },
  { method: 'GET', path: '/users', access: 'admin' },
  { method: 'POST', path: '/users', access: 'admin', freshSession: true },
  { method: 'PATCH', path: '/users/:username', access: 'admin', freshSession: true },
  { method: 'DELETE', path: '/users/:username', access: 'admin', freshSession: true },
];

function segments(path: string): string[] {
  // Express matches case-insensitively and allows one trailing slash; match at least as loosely, so a request
  // Express would route is never mistaken for an unlisted one (which would only make it stricter anyway).
  return path.replace(/\/$/, '').toLowerCase().split('/');
}

function matches(pattern: string[], actual: string[]): boolean {
  return (
    pattern.length === actual.length &&
    pattern.every((p, i) => (p.startsWith(':') ? actual[i] !== '' : p === actual[i]))
  );
}

const COMPILED = ROUTE_POLICY.map((p) => ({ policy: p, segments: segments(p.path) }));

/** The policy of a request (method and path relative to /api); HEAD is a GET. Undefined: not listed. */
export function policyFor(method: string, path: string): RoutePolicy | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const actual = segments(path);
  return COMPILED.find((c) => c.policy.method === m && matches(c.segments, actual))?.policy;
}

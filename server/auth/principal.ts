/**
 * Who is making a request, as established by the access-control middleware (guard.ts). Kept beside the request
 * rather than on it, so nothing outside server/auth can set it.
 */
import type { Request } from 'express';
import type { Role } from '../../contracts/roles.ts';

export interface Principal {
  username: string;
  role: Role;
  via: 'session' | 'token';
  /** Session: its storage key and CSRF token. */
  sessionKey?: string;
  csrfToken?: string;
  /** Session: when its user signed in (ms since the epoch); user management needs a recent one. */
  signedInAt?: number;
  /** Token: its public id. */
  tokenId?: string;
}

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/** The signed-in user of a request behind the access-control middleware; undefined on public routes. */
export function principalOf(req: Request): Principal | undefined {
  return principals.get(req);
}

/** Like principalOf, for routes that cannot run without one (a programming error otherwise). */
export function requirePrincipal(req: Request): Principal {
  const p = principals.get(req);
  if (!p)
    throw new Error(
      `No signed-in user on ${req.method} ${req.originalUrl}: is the route listed in contracts/route-policy.ts?`,
    );
  return p;
}

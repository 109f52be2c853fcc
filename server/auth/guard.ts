/**
 * The access-control middleware, mounted in front of every /api route: finds the route's policy (policy.ts),
 * authenticates (API token or session cookie), enforces the rate limits on credentials, checks CSRF for cookie
 * sessions, then the role. Public routes skip all of it; anything else without valid credentials is a 401.
 */
import type { Request, RequestHandler, Response } from 'express';
import { audit, type AuditLog } from '../audit/service.ts';
import { ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '../errors.ts';
import { checkCsrf } from './csrf.ts';
import { policyFor } from '../../contracts/route-policy.ts';
import { setPrincipal, type Principal } from './principal.ts';
import { retryAfterSeconds, SlidingWindowLimiter } from './rate-limit.ts';
import { hasRole, type Role } from '../../contracts/roles.ts';
import type { AuthService } from './service.ts';
import { SESSION_COOKIE, type SessionStore } from './sessions.ts';
import type { AuthSettings } from './settings.ts';

export interface GuardDeps {
  auth: AuthService;
  sessions: SessionStore;
  settings: AuthSettings;
  /** The clock (ms since the epoch) of the rate limits; Date.now unless a test injects one. */
  now?: () => number;
  auditLog: AuditLog;
}

/** Cookie value by name from the Cookie header (no cookie-parser dependency for one cookie). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

export function accessControl(deps: GuardDeps): RequestHandler {
  const tokenFailures = new SlidingWindowLimiter(deps.settings.tokenFailuresPerIp, deps.now);
  const tokenUse = new SlidingWindowLimiter(deps.settings.tokenRequests, deps.now);

  async function fromToken(req: Request, header: string): Promise<Principal> {
    const ip = clientIp(req);
    const blocked = tokenFailures.check(ip);
    if (!blocked.ok) {
      throw new TooManyRequestsError(
        'Too many requests with invalid API tokens from this address; wait before trying again.',
        retryAfterSeconds(blocked.retryAfterMs),
      );
    }
    const m = /^Bearer +(\S+)$/i.exec(header);
    const owner = m ? await deps.auth.authenticateToken(m[1]!) : undefined;
    if (!owner) {
      tokenFailures.hit(ip);
      throw new UnauthorizedError('The API token is malformed, unknown, expired or revoked.');
    }
    const use = tokenUse.take(owner.tokenId);
    if (!use.ok) {
      throw new TooManyRequestsError(
        `API token ${owner.tokenId} has made more than ${deps.settings.tokenRequests.limit} requests in ${deps.settings.tokenRequests.windowMs / 1000} s; slow down.`,
        retryAfterSeconds(use.retryAfterMs),
      );
    }
    return { username: owner.username, role: owner.role, via: 'token', tokenId: owner.tokenId };
  }

  async function fromCookie(res: Response, id: string): Promise<Principal> {
    const session = await deps.sessions.resolve(id);
    if (!session) {
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new UnauthorizedError('Your session has ended (signed out or expired); sign in again.');
    }
    return {
      username: session.username,
      role: session.role,
      via: 'session',
      sessionKey: session.key,
      csrfToken: session.csrfToken,
    };
  }

  return async (req, res, next) => {
    const policy = policyFor(req.method, req.path);
    if (policy?.access === 'public') return next();

    const authorization = req.get('authorization');
    const cookie = readCookie(req, SESSION_COOKIE);
    let principal: Principal;
    if (authorization !== undefined) principal = await fromToken(req, authorization);
    else if (cookie) principal = await fromCookie(res, cookie);
    else throw new UnauthorizedError();

    if (principal.via === 'session') checkCsrf(req, principal.csrfToken!);
    setPrincipal(req, principal);

    // Deny by default: a route missing from the policy table is for admins only, and looks absent to others.
    const required: Role = policy?.access ?? 'admin';
    if (!policy && principal.role !== 'admin') throw new NotFoundError(`No API route ${req.method} ${req.path}.`);
    if (policy?.sessionOnly && principal.via !== 'session')
      throw new ForbiddenError(
        `${req.method} /api${policy.path} is only for a signed-in browser session, not an API token.`,
      );
    if (!hasRole(principal.role, required)) {
      await audit(deps.auditLog, req, {
        action: 'access.denied',
        objectType: 'route',
        objectId: `${req.method} /api${policy?.path ?? req.path}`,
        outcome: 'denied',
        details: { role: principal.role, required },
      });
      throw new ForbiddenError(
        `Your role (${principal.role}) cannot ${req.method} /api${policy?.path ?? req.path}; it needs ${required} or above.`,
      );
    }
    next();
  };
}

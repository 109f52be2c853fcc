/**
 * The access-control middleware, mounted in front of every /api route: finds the route's policy (policy.ts),
 * authenticates (API token or session cookie), enforces the rate limits on credentials, checks CSRF for cookie
 * sessions, then the role. Public routes skip all of it; anything else without valid credentials is a 401.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { AuditLog } from '../audit/service.ts';
import { AppError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '../errors.ts';
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
  /** The clock (ms since the epoch) of the rate limits and of session freshness; Date.now unless a test injects one. */
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
  const now = deps.now ?? Date.now;

  /**
   * A valid token is served whatever else came from its address: failures are limited per address, but only the
   * failing requests are refused (429 once over the limit), so a flood of bad Authorization headers — or a proxy that
   * makes every client one address — never locks out good tokens. A header that is not a well-formed RingLens token
   * (`Basic …`, garbage) is refused without a database lookup.
   */
  async function fromToken(req: Request, header: string): Promise<Principal> {
    const ip = clientIp(req);
    const m = /^Bearer +(\S+)$/i.exec(header);
    const owner = m ? await deps.auth.authenticateToken(m[1]!) : undefined;
    if (!owner) {
      const blocked = tokenFailures.take(ip);
      if (!blocked.ok) {
        throw new TooManyRequestsError(
          'Too many requests with invalid API tokens from this address; wait before trying again.',
          retryAfterSeconds(blocked.retryAfterMs),
        );
      }
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
      signedInAt: session.signedInAt,
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

    // Known before the CSRF check, so that a refusal is audited under the session's user.
    setPrincipal(req, principal);
    if (principal.via === 'session') checkCsrf(req, principal.csrfToken!, deps.settings.allowedOrigins);

    // Deny by default: a route missing from the policy table is for admins only, and looks absent to others.
    const required: Role = policy?.access ?? 'admin';
    if (!policy && principal.role !== 'admin') throw new NotFoundError(`No API route ${req.method} ${req.path}.`);
    if ((policy?.sessionOnly || policy?.freshSession) && principal.via !== 'session')
      throw new ForbiddenError(
        `${req.method} /api${policy.path} is only for a signed-in browser session, not an API token.`,
      );
    // Refusals (this 403 included) are audited, aggregated, by the app's refusal log (server/audit/refusals.ts).
    if (!hasRole(principal.role, required)) {
      throw new ForbiddenError(
        `Your role (${principal.role}) cannot ${req.method} /api${policy?.path ?? req.path}; it needs ${required} or above.`,
      );
    }
    // User management: a leaked session cookie or an unattended browser must not be enough; sign in again.
    if (policy?.freshSession && now() - (principal.signedInAt ?? 0) > deps.settings.freshSessionMs)
      throw new ReauthenticationRequiredError(
        `${req.method} /api${policy.path} needs a recent sign-in (within ${Math.round(deps.settings.freshSessionMs / 60_000)} min); sign in again (POST /api/auth/login) and retry.`,
      );
    next();
  };
}

/** 403 for user management from a session signed in too long ago. */
export class ReauthenticationRequiredError extends AppError {
  constructor(message: string) {
    super(403, 'reauthentication_required', message);
  }
}

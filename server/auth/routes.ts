/**
 * Signing in and out, and a user's own API tokens:
 *   POST   /api/auth/login        {username, password} → session cookie + {username, role, csrfToken}
 *   POST   /api/auth/logout       ends the session
 *   GET    /api/auth/me           who is signed in (401 when nobody): the web app's first call
 *   GET    /api/auth/tokens       your API tokens, without their secrets
 *   POST   /api/auth/tokens       {name, expiresInDays?} → a new token, shown this once (browser session only)
 *   DELETE /api/auth/tokens/:id   revoke one of yours
 */
import { Router, type Request } from 'express';
import { audit, type AuditLog } from '../audit/service.ts';
import { parseInput, TooManyRequestsError, UnauthorizedError } from '../errors.ts';
import { checkLoginOrigin } from './csrf.ts';
import { clientIp, readCookie } from './guard.ts';
import { verifyAgainstDummy } from './scrypt.ts';
import { requirePrincipal } from './principal.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_MS, type DeviceCookies } from './device-cookie.ts';
import { LoginThrottle, type Refusal } from './login-throttle.ts';
import { retryAfterSeconds } from './rate-limit.ts';
import { LoginBody, TokenCreateBody, TokenIdParam, Username, type Me } from '../../contracts/auth.ts';
import type { AuthService } from './service.ts';
import { SESSION_COOKIE, type SessionStore } from './sessions.ts';
import type { AuthSettings } from './settings.ts';
import { sha256 } from './tokens.ts';

export interface AuthRouteOptions {
  deviceCookies: DeviceCookies;
  /** The clock of the sign-in throttle (tests inject one). */
  now?: () => number;
}

const REFUSED: Record<Refusal['reason'], string> = {
  address: 'Too many sign-in attempts from this address; wait before trying again.',
  pair: 'Too many failed sign-ins for this user from this address; wait before trying again.',
  user: 'Too many failed sign-ins for this user from browsers it has not signed in with; wait, or sign in from a browser you used before.',
  device: 'Too many failed sign-ins for this user from this browser; wait before trying again.',
};

export function authRoutes(
  auth: AuthService,
  sessions: SessionStore,
  settings: AuthSettings,
  auditLog: AuditLog,
  options: AuthRouteOptions,
): Router {
  const router = Router();
  const throttle = new LoginThrottle(settings, options.now);
  const devices = options.deviceCookies;

  const cookieOptions = (req: Request) => ({
    httpOnly: true,
    sameSite: 'strict' as const,
    // Secure whenever the request came over HTTPS (directly, or via a proxy trusted with `trust proxy`).
    secure: req.secure,
    path: '/',
  });

  router.post('/auth/login', async (req, res) => {
    checkLoginOrigin(req, settings.allowedOrigins);
    const body = parseInput(LoginBody, req.body ?? {}, 'body');
    const username = body.username.toLowerCase();
    const ip = clientIp(req);
    // Counted before the password is hashed, in one synchronous step: guesses sent at once are counted one by one.
    const admission = throttle.admit(username, ip, devices.deviceOf(readCookie(req, DEVICE_COOKIE), username));
    if (!admission.ok)
      throw new TooManyRequestsError(REFUSED[admission.reason], retryAfterSeconds(admission.retryAfterMs));
    const user = Username.safeParse(username).success
      ? await auth.verifyLogin(username, body.password)
      : await verifyAgainstDummy(body.password);
    if (!user) {
      await audit(auditLog, req, {
        action: 'auth.login',
        actor: username,
        objectType: 'user',
        objectId: username,
        outcome: 'failure',
      });
      throw new UnauthorizedError('Wrong username or password.');
    }
    throttle.succeeded(admission.ticket);
    // A new id at every sign-in (no session fixation); the browser's previous session, if any, ends.
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await sessions.destroyKey(sha256(previous));
    const session = await sessions.create(user.username, {
      ip,
      userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
    });
    await audit(auditLog, req, {
      action: 'auth.login',
      actor: user.username,
      objectType: 'user',
      objectId: user.username,
    });
    res.cookie(SESSION_COOKIE, session.id, { ...cookieOptions(req), maxAge: settings.sessionAbsoluteMs });
    // This browser is now a known device of the user: it may sign in while guessers hold the user's ceiling.
    res.cookie(DEVICE_COOKIE, devices.issue(user.username), {
      ...cookieOptions(req),
      path: '/api/auth',
      maxAge: DEVICE_COOKIE_MAX_AGE_MS,
    });
    const me: Me = { username: user.username, role: user.role, via: 'session', csrfToken: session.csrfToken };
    res.json(me);
  });

  router.post('/auth/logout', async (req, res) => {
    const p = requirePrincipal(req);
    if (p.sessionKey) await sessions.destroyKey(p.sessionKey);
    await audit(auditLog, req, { action: 'auth.logout', objectType: 'user', objectId: p.username });
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  router.get('/auth/me', (req, res) => {
    const p = requirePrincipal(req);
    const me: Me = {
      username: p.username,
      role: p.role,
      via: p.via,
      ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
    };
    res.json(me);
  });

  router.get('/auth/tokens', async (req, res) => {
    res.json({ items: await auth.listTokens(requirePrincipal(req).username) });
  });

  router.post('/auth/tokens', async (req, res) => {
    const p = requirePrincipal(req);
    const body = parseInput(TokenCreateBody, req.body ?? {}, 'body');
    const token = await auth.createToken(p.username, body.name, body.expiresInDays);
    await audit(auditLog, req, {
      action: 'auth.token.create',
      objectType: 'token',
      objectId: token.id,
      details: { name: token.name, expiresAt: token.expiresAt },
    });
    res.status(201).json(token);
  });

  router.delete('/auth/tokens/:id', async (req, res) => {
    const p = requirePrincipal(req);
    const { id } = parseInput(TokenIdParam, req.params, 'path');
    await auth.revokeToken(p.username, id);
    await audit(auditLog, req, { action: 'auth.token.revoke', objectType: 'token', objectId: id });
    res.status(204).end();
  });

  return router;
}

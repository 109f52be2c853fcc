/**
 * Cross-site request forgery defence for cookie sessions. The cookie is SameSite=Strict, so browsers do not send it
 * on cross-site requests at all; on top of that every state-changing request (anything but GET/HEAD/OPTIONS)
 * that authenticates with the cookie must prove it comes from RingLens's own page:
 *
 * - an `Origin` naming another origin is refused outright (that covers same-site subdomains SameSite does not);
 * - then either `X-CSRF-Token` equals the session's token (synchronizer token, from POST /api/auth/login or
 *   GET /api/auth/me; compared in constant time), or the browser itself vouches for the origin (`Origin` equal
 *   to this server's, or `Sec-Fetch-Site: same-origin` when Origin is absent). Browsers set those headers and a
 *   page cannot forge them, so the web app needs no extra code; a cookie-jar script sends the token.
 *
 * "This server's origin" is the allow-list RINGLENS_ALLOWED_ORIGINS when it is set (the public https:// address a
 * proxy serves, say). Only without it is Origin compared with the request's own Host header, which a proxy may
 * rewrite and a DNS-rebinding page controls; set the list whenever RingLens is reached by a name.
 *
 * Requests with an API token (Authorization: Bearer) carry no ambient credential and are exempt.
 */
import type { Request } from 'express';
import { AppError } from '../errors.ts';
import { safeEqual } from './tokens.ts';

export class CsrfError extends AppError {
  constructor(message: string) {
    super(403, 'csrf_failed', message);
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

/**
 * True/false when the browser says whether the request comes from one of the app's origins (the allow-list, else
 * this request's own scheme and Host); undefined when it says nothing.
 */
export function fromSameOrigin(req: Request, allowedOrigins: readonly string[] = []): boolean | undefined {
  const origin = req.get('origin');
  if (origin !== undefined)
    return allowedOrigins.length > 0 ? allowedOrigins.includes(origin) : origin === `${req.protocol}://${req.host}`;
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  return undefined;
}

/** Throws CsrfError unless a cookie-authenticated state-changing request proves it comes from our own page. */
export function checkCsrf(req: Request, sessionCsrfToken: string, allowedOrigins: readonly string[] = []): void {
  if (!isStateChanging(req.method)) return;
  const same = fromSameOrigin(req, allowedOrigins);
  if (same === false) throw new CsrfError('Cross-origin requests with a session cookie are refused.');
  const token = req.get(CSRF_HEADER);
  if (token !== undefined) {
    if (!safeEqual(token, sessionCsrfToken))
      throw new CsrfError('The X-CSRF-Token header does not match this session; fetch GET /api/auth/me again.');
    return;
  }
  if (same) return;
  throw new CsrfError(
    'This request needs the X-CSRF-Token header (from GET /api/auth/me) or must come from the RingLens page.',
  );
}

/** Sign-in from another site's page (login CSRF: signing a victim into the attacker's account) is refused. */
export function checkLoginOrigin(req: Request, allowedOrigins: readonly string[] = []): void {
  if (fromSameOrigin(req, allowedOrigins) === false) throw new CsrfError('Sign-in from another site is refused.');
}

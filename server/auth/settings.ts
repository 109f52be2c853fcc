/**
 * Access-control settings: session lifetimes and rate limits, as an interface + DEFAULT_AUTH_SETTINGS +
 * validateAuthSettings() (which throws a sentence naming the bad field). Session lifetimes come from the
 * environment (server/config.ts); tests inject short ones.
 */
import type { Config } from '../config.ts';

export interface RateWindow {
  /** Requests allowed in any window of `windowMs`. */
  limit: number;
  windowMs: number;
}

export interface AuthSettings {
  /** A session ends after this long without a request … */
  sessionIdleMs: number;
  /** … and this long after sign-in, however active. */
  sessionAbsoluteMs: number;
  /** Sign-in attempts per client address. */
  loginPerIp: RateWindow;
  /**
   * Sign-in attempts per username from browsers without a device cookie of that user, counted before the password is
   * checked and handed back when it was right (whatever the address, so spreading guesses over addresses fails too).
   */
  loginFailuresPerUser: RateWindow;
  /** The same for one browser holding a device cookie of that user (it is not held back by the ceiling above). */
  loginFailuresPerDevice: RateWindow;
  /** Per username + address: after `freeFailures` failures in a row, wait baseMs, doubling each time, up to maxMs. */
  loginBackoff: { freeFailures: number; baseMs: number; maxMs: number };
  /** User management needs a session signed in at most this long ago (sign in again otherwise). */
  freshSessionMs: number;
  /** Refused requests (401, 403, 429) are written to the audit trail as one event per actor, address and window. */
  refusalAudit: { windowMs: number; maxKeys: number };
  /** Requests with an unknown, revoked or expired API token per client address. */
  tokenFailuresPerIp: RateWindow;
  /** Requests per API token (a runaway script, a leaked token). */
  tokenRequests: RateWindow;
  /**
   * How long the API remembers that a token is good, so a script's requests do not each look it up in Neo4j; 0
   * turns it off. Revoking a token, or removing, disabling or demoting its user, through this server takes effect at
   * once; done elsewhere (`npm run user`, another server), within this time.
   */
  tokenCacheMs: number;
  /** The app's origins for the CSRF check (RINGLENS_ALLOWED_ORIGINS); empty: the request's own Host is compared. */
  allowedOrigins: readonly string[];
}

const MINUTE = 60_000;

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMs: 30 * MINUTE,
  sessionAbsoluteMs: 12 * 60 * MINUTE,
  loginPerIp: { limit: 30, windowMs: 15 * MINUTE },
  loginFailuresPerUser: { limit: 5, windowMs: 15 * MINUTE },
  loginFailuresPerDevice: { limit: 10, windowMs: 15 * MINUTE },
  loginBackoff: { freeFailures: 3, baseMs: 1000, maxMs: 15 * MINUTE },
  freshSessionMs: 10 * MINUTE,
  refusalAudit: { windowMs: MINUTE, maxKeys: 500 },
  tokenFailuresPerIp: { limit: 20, windowMs: 15 * MINUTE },
  tokenRequests: { limit: 12_000, windowMs: MINUTE },
  tokenCacheMs: 5_000,
  allowedOrigins: [],
};

export class InvalidAuthSettingsError extends Error {
  override name = 'InvalidAuthSettingsError';
}

export function validateAuthSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  const s = { ...DEFAULT_AUTH_SETTINGS, ...overrides };
  const positive = (field: string, v: number) => {
    if (!Number.isInteger(v) || v < 1)
      throw new InvalidAuthSettingsError(`${field} must be a positive integer, not ${v}.`);
  };
  positive('sessionIdleMs', s.sessionIdleMs);
  positive('sessionAbsoluteMs', s.sessionAbsoluteMs);
  if (!Number.isInteger(s.tokenCacheMs) || s.tokenCacheMs < 0 || s.tokenCacheMs > MINUTE)
    throw new InvalidAuthSettingsError(`tokenCacheMs must be an integer from 0 to ${MINUTE}, not ${s.tokenCacheMs}.`);
  positive('freshSessionMs', s.freshSessionMs);
  positive('loginBackoff.baseMs', s.loginBackoff.baseMs);
  positive('loginBackoff.maxMs', s.loginBackoff.maxMs);
  if (!Number.isInteger(s.loginBackoff.freeFailures) || s.loginBackoff.freeFailures < 0)
    throw new InvalidAuthSettingsError(
      `loginBackoff.freeFailures must be a whole number, not ${s.loginBackoff.freeFailures}.`,
    );
  positive('refusalAudit.windowMs', s.refusalAudit.windowMs);
  positive('refusalAudit.maxKeys', s.refusalAudit.maxKeys);
  for (const key of [
    'loginPerIp',
    'loginFailuresPerUser',
    'loginFailuresPerDevice',
    'tokenFailuresPerIp',
    'tokenRequests',
  ] as const) {
    positive(`${key}.limit`, s[key].limit);
    positive(`${key}.windowMs`, s[key].windowMs);
  }
  return s;
}

export function authSettingsFromConfig(cfg: Config): Partial<AuthSettings> {
  return {
    sessionIdleMs: cfg.RINGLENS_SESSION_IDLE_SECONDS * 1000,
    sessionAbsoluteMs: cfg.RINGLENS_SESSION_MAX_SECONDS * 1000,
    ...(cfg.RINGLENS_ALLOWED_ORIGINS.length ? { allowedOrigins: cfg.RINGLENS_ALLOWED_ORIGINS } : {}),
  };
}

/**
 * Random secrets: API tokens and session ids. Both are 256-bit random values, so a fast hash (SHA-256) is enough
 * to store them (there is nothing to brute-force); only the hash is kept, and the secret is shown once.
 *
 * An API token reads `rlt_<id>_<secret>`: the 12-hex `id` is public (lists, revocation, audit) and finds the
 * stored hash, which is then compared with the presented secret's hash in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN = /^rlt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiToken {
  id: string;
  /** The whole token, for the user; never stored. */
  token: string;
  secretHash: string;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newApiToken(): NewApiToken {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `rlt_${id}_${secret}`, secretHash: sha256(secret) };
}

export function parseApiToken(token: string): { id: string; secret: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

/** Constant-time equality of two strings (lengths may differ; that alone is not secret). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A session id for the cookie, and the key it is stored under. */
export function newSessionId(): { id: string; key: string } {
  const id = randomBytes(32).toString('base64url');
  return { id, key: sha256(id) };
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

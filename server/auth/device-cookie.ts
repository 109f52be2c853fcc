/**
 * Device cookies (OWASP's answer to lock-out as denial of service): at every sign-in the browser gets
 * `ringlens_device = <username>.<random id>.<HMAC>`, valid for a year and sent only to /api/auth. A later sign-in
 * attempt that presents a valid one for the same username comes from a browser that user signed in with before; the
 * sign-in throttle (login-throttle.ts) lets it through the per-username ceiling that guessers exhaust. The HMAC key
 * is one of the server's secrets (server/secrets.ts), so cookies survive restarts; nobody can mint one without it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './tokens.ts';

export const DEVICE_COOKIE = 'ringlens_device';
export const DEVICE_COOKIE_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

export class DeviceCookies {
  constructor(private readonly key: Uint8Array) {}

  issue(username: string): string {
    const id = randomBytes(16).toString('base64url');
    const name = Buffer.from(username).toString('base64url');
    return `${name}.${id}.${this.mac(name, id)}`;
  }

  /** The device id when `value` is a genuine device cookie of `username`; undefined otherwise. */
  deviceOf(value: string | undefined, username: string): string | undefined {
    const parts = value?.split('.');
    if (parts?.length !== 3) return undefined;
    const [name, id, mac] = parts as [string, string, string];
    if (!safeEqual(mac, this.mac(name, id))) return undefined;
    return Buffer.from(name, 'base64url').toString() === username ? id : undefined;
  }

  private mac(name: string, id: string): string {
    return createHmac('sha256', this.key).update(`ringlens-device\u0000${name}\u0000${id}`).digest('base64url');
  }
}

import { describe, expect, it } from 'vitest';
import { DeviceCookies } from '../../../server/auth/device-cookie.ts';
import { LoginThrottle } from '../../../server/auth/login-throttle.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../../server/auth/settings.ts';

function throttle() {
  let t = 1_000_000;
  const th = new LoginThrottle(DEFAULT_AUTH_SETTINGS, () => t);
  return { th, advance: (ms: number) => (t += ms) };
}

describe('sign-in throttle', () => {
  it('counts in the same step as it decides: 25 attempts at once, at most 5 admitted', () => {
    const { th } = throttle();
    // 25 attempts from 25 addresses before any password check finished (none reported back yet).
    const admitted = Array.from({ length: 25 }, (_, i) => th.admit('alice', `10.0.0.${i}`)).filter((a) => a.ok);
    expect(admitted).toHaveLength(DEFAULT_AUTH_SETTINGS.loginFailuresPerUser.limit);
  });

  it('backs off per username + address: free failures, then 1 s, 2 s, 4 s …; a success clears it', () => {
    const { th, advance } = throttle();
    for (let i = 0; i < 3; i++) expect(th.admit('bob', '10.0.0.1').ok).toBe(true);
    expect(th.admit('bob', '10.0.0.1')).toMatchObject({ ok: false, reason: 'pair', retryAfterMs: 1000 });
    advance(1000);
    expect(th.admit('bob', '10.0.0.1').ok).toBe(true);
    expect(th.admit('bob', '10.0.0.1')).toMatchObject({ ok: false, reason: 'pair', retryAfterMs: 2000 });
    advance(2000);
    const last = th.admit('bob', '10.0.0.1');
    if (!last.ok) throw new Error('expected admission');
    th.succeeded(last.ticket);
    expect(th.admit('bob', '10.0.0.1').ok).toBe(true);
    expect([3, 4, 5, 13, 40].map((n) => th.backoffMs(n))).toEqual([1000, 2000, 4000, 900_000, 900_000]);
    // Another address is another pair (the username ceiling of 5 is shared, and not reached here).
    for (let i = 0; i < 3; i++) th.admit('bea', '10.0.0.1');
    expect(th.admit('bea', '10.0.0.1').ok).toBe(false);
    expect(th.admit('bea', '10.0.0.2').ok).toBe(true);
  });

  it('lets a known device through the exhausted per-username ceiling, up to its own limit', () => {
    const { th } = throttle();
    for (let i = 0; i < 5; i++) th.admit('carol', `192.0.2.${i}`);
    expect(th.admit('carol', '192.0.2.99')).toMatchObject({ ok: false, reason: 'user' });
    const admitted = Array.from({ length: 12 }, () => th.admit('carol', '198.51.100.1', 'device-1'));
    // The pair back-off of that address stops it first (3 in a row), never the username ceiling.
    expect(admitted.filter((a) => a.ok)).toHaveLength(3);
    expect(admitted.find((a) => !a.ok)).toMatchObject({ reason: 'pair' });
  });

  it('hands a right password back: successful sign-ins never fill the ceiling', () => {
    const { th } = throttle();
    for (let i = 0; i < 20; i++) {
      const a = th.admit('dave', `10.1.0.${i}`);
      if (!a.ok) throw new Error(`attempt ${i} refused`);
      th.succeeded(a.ticket);
    }
  });

  it('device cookies: only this server mints them, each for one username', () => {
    const devices = new DeviceCookies(Buffer.alloc(32, 7));
    const cookie = devices.issue('erin');
    expect(devices.deviceOf(cookie, 'erin')).toMatch(/^[\w-]{22}$/);
    expect(devices.deviceOf(cookie, 'frank')).toBeUndefined();
    expect(new DeviceCookies(Buffer.alloc(32, 8)).deviceOf(cookie, 'erin')).toBeUndefined();
    expect(
      devices.deviceOf(
        cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        'erin',
      ),
    ).toBeUndefined();
    expect(devices.deviceOf('garbage', 'erin')).toBeUndefined();
  });
});

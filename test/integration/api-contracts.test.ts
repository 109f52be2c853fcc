/**
 * The server sends what contracts/ says: the responses of the ring, run, annotation, ingest, health, user, API-token
 * and audit APIs, and the error answers, read from the real app against the real test Neo4j, parse with the schemas
 * in contracts/ (those the web app validates them with).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationSchema, timelineSchema } from '../../contracts/annotations.ts';
import { AuditPage } from '../../contracts/audit.ts';
import { TokenCreated, TokenList, UserCreated, UserList, UserUpdated } from '../../contracts/auth.ts';
import { ErrorResponse } from '../../contracts/errors.ts';
import { healthSchema } from '../../contracts/health.ts';
import { IngestResponse } from '../../contracts/ingest.ts';
import { ringDetailSchema, ringPageSchema } from '../../contracts/rings.ts';
import { DetectStarted, RunDetail, RunList } from '../../contracts/runs.ts';
import { createApp } from '../../server/app.ts';
import { ringIdFor } from '../../server/detect/match.ts';
import { DetectionRunner } from '../../server/runs/runner.ts';
import { createTestUser, removeTestUsers, sessionHeaders, type TestUser } from '../support/auth.ts';
import { serve, type Served } from '../support/http.ts';
import { oneRingLinks } from '../support/ingest-data.ts';
import { usePrefixedTestDb } from '../support/neo4j.ts';

describe('API responses match contracts/ (real Neo4j)', () => {
  const t = usePrefixedTestDb();
  const p = t.prefix('contracts');
  let http: Served;
  let admin: TestUser;
  let runner: DetectionRunner;
  const runIds: string[] = [];
  /** Users made through POST /api/users, removed with the test users. */
  const madeUsers: Array<{ username: string }> = [];

  const get = async (path: string) => {
    const res = await fetch(`${http.base}/api${path}`, { headers: admin.headers });
    expect(res.status, path).toBe(200);
    return res.json();
  };

  const post = (path: string, body: unknown, headers = admin.json) =>
    fetch(`${http.base}/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  beforeAll(async () => {
    admin = await createTestUser(t.db, 'admin');
    runner = new DetectionRunner(t.db);
    http = await serve(createApp({ db: t.db, runner, clientDir: '/nonexistent' }));
  });
  afterAll(async () => {
    await http?.close();
    await runner?.idle();
    await t.db.write('test-detection-cleanup.write', { runIds });
    await removeTestUsers(t.db, madeUsers);
    await removeTestUsers(t.db);
  });

  it('rings, runs, annotations, ingest and health', async () => {
    const { ids, records } = oneRingLinks(p);
    const load = await post('/ingest', { kind: 'links', records });
    expect(load.status).toBe(200);
    expect(IngestResponse.parse(await load.json())).toMatchObject({ kind: 'links', rowsWritten: records.length });

    const detect = await post('/detect', {});
    expect(detect.status).toBe(202);
    const started = DetectStarted.parse(await detect.json());
    runIds.push(started.id);
    // Running (with its progress) or, on a fast machine, already finished: either is a RunDetail.
    expect(RunDetail.parse(await get(`/runs/${started.id}`))).toMatchObject({ id: started.id });
    await runner.idle();
    // A new ring's id is a hash of its members (server/detect/match.ts).
    const ringId = ringIdFor(ids);

    const page = ringPageSchema.parse(await get(`/rings?minScore=0&pageSize=200`));
    expect(page.items.some((r) => r.id === ringId)).toBe(true);
    const ring = ringDetailSchema.parse(await get(`/rings/${ringId}`));
    expect(ring.members.map((m) => m.id).sort()).toEqual(ids);
    expect(ring.evidence.edges.length).toBeGreaterThan(0);

    const runs = RunList.parse(await get('/runs'));
    expect(runs.items.find((r) => r.id === started.id)).toMatchObject({ status: 'finished' });
    const detail = RunDetail.parse(await get(`/runs/${started.id}`));
    expect(detail.params).toMatchObject({ seed: expect.any(Number) });
    expect(detail.timings).toMatchObject({ project: expect.any(Number) });
    expect(detail.progress).toBeUndefined();

    const note = await post(`/rings/${ringId}/notes`, { body: 'Same device and card.' });
    expect(note.status).toBe(201);
    expect(annotationSchema.parse(await note.json())).toMatchObject({ kind: 'note', author: admin.username });
    const timeline = timelineSchema.parse(await get(`/rings/${ringId}/annotations`));
    expect(timeline.items.map((e) => e.body)).toEqual(['Same device and card.']);

    expect(healthSchema.parse(await get('/health'))).toMatchObject({ status: 'ok', neo4j: { connected: true } });
  });

  it('users, API tokens, the audit trail and error answers', async () => {
    const session = await sessionHeaders(http.base, admin);
    const username = `${p}user`
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '')
      .slice(0, 60);
    madeUsers.push({ username });
    const made = await post('/users', { username, role: 'viewer' }, session);
    expect(made.status).toBe(201);
    const created = UserCreated.parse(await made.json());
    expect(created).toMatchObject({ username, role: 'viewer', password: expect.any(String) });
    const users = UserList.parse(await get('/users'));
    expect(users.items.find((u) => u.username === username)).toMatchObject({ disabled: false, tokens: 0 });
    const patched = await fetch(`${http.base}/api/users/${username}`, {
      method: 'PATCH',
      headers: session,
      body: JSON.stringify({ role: 'analyst', disabled: true, resetPassword: true }),
    });
    expect(patched.status).toBe(200);
    const updated = UserUpdated.parse(await patched.json());
    expect(updated).toMatchObject({ username, role: 'analyst', disabled: true, password: expect.any(String) });

    const minted = await post('/auth/tokens', { name: 'contracts' }, session);
    expect(minted.status).toBe(201);
    const token = TokenCreated.parse(await minted.json());
    expect(token).toMatchObject({ name: 'contracts', lastUsedAt: null, revokedAt: null });
    const revoke = await fetch(`${http.base}/api/auth/tokens/${token.id}`, { method: 'DELETE', headers: session });
    expect(revoke.status).toBe(204);
    const tokens = TokenList.parse(await get('/auth/tokens'));
    expect(tokens.items.find((k) => k.id === token.id)).toMatchObject({ revokedAt: expect.any(String) });
    // The API token this test calls with stays usable.
    expect(tokens.items.find((k) => k.name === 'test')).toMatchObject({ revokedAt: null });

    const audit = AuditPage.parse(await get(`/audit?actor=${admin.username}&pageSize=200`));
    expect(audit.total).toBe(audit.items.length);
    const ofUser = audit.items.filter((e) => e.objectId === username).map((e) => `${e.action} ${e.outcome}`);
    expect(ofUser.sort()).toEqual(['user.create success', 'user.password.reset success', 'user.update success']);
    expect(audit.items.find((e) => e.action === 'user.create')?.details).toEqual({ role: 'viewer' });

    const unknown = await fetch(`${http.base}/api/nodes/account/${p}nobody`, { headers: admin.headers });
    expect(unknown.status).toBe(404);
    expect(ErrorResponse.parse(await unknown.json()).error).toMatchObject({ code: 'not_found' });
    const invalid = await fetch(`${http.base}/api/rings/not-a-ring`, { headers: admin.headers });
    expect(invalid.status).toBe(400);
    const problem = ErrorResponse.parse(await invalid.json()).error;
    expect(problem).toMatchObject({ code: 'validation_failed', details: [{ path: 'id' }] });
  });
});

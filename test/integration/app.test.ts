import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { Db } from '../../server/db/database.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { serve, type Served } from '../support/http.ts';
import { connectTestDb, testNeo4j } from '../support/neo4j.ts';

const listen = (db: Db) => serve(createApp({ db, clientDir: '/nonexistent' }));

describe('HTTP API (real Neo4j)', () => {
  let db: Db;
  let base: string;
  let server: Served;
  let admin: TestUser;
  beforeAll(async () => {
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    server = await listen(db);
    base = server.base;
  });
  afterAll(async () => {
    await server.close();
    await removeTestUsers(db);
    await db.close();
  });

  it('GET /api/health reports Neo4j connected with its version and edition', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', neo4j: { connected: true, edition: 'community' } });
    expect(body.neo4j.version).toMatch(/^5\.26\./);
  });

  it('unknown API routes are JSON 404s, malformed JSON is a 400 without a stack trace', async () => {
    const res = await fetch(`${base}/api/does-not-exist`, { headers: admin.headers });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No API route GET /does-not-exist.' } });
    const bad = await fetch(`${base}/api/detect`, { method: 'POST', headers: admin.json, body: '{nope' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('not valid JSON');
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('serves a page at / when the client is not built', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('RingLens');
  });

  it('health says 503 with a reason when Neo4j is unreachable', async () => {
    const c = testNeo4j();
    const other = await Db.connect(c);
    const s2 = await listen(other);
    await other.close(); // a closed driver behaves like an unreachable server for the route
    const res = await fetch(`${s2.base}/api/health`);
    await s2.close();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.neo4j.connected).toBe(false);
    expect(typeof body.neo4j.error).toBe('string');
  });
});

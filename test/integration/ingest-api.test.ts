import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { serve, type Served } from '../support/http.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('POST /api/ingest (real Neo4j)', () => {
  let db: Db;
  let server: Served;
  let base: string;
  let admin: TestUser;
  const p = uniquePrefix('api');
  beforeAll(async () => {
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    const app = createApp({ db, clientDir: '/nonexistent' });
    server = await serve(app);
    base = server.base;
  });
  afterAll(async () => {
    await server.close();
    await db.write('test-ingest-cleanup.write', { prefix: p });
    await removeTestUsers(db);
    await db.close();
  });

  it('loads JSON records and NDJSON bodies', async () => {
    const json = await fetch(`${base}/api/ingest`, {
      method: 'POST',
      headers: admin.json,
      body: JSON.stringify({ kind: 'accounts', records: [{ id: `${p}a`, label: 'known_fraud' }, { id: `${p}b` }] }),
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ kind: 'accounts', rowsWritten: 2, nodesCreated: 2 });

    const ndjson = [
      { account_id: `${p}a`, kind: 'device', value: `${p}dev`, seen_at: '2026-05-01T00:00:00Z' },
      { account_id: `${p}b`, kind: 'device', value: `${p}DEV`, seen_at: '2026-05-02T00:00:00Z' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const nd = await fetch(`${base}/api/ingest?kind=links`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/x-ndjson' },
      body: ndjson,
    });
    expect(nd.status).toBe(200);
    expect(await nd.json()).toMatchObject({ rowsWritten: 2, relationshipsCreated: 2 });
    const fp = await db.read<{ id: string; label: string; uses: Array<{ key: string }> }>(
      'test-graph-fingerprint.read',
      { prefix: p },
    );
    expect(fp.map((a) => [a.id, a.label, a.uses.map((u) => u.key)])).toEqual([
      ['a', 'known_fraud', ['dev']],
      ['b', 'unknown', ['dev']],
    ]);
  });

  it('rejects invalid records with 400 naming the record and field, writing nothing', async () => {
    const res = await fetch(`${base}/api/ingest`, {
      method: 'POST',
      headers: admin.json,
      body: JSON.stringify({
        kind: 'links',
        records: [
          { account_id: `${p}c`, kind: 'device', value: `${p}x`, seen_at: '2026-05-01T00:00:00Z' },
          { account_id: `${p}c`, kind: 'payment', value: '5555555555554444', seen_at: '2026-05-01T00:00:00Z' },
        ],
      }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.details[0]).toMatchObject({ path: 'records[1].value' });
    expect(body.error.message).toBe('1 invalid record(s); nothing was written.');
    const [count] = await db.read<{ accounts: number }>('test-count-accounts-by-prefix.read', { prefix: `${p}c` });
    expect(count!.accounts).toBe(0);
  });

  it('refuses an unknown kind and an oversized body', async () => {
    const bad = await fetch(`${base}/api/ingest`, {
      method: 'POST',
      headers: admin.json,
      body: JSON.stringify({ kind: 'users', records: [{}] }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('kind');
    const huge = await fetch(`${base}/api/ingest?kind=links`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/x-ndjson' },
      body: 'x'.repeat(11 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });
});

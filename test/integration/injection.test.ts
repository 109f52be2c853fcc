/**
 * Cypher-injection and odd-input payloads thrown at every route that takes input (found by walking the router
 * stack): into each path parameter, each query parameter and each body field, as an admin so the requests reach
 * the handlers, over a small graph of the test's own. Every answer must be a 4xx or a proper (empty) result — never
 * a 500 — and nothing may change: the node and relationship counts of the whole database (ignoring the audit events
 * and sessions requests write), the test's own graph, and the list of write queries the app ran (only audit, session
 * and token bookkeeping). Ingest, which is meant to write, must store the payloads literally and nothing else.
 *
 * The whole-database counts assume nobody else writes to the test database meanwhile (true in CI); the other two
 * checks hold regardless.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { FIELD_LIMITS } from '../../server/ingest/schemas.ts';
import type { Db, Params, Tx } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { memorySource } from '../../server/ingest/sources.ts';
import { createTestUser, removeTestUsers, signIn, type TestUser } from '../support/auth.ts';
import { serve, type Served } from '../support/http.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';
import { listRoutes, type AppRoute } from '../support/routes.ts';

export const PAYLOADS: Record<string, string> = {
  quote: "' OR 1=1 //",
  breakout: '}) MATCH (n) DETACH DELETE n //',
  backtick: '`) MATCH (n) DETACH DELETE n //`',
  doubleQuote: '" OR ""="',
  call: "'; CALL dbms.components() YIELD name RETURN name //",
  parameter: '$limit',
  fullwidth: '＇ ＯＲ １＝１ ／／ ｝） ＭＡＴＣＨ (n) ＤＥＴＡＣＨ ＤＥＬＥＴＥ n',
  rtlOverride: 'acc\u202E//n ETELED HCTAM\u202C',
  zeroWidth: 'ad\u200Bmin\uFEFF',
  nul: 'a\u0000b',
  json: '{"$ne":null}',
  long: `${"' OR 1=1 //".repeat(600)}`,
};

/** Values that make a route's other inputs valid, so the payload in one field reaches the query. */
const SAMPLE_PARAMS: Record<string, string> = { kind: 'account', id: 'x', targetId: 'x', username: 'x' };
const BASE_QUERY: Record<string, Record<string, string>> = {
  'GET /api/search': { q: 'x' },
  'GET /api/paths': { from: 'x', to: 'y' },
};
const QUERY_KEYS = [
  'q',
  'from',
  'to',
  'minScore',
  'status',
  'change',
  'flagged',
  'sort',
  'order',
  'page',
  'pageSize',
  'format',
  'actor',
  'action',
  'since',
  'until',
  'limit',
  'cursor',
  'kinds',
  'threshold',
  'maxHops',
  'includePaid',
];
/** Bodies per route, each with the payload in one field; unlisted routes get generic ones. */
const BODIES: Record<string, (p: string) => unknown[]> = {
  'POST /api/auth/login': (p) => [{ username: p, password: p }],
  'POST /api/auth/tokens': (p) => [{ name: p }, { name: 'x', expiresInDays: p }],
  'POST /api/users': (p) => [
    { username: p, role: 'viewer' },
    { username: 'injected-user', role: p },
  ],
  'PATCH /api/users/:username': (p) => [{ role: p }, { disabled: p }],
  'POST /api/subgraph': (p) => [{ nodes: [p, `account:${p}`, `device:${p}`] }],
  'POST /api/ingest': (p) => [
    { kind: p, records: [{}] },
    { kind: 'links', records: [{ account_id: p, kind: p }] },
  ],
  'POST /api/detect': (p) => [{ resolution: p }, { seed: p }],
  'POST /api/rings/:targetId/notes': (p) => [{ body: p }],
  'POST /api/accounts/:targetId/notes': (p) => [{ body: p }],
  'PUT /api/rings/:targetId/tags': (p) => [{ tags: [p] }],
  'PUT /api/accounts/:targetId/tags': (p) => [{ tags: [p] }],
  'POST /api/rings/:targetId/disposition': (p) => [{ disposition: p, comment: p }],
  'POST /api/accounts/:targetId/disposition': (p) => [{ disposition: p, comment: p }],
  'POST /api/rings/:id/export': (p) => [{ png: p }],
};
const genericBodies = (p: string) => [{ id: p, name: p, value: p }, [p], p];

interface Probe {
  what: string;
  url: string;
  method: string;
  body?: string;
}

function probes(route: AppRoute, payload: string, name: string): Probe[] {
  const out: Probe[] = [];
  const key = `${route.method} ${route.path}`;
  const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const path = (values: Record<string, string>) =>
    route.path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(values[k] ?? SAMPLE_PARAMS[k] ?? 'x'));
  const query = (q: Record<string, string>) => {
    const s = new URLSearchParams({ ...BASE_QUERY[key], ...q }).toString();
    return s ? `?${s}` : '';
  };
  for (const p of params) out.push({ what: `${key} :${p}=${name}`, method: route.method, url: path({ [p]: payload }) });
  if (route.method === 'GET') {
    for (const k of QUERY_KEYS)
      out.push({ what: `${key} ?${k}=${name}`, method: 'GET', url: `${path({})}${query({ [k]: payload })}` });
  } else {
    for (const [i, body] of (BODIES[key]?.(payload) ?? genericBodies(payload)).entries())
      out.push({ what: `${key} body#${i}=${name}`, method: route.method, url: path({}), body: JSON.stringify(body) });
  }
  return out;
}

/** `db` for the app, recording the name of every write query it runs. */
function recordingWrites(db: Db, writes: string[]): Db {
  const tx = (t: Tx): Tx => ({
    run: (q: string, p?: Params) => (writes.push(q), t.run(q, p)),
    runWithStats: (q: string, p?: Params) => (writes.push(q), t.runWithStats(q, p)),
  });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'write') return (q: string, p?: Params) => (writes.push(q), target.write(q, p));
      if (prop === 'writeTx') return <R>(work: (t: Tx) => Promise<R>) => target.writeTx((t) => work(tx(t)));
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The bookkeeping writes requests may cause; anything else means a payload changed data. */
const BOOKKEEPING = new Set([
  'audit-event-create.write',
  'auth-session-create.write',
  'auth-sessions-purge.write',
  'auth-session-touch.write',
  'auth-token-create.write',
  'auth-token-touch.write',
]);

describe('injection payloads at every route that takes input (real Neo4j)', () => {
  let db: Db;
  let http: Served;
  let routes: AppRoute[];
  let admin: TestUser;
  let session: { cookie: string; csrfToken: string };
  const p = uniquePrefix('inj');
  const writes: string[] = [];
  const fingerprint = () => db.read('test-graph-fingerprint.read', { prefix: p });

  const counts = async () =>
    (await db.read<{ nodes: number; relationships: number; byLabel: string[] }>('test-graph-counts.read'))[0]!;

  beforeAll(async () => {
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    // A small graph of the test's own, so payloads meet real data: two accounts sharing a device, one payment.
    const source = (kind: 'accounts' | 'links' | 'payments', records: unknown[]) =>
      memorySource(kind, kind, records, createHash('sha256').update(JSON.stringify(records)).digest('hex'));
    await loadSources(db, [
      source('accounts', [{ id: `${p}a` }, { id: `${p}b`, label: 'known_fraud' }]),
      source('links', [
        { account_id: `${p}a`, kind: 'device', value: `${p}dev`, seen_at: '2026-05-01T00:00:00Z' },
        { account_id: `${p}b`, kind: 'device', value: `${p}dev`, seen_at: '2026-05-02T00:00:00Z' },
      ]),
      source('payments', [
        { payer: `${p}a`, payee: `${p}b`, amount: '10.00', currency: 'USD', at: '2026-05-03T00:00:00Z' },
      ]),
    ]);
    const app = createApp({
      db: recordingWrites(db, writes),
      clientDir: '/nonexistent',
      auth: { loginFailuresPerUser: { limit: 10_000, windowMs: 1000 }, loginPerIp: { limit: 10_000, windowMs: 1000 } },
    });
    // Public sign-in is probed too; sign-out would end the probing session, and health takes no input.
    routes = listRoutes(app).filter(
      (r) => r.path.startsWith('/api/') && r.path !== '/api/auth/logout' && r.path !== '/api/health',
    );
    http = await serve(app);
    session = await signIn(http.base, admin.username, admin.password);
  });
  afterAll(async () => {
    await http?.close();
    await db.write('test-ingest-cleanup.write', { prefix: p });
    await removeTestUsers(db);
    await db?.close();
  });

  it('answers every payload with a 4xx or an empty result, never a 500, and changes nothing', async () => {
    const before = await counts();
    const ownBefore = await fingerprint();
    expect(ownBefore).toHaveLength(2);
    writes.length = 0;
    const failures: string[] = [];
    const tokenNames: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (const [name, payload] of Object.entries(PAYLOADS)) {
        for (const probe of probes(route, payload, name)) {
          // Session-only routes (token minting, user management) are probed with the session (and its CSRF token),
          // the rest with the API token.
          const sessionOnly =
            (probe.url.startsWith('/api/auth/tokens') && probe.method === 'POST') ||
            (probe.url.startsWith('/api/users') && probe.method !== 'GET');
          const res = await fetch(`${http.base}${probe.url}`, {
            method: probe.method,
            headers: sessionOnly
              ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' }
              : admin.json,
            body: probe.body,
          });
          sent++;
          const text = await res.text();
          if (sessionOnly && res.status === 201) tokenNames.push(JSON.parse(text).name);
          if (res.status >= 500) failures.push(`${probe.what} → ${res.status} ${text.slice(0, 120)}`);
          else if (res.status < 400 && /Neo4j|Neo\.|Cypher|at .*\.ts:\d+/.test(text))
            failures.push(`${probe.what} → ${res.status} leaks internals`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    expect([...new Set(writes)].filter((q) => !BOOKKEEPING.has(q))).toEqual([]);
    expect(await fingerprint()).toEqual(ownBefore);
    // The only writes: API tokens whose (printable) names were payloads, stored as given — one node and one
    // relationship each.
    const listed = await (await fetch(`${http.base}/api/auth/tokens`, { headers: admin.headers })).json();
    expect(tokenNames.length).toBeGreaterThan(0);
    for (const name of tokenNames) expect(listed.items.map((t: { name: string }) => t.name)).toContain(name);
    expect(tokenNames.every((n) => Object.values(PAYLOADS).some((v) => v.trim() === n))).toBe(true);
    const after = await counts();
    expect({ ...after, byLabel: after.byLabel.filter((l) => !l.startsWith('ApiToken:')) }).toEqual({
      nodes: before.nodes + tokenNames.length,
      relationships: before.relationships + tokenNames.length,
      byLabel: before.byLabel.filter((l) => !l.startsWith('ApiToken:')),
    });
  });

  it('search and node lookups treat payloads as plain values: nothing found, nothing matched everything', async () => {
    for (const payload of Object.values(PAYLOADS)) {
      const search = await fetch(`${http.base}/api/search?q=${encodeURIComponent(payload.slice(0, 500))}`, {
        headers: admin.headers,
      });
      expect(search.status).toBeLessThan(500);
      if (search.status === 200) expect((await search.json()).items ?? []).toEqual([]);
      const node = await fetch(`${http.base}/api/nodes/account/${encodeURIComponent(payload.slice(0, 1000))}`, {
        headers: admin.headers,
      });
      expect([400, 404]).toContain(node.status);
    }
  });

  it('refuses payloads as credentials', async () => {
    // Header values must be printable ASCII; the others cannot even be sent.
    for (const payload of Object.values(PAYLOADS).filter((v) => /^[\x20-\x7e]*$/.test(v))) {
      const bearer = await fetch(`${http.base}/api/rings`, { headers: { authorization: `Bearer ${payload}` } });
      expect(bearer.status).toBe(401);
      const cookie = await fetch(`${http.base}/api/rings`, {
        headers: { cookie: `ringlens_session=${encodeURIComponent(payload)}` },
      });
      expect(cookie.status).toBe(401);
    }
  });

  it('ingest stores payloads literally as data and writes nothing else', async () => {
    const before = await counts();
    const lit = `${p}lit-`;
    const ids = Object.values(PAYLOADS).map((v) => `${lit}${v}`.slice(0, FIELD_LIMITS.id));
    const res = await fetch(`${http.base}/api/ingest`, {
      method: 'POST',
      headers: admin.json,
      body: JSON.stringify({
        kind: 'accounts',
        records: ids.map((id) => ({ id, type: id.slice(0, FIELD_LIMITS.short) })),
      }),
    });
    const body = await res.json();
    // Either every id is accepted and stored as given, or the batch is refused naming the field.
    if (res.status === 400) {
      expect(body.error.details[0].path).toMatch(/^records\[\d+\]\.(id|type)$/);
      expect(await counts()).toEqual(before);
      return;
    }
    expect(res.status).toBe(200);
    const stored = await db.read<{ id: string }>('test-accounts-by-prefix.read', { prefix: lit });
    expect(stored.map((r) => r.id).sort()).toEqual(ids.map((id) => id.trim()).sort());
    // One account per payload, plus the (:IngestFile) record of the request body's hash.
    const after = await counts();
    expect({ nodes: after.nodes, relationships: after.relationships }).toEqual({
      nodes: before.nodes + ids.length + 1,
      relationships: before.relationships,
    });
  });
});

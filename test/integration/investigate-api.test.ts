import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import type {
  AccountDetails,
  IdentifierDetails,
  NeighborsResponse,
  PathsResponse,
  SearchResponse,
  Elements,
} from '../../contracts/investigate.ts';
import { serve, type Served } from '../support/http.ts';
import {
  createTestRings,
  fixtureRings,
  loadInvestigateFixture,
  removeTestRings,
  SUPER_SHARERS,
  type InvestigateFixture,
  type TestRing,
} from '../support/investigate-data.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('graph-exploration API (real Neo4j)', () => {
  let db: Db;
  let server: Served;
  let base: string;
  let f: InvestigateFixture;
  let rings: TestRing[];
  let viewer: TestUser;
  const p = uniquePrefix('inv');

  /** Every route here is for the lowest role, viewer (contracts/route-policy.ts). */
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, { headers: viewer.headers });
    return { status: res.status, body: (await res.json()) as T };
  };
  const enc = encodeURIComponent;

  beforeAll(async () => {
    db = await connectTestDb();
    viewer = await createTestUser(db, 'viewer');
    f = await loadInvestigateFixture(db, p);
    rings = fixtureRings(f);
    await createTestRings(db, rings);
    const app = createApp({ db, clientDir: '/nonexistent' });
    server = await serve(app);
    base = server.base;
  });
  afterAll(async () => {
    await server?.close();
    if (rings) await removeTestRings(db, rings);
    await db?.write('test-ingest-cleanup.write', { prefix: p });
    if (db) await removeTestUsers(db);
    await db?.close();
  });

  it('answers only signed-in users', async () => {
    for (const path of [`/api/nodes/account/${enc(f.ring[0]!)}`, `/api/search?q=x`, `/api/paths?from=a&to=b`]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(401);
    }
    const anonymous = await fetch(`${base}/api/subgraph`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nodes: [] }),
    });
    expect(anonymous.status).toBe(401);
  });

  describe('GET /api/nodes/:kind/:id', () => {
    it('describes an account: properties, identifiers with sharer counts, rings, payments', async () => {
      const { status, body } = await get<AccountDetails>(`/api/nodes/account/${enc(f.ring[0]!)}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        kind: 'account',
        id: `account:${f.ring[0]}`,
        properties: { label: 'known_fraud', country: 'US', type: 'freelancer', status: 'active' },
        firstSeen: '2026-01-11T09:00:00.000Z',
        payments: { sent: { counterparties: 0, count: 0, total: 0, totals: [] } },
        degreeByKind: { device: 1, payment: 1, ip: 1, email: 1 },
      });
      const sharers = Object.fromEntries(body.identifiers.map((i) => [i.id, i.sharers]));
      expect(sharers).toEqual({
        [`ip:${f.keys.ringIp}`]: 6,
        [`device:${f.keys.ringDevice1}`]: 4,
        [`payment:${f.keys.ringCard}`]: 3,
        [`email:${p}r0@example.com`]: 1,
      });
      // Most shared first.
      expect(body.identifiers[0]!.id).toBe(`ip:${f.keys.ringIp}`);
      expect(body.identifiers.find((i) => i.kind === 'payment')!.label).toBe(`•••• 4242 · ${f.keys.ringCard}`);
      expect(body.rings).toEqual([expect.objectContaining({ id: rings[0]!.id, score: 99.9, size: 6, status: 'new' })]);

      const payer = await get<AccountDetails>(`/api/nodes/account/${enc(f.ring[1]!)}`);
      // One total per currency: amounts in different currencies are never added up.
      expect(payer.body.payments.sent).toEqual({
        counterparties: 1,
        count: 1,
        total: 120,
        totals: [{ currency: 'USD', total: 120 }],
      });
      expect(payer.body.degreeByKind.account).toBe(1);
    });

    it('describes an identifier: sharer count, how sharers are labelled, first/last seen, degree by kind', async () => {
      const { status, body } = await get<IdentifierDetails>(`/api/nodes/device/${enc(f.keys.superDevice)}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        kind: 'device',
        id: `device:${f.keys.superDevice}`,
        sharers: SUPER_SHARERS + 1,
        sharersByLabel: { known_fraud: 0, legit: 4, unknown: SUPER_SHARERS - 3 },
        degreeByKind: { account: SUPER_SHARERS + 1 },
        firstSeen: '2026-01-01T09:00:00.000Z',
        lastSeen: '2026-06-08T09:00:00.000Z',
      });
      const email = await get<IdentifierDetails>(`/api/nodes/email/${enc(f.keys.aliasEmail)}`);
      expect(email.body).toMatchObject({ sharers: 2, properties: { display: `${p}J.Doe+promo@gmail.com` } });
      const address = await get<IdentifierDetails>(`/api/nodes/address/${enc(f.keys.ringAddress)}`);
      expect(address.body.label).toBe(`${p}12 Example Street,Springfield`);
    });

    it('answers 404 for a missing node and 400 naming the field for a bad kind', async () => {
      const missing = await get<{ error: { code: string; message: string } }>(`/api/nodes/account/${p}nobody`);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(`There is no account '${p}nobody' in the graph.`);
      const bad = await get<{ error: { details: Array<{ path: string }> } }>(`/api/nodes/Account/x`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0]!.path).toBe('kind');
    });
  });

  describe('GET /api/nodes/:kind/:id/neighbors', () => {
    it('caps a super-node, reports total and counts by kind, and pages with an opaque cursor', async () => {
      const path = `/api/nodes/device/${enc(f.keys.superDevice)}/neighbors`;
      const first = await get<NeighborsResponse>(path);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        total: SUPER_SHARERS + 1,
        matching: SUPER_SHARERS + 1,
        countsByKind: { account: SUPER_SHARERS + 1 },
        threshold: 50,
        superNode: true,
        returned: 50,
        offset: 0,
      });
      expect(first.body.nodes).toHaveLength(50);
      expect(first.body.edges).toHaveLength(50);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get<NeighborsResponse>(`${path}?cursor=${enc(first.body.nextCursor!)}`);
      expect(second.body).toMatchObject({ returned: SUPER_SHARERS + 1 - 50, offset: 50, nextCursor: null });
      const ids = [...first.body.nodes, ...second.body.nodes].map((n) => n.data.key);
      expect(new Set(ids).size).toBe(SUPER_SHARERS + 1);
      expect(ids.sort()).toEqual([...f.superSharers, f.ring[5]!].sort());

      // A raised threshold makes it an ordinary node; the limit is capped at 500.
      const raised = await get<NeighborsResponse>(`${path}?threshold=100&limit=500`);
      expect(raised.body).toMatchObject({ superNode: false, returned: SUPER_SHARERS + 1, nextCursor: null });
      const tooMany = await get<{ error: { details: Array<{ path: string; message: string }> } }>(`${path}?limit=501`);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.details[0]).toEqual({ path: 'limit', message: 'must be at most 500' });
    });

    it('puts the most shared neighbours first with order=shared', async () => {
      const path = `/api/nodes/device/${enc(f.keys.superDevice)}/neighbors?order=shared&limit=3`;
      const { body } = await get<NeighborsResponse>(path);
      // r5 shares its devices and IP with the ring; the super-node's other accounts share only this device.
      expect(body.nodes[0]!.data).toMatchObject({ key: f.ring[5], sharedIdentifiers: 3 });
      expect(body.nodes[1]!.data.sharedIdentifiers).toBe(1);
      const again = await get<NeighborsResponse>(`${path}&cursor=${enc(body.nextCursor!)}`);
      expect(again.body.offset).toBe(3);
      // A cursor from one order is refused by another.
      const wrong = await get<{ error: { details: Array<{ path: string }> } }>(
        `/api/nodes/device/${enc(f.keys.superDevice)}/neighbors?cursor=${enc(body.nextCursor!)}`,
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.details[0]!.path).toBe('cursor');
    });

    it('filters by kind and returns Cytoscape-ready elements with stable ids and sighting times', async () => {
      const r2 = f.ring[2]!;
      const all = await get<NeighborsResponse>(`/api/nodes/account/${enc(r2)}/neighbors`);
      expect(all.body.countsByKind).toEqual({ account: 1, device: 2, ip: 1, email: 1 });
      expect(all.body.superNode).toBe(false);
      expect(all.body.center).toMatchObject({ id: `account:${r2}`, kind: 'account', accountLabel: 'unknown' });
      const paid = all.body.edges.find((e) => e.data.kind === 'paid')!;
      expect(paid.data).toMatchObject({
        id: `paid:account:${f.ring[1]}->account:${r2}:USD`,
        source: `account:${f.ring[1]}`,
        target: `account:${r2}`,
        label: 'paid 1× 120 USD',
        total: 120,
        count: 1,
      });

      const devices = await get<NeighborsResponse>(`/api/nodes/account/${enc(r2)}/neighbors?kinds=device,ip`);
      expect(devices.body).toMatchObject({ total: 5, matching: 3, returned: 3 });
      expect(devices.body.nodes.map((n) => n.data.id)).toEqual([
        `device:${f.keys.ringDevice1}`,
        `device:${f.keys.ringDevice2}`,
        `ip:${f.keys.ringIp}`,
      ]);
      expect(devices.body.nodes[0]!.data).toMatchObject({ kind: 'device', sharers: 4, accountLabel: null });
      const edge = devices.body.edges.find((e) => e.data.target === `device:${f.keys.ringDevice1}`)!;
      expect(edge.data).toEqual({
        id: `uses:account:${r2}->device:${f.keys.ringDevice1}`,
        source: `account:${r2}`,
        target: `device:${f.keys.ringDevice1}`,
        kind: 'uses',
        label: 'uses device',
        count: 1,
        firstSeen: '2026-02-10T09:00:00.000Z',
        lastSeen: '2026-02-10T09:00:00.000Z',
      });
      const bad = await get<{ error: { details: Array<{ path: string }> } }>(
        `/api/nodes/account/${enc(r2)}/neighbors?kinds=device,ring`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0]!.path).toBe('kinds.1');
    });
  });

  describe('GET /api/search', () => {
    it('finds the canonical Email node from an aliased spelling', async () => {
      const q = `${p.toUpperCase()}J.Doe+other@googlemail.com`;
      const { status, body } = await get<SearchResponse>(`/api/search?q=${enc(q)}`);
      expect(status).toBe(200);
      expect(body.results[0]).toEqual({
        match: 'exact',
        node: expect.objectContaining({ id: `email:${f.keys.aliasEmail}`, kind: 'email', sharers: 2 }),
      });
    });

    it('finds accounts by id prefix and identifiers by their normalised value', async () => {
      const accounts = await get<SearchResponse>(`/api/search?q=${enc(`${p}r`)}&limit=100`);
      expect(accounts.body.results.filter((r) => r.node.kind === 'account').map((r) => r.node.key)).toEqual(f.ring);
      const exact = await get<SearchResponse>(`/api/search?q=${enc(f.ring[1]!)}`);
      expect(exact.body.results[0]).toMatchObject({ match: 'exact', node: { id: `account:${f.ring[1]}` } });
      const device = await get<SearchResponse>(`/api/search?q=${enc(`  ${f.keys.superDevice.toUpperCase()} `)}`);
      expect(device.body.results).toContainEqual({
        match: 'exact',
        node: expect.objectContaining({ id: `device:${f.keys.superDevice}`, sharers: SUPER_SHARERS + 1 }),
      });
      const ip = f.keys.ringIp.replace('::7', ':0:0:0:0:7').toUpperCase();
      const byIp = await get<SearchResponse>(`/api/search?q=${enc(ip)}`);
      expect(byIp.body.results).toContainEqual({
        match: 'exact',
        node: expect.objectContaining({ id: `ip:${f.keys.ringIp}` }),
      });
      const empty = await get<{ error: { details: Array<{ path: string }> } }>(`/api/search?q=%20`);
      expect(empty.status).toBe(400);
      expect(empty.body.error.details[0]!.path).toBe('q');
    });
  });

  describe('GET /api/paths', () => {
    it('returns the shortest path through shared identifiers with each one’s rarity', async () => {
      const [x1, x2, x3] = f.chain;
      const { status, body } = await get<PathsResponse>(`/api/paths?from=${enc(x1)}&to=${enc(x3)}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ from: `account:${x1}`, to: `account:${x3}`, maxHops: 4, length: 4 });
      expect(body.paths).toHaveLength(1);
      expect(body.paths[0]!.nodes).toEqual([
        `account:${x1}`,
        `device:${f.keys.chainDevice}`,
        `account:${x2}`,
        `email:${f.keys.chainEmail}`,
        `account:${x3}`,
      ]);
      expect(body.paths[0]!.steps.map((s) => [s.from, s.via?.id, s.via?.sharers, s.to])).toEqual([
        [`account:${x1}`, `device:${f.keys.chainDevice}`, 2, `account:${x2}`],
        [`account:${x2}`, `email:${f.keys.chainEmail}`, 2, `account:${x3}`],
      ]);
      expect(body.edges.map((e) => e.data.id).sort()).toEqual(
        [
          `uses:account:${x1}->device:${f.keys.chainDevice}`,
          `uses:account:${x2}->device:${f.keys.chainDevice}`,
          `uses:account:${x2}->email:${f.keys.chainEmail}`,
          `uses:account:${x3}->email:${f.keys.chainEmail}`,
        ].sort(),
      );
      expect(body.nodes).toHaveLength(5);
    });

    it('follows payments unless told not to, and respects maxHops', async () => {
      const [x1, , x3, x4] = f.chain;
      const paid = await get<PathsResponse>(`/api/paths?from=${enc(x1)}&to=${enc(x4)}&maxHops=5`);
      expect(paid.body.length).toBe(5);
      const last = paid.body.paths[0]!.steps.at(-1)!;
      expect(last).toMatchObject({ from: `account:${x3}`, to: `account:${x4}`, via: null });
      expect(last.paid).toMatchObject({ currency: 'EUR', total: 300, source: `account:${x3}` });
      const tooShort = await get<PathsResponse>(`/api/paths?from=${enc(x1)}&to=${enc(x4)}`);
      expect(tooShort.body).toMatchObject({ length: null, paths: [], nodes: [], edges: [] });
      const sharedOnly = await get<PathsResponse>(
        `/api/paths?from=${enc(x1)}&to=${enc(x4)}&maxHops=6&includePaid=false`,
      );
      expect(sharedOnly.body.length).toBeNull();
      // Two ring members share several identifiers: several shortest paths of length 2.
      const ring = await get<PathsResponse>(`/api/paths?from=${enc(f.ring[2]!)}&to=${enc(f.ring[3]!)}`);
      expect(ring.body.length).toBe(2);
      expect(ring.body.paths.map((x) => x.steps[0]!.via!.kind).sort()).toEqual(['device', 'device', 'ip']);
    });

    it('validates its query and answers 404 for unknown accounts', async () => {
      const same = await get<{ error: { details: Array<{ path: string }> } }>(`/api/paths?from=a&to=a`);
      expect(same.status).toBe(400);
      expect(same.body.error.details[0]!.path).toBe('to');
      const far = await get<{ error: { details: Array<{ path: string }> } }>(`/api/paths?from=a&to=b&maxHops=7`);
      expect(far.body.error.details[0]!.path).toBe('maxHops');
      const missing = await get<{ error: { message: string } }>(`/api/paths?from=${enc(f.chain[0])}&to=${p}ghost`);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(`There is no account '${p}ghost'.`);
    });
  });

  describe('POST /api/subgraph', () => {
    it('returns the links among the given nodes only', async () => {
      const nodes = [
        ...f.ring.map((id) => `account:${id}`),
        `device:${f.keys.ringDevice1}`,
        `payment:${f.keys.ringCard}`,
        `device:${f.keys.superDevice}`.replace('device:', 'email:'),
      ];
      const res = await fetch(`${base}/api/subgraph`, {
        method: 'POST',
        headers: viewer.json,
        body: JSON.stringify({ nodes }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Elements;
      expect(body.nodes.map((n) => n.data.id).sort()).toEqual(
        [...f.ring.map((id) => `account:${id}`), `device:${f.keys.ringDevice1}`, `payment:${f.keys.ringCard}`].sort(),
      );
      const uses = body.edges.filter((e) => e.data.kind === 'uses');
      expect(uses).toHaveLength(4 + 3);
      expect(
        body.edges
          .filter((e) => e.data.kind === 'paid')
          .map((e) => e.data.id)
          .sort(),
      ).toEqual(
        [
          `paid:account:${f.ring[1]}->account:${f.ring[2]}:USD`,
          `paid:account:${f.ring[3]}->account:${f.ring[4]}:USD`,
        ].sort(),
      );
      const bad = await fetch(`${base}/api/subgraph`, {
        method: 'POST',
        headers: viewer.json,
        body: JSON.stringify({ nodes: ['ring:x'] }),
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]!.path).toBe(
        'nodes.0',
      );
    });
  });
});

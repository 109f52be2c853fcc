/**
 * Duplicate-account pairs after detection, against the real test Neo4j: a run holding a ring and a pair is stored
 * through the persistence layer (Ring nodes with kind and points per reason, run counts per kind); the queue filters by
 * kind; the detail says how the score adds up; a pair is annotated and exported like a ring and says it is a pair; the
 * nightly diff reports a new pair and alerts on it. Detection itself is the real pipeline whose findings are replaced
 * by hand-made ones (test/support/findings.ts), so these tests do not depend on how detection finds pairs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { verifyBundle } from '../../server/export/bundle.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { NIGHTLY_DEFAULTS, runNightly, type NightlyEvent } from '../../server/nightly/nightly-service.ts';
import { runDetection } from '../../server/runs/detection-service.ts';
import { ephemeralSecrets } from '../../server/secrets.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { handMadeDetector, pairIdFor, type FindingSpec } from '../support/findings.ts';
import { serve, type Served } from '../support/http.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('duplicate-account pairs: storage, queue, breakdown, annotations, exports, nightly (real Neo4j)', () => {
  let db: Db;
  let served: Served;
  let base: string;
  let admin: TestUser;
  const p = uniquePrefix('pairs');
  const dir = tempDir();
  const ring = [1, 2, 3, 4].map((i) => `${p}r${i}`);
  const pair = [`${p}d1`, `${p}d2`];
  const pairId = pairIdFor(pair);
  const legacyId = 'ring-00000000beef';
  const runIds: string[] = [];
  const job = `${p}job`;
  const secrets = ephemeralSecrets();

  const RING: FindingSpec = {
    kind: 'ring',
    members: ring,
    score: 72,
    reasons: ['4 accounts use device dev-x', '3 accounts were created within 2 days'],
    reasonPoints: [52, 20],
  };
  const PAIR: FindingSpec = {
    kind: 'pair',
    members: pair,
    score: 100,
    reasons: [
      `2 accounts use card ${p}pm_dup (used by no one else)`,
      `${pair[0]} is labelled known_fraud`,
      'Both accounts were created within 1 hour',
    ],
    reasonPoints: [60, 35, 15],
    evidence: [{ a: pair[0]!, b: pair[1]!, kind: 'payment', key: `${p}pm_dup` }],
  };
  let findings: FindingSpec[] = [RING, PAIR];
  const detector = handMadeDetector(() => findings);

  const api = (path: string, init?: RequestInit) =>
    fetch(`${base}/api${path}`, { ...init, headers: { ...admin.json, ...(init?.headers ?? {}) } });
  const getJson = async (path: string) => {
    const res = await api(path);
    expect(res.status, path).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    served = await serve(createApp({ db, clientDir: '/nonexistent', secrets }));
    base = served.base;
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,label',
      ...[...ring, ...pair].map(
        (id, i) => `${id},2026-10-01T0${i}:00:00Z,${id === pair[0] ? 'known_fraud' : 'unknown'}`,
      ),
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      ...ring.map((id) => `${id},device,${p}dev-x,2026-10-02T00:00:00Z`),
      ...pair.map((id) => `${id},payment,${p}pm_dup,2026-10-02T00:00:00Z`),
      `${pair[1]},email,${p}dup@example.com,2026-10-02T00:00:00Z`,
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links)]);
    // A ring stored before detection recorded kinds and points: no kind, no reasonPoints.
    await db.write('test-rings-create.write', {
      rings: [
        {
          id: legacyId,
          members: ring.slice(0, 3),
          props: { score: 40, size: 3, flagged: false, reasons: ['an old reason'], lastSeenRun: 'run-legacy' },
        },
      ],
    });
  });

  afterAll(async () => {
    await served?.close();
    const nightly = await db.write<{ detectionRunIds: string[] }>('test-nightly-cleanup.write', { job });
    runIds.push(...(nightly[0]?.detectionRunIds ?? []));
    await db.write('test-annotations-delete.write', { targetIds: [pairId] });
    await db.write('test-ingest-cleanup.write', { prefix: p });
    await db.write('test-detection-cleanup.write', { runIds });
    await removeTestUsers(db);
    await db.close();
  });

  it('stores a run with a ring and a pair: kind and points on the Ring nodes, counts per kind on the run', async () => {
    const run = await runDetection(db, { detector });
    runIds.push(run.id);
    expect(run.result.rings.map((r) => r.id)).toContain(pairId);

    const stored = await getJson(`/runs/${run.id}`);
    expect(stored.counts.byKind).toEqual({ ring: { reported: 1, flagged: 1 }, pair: { reported: 1, flagged: 1 } });

    const [node] = await db.read<{ ring: Record<string, unknown> }>('ring-get.read', { id: pairId });
    expect(node!.ring).toMatchObject({ kind: 'pair', size: 2, score: 100, reasonPoints: [60, 35, 15], active: true });
  });

  it('GET /api/rings filters by kind; rows carry their kind; a bad kind is refused naming the field', async () => {
    const both = await getJson('/rings?pageSize=200');
    const ids = both.items.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([pairId, expect.stringMatching(/^ring-/)]));
    expect(both.items.find((r: { id: string }) => r.id === pairId)).toMatchObject({ kind: 'pair', size: 2 });

    const pairs = await getJson('/rings?kind=pair&pageSize=200');
    expect(pairs.items.map((r: { id: string; kind: string }) => [r.id, r.kind])).toEqual([[pairId, 'pair']]);
    expect(pairs.total).toBe(1);

    const rings = await getJson('/rings?kind=ring&pageSize=200');
    expect(rings.items.length).toBeGreaterThan(0);
    expect(rings.items.every((r: { kind: string }) => r.kind === 'ring')).toBe(true);
    expect(rings.total + pairs.total).toBe(both.total);

    const bad = await api('/rings?kind=triple');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('kind');
  });

  it('GET /api/rings/:id says how the score adds up; a ring stored without points has no breakdown', async () => {
    const detail = await getJson(`/rings/${pairId}`);
    expect(detail).toMatchObject({ id: pairId, kind: 'pair', size: 2, score: 100 });
    expect(detail.members.map((m: { id: string }) => m.id)).toEqual(pair);
    expect(detail.scoreBreakdown).toEqual(PAIR.reasons.map((reason, i) => ({ reason, points: PAIR.reasonPoints![i] })));

    // The account's details list the pair it is in, as a pair.
    const account = await getJson(`/nodes/account/${encodeURIComponent(pair[0]!)}`);
    expect(account.rings).toEqual([expect.objectContaining({ id: pairId, kind: 'pair', size: 2 })]);

    const legacy = await getJson(`/rings/${legacyId}`);
    expect(legacy).toMatchObject({ id: legacyId, kind: 'ring', scoreBreakdown: null, reasons: ['an old reason'] });
  });

  it('a pair is annotated and exported like a ring, and every export says it is a pair', async () => {
    const note = await api(`/rings/${pairId}/notes`, {
      method: 'POST',
      body: JSON.stringify({ body: 'Same person.' }),
    });
    expect(note.status).toBe(201);
    const disp = await api(`/rings/${pairId}/disposition`, {
      method: 'POST',
      body: JSON.stringify({ disposition: 'under_review', comment: 'Checking the card.' }),
    });
    expect(disp.status).toBe(201);
    const timeline = await getJson(`/rings/${pairId}/annotations`);
    expect(timeline.items.map((a: { kind: string }) => a.kind).sort()).toEqual(['disposition', 'note']);
    expect((await getJson(`/rings/${pairId}`)).status).toBe('under_review');

    const json = await getJson(`/rings/${pairId}/export?format=json`);
    expect(json.data).toMatchObject({ ringId: pairId, kind: 'pair', score: 100 });
    // 2 accounts + the shared card; the email is used by one account only.
    expect(json.elements.nodes.map((n: { data: { id: string } }) => n.data.id).sort()).toEqual(
      [`account:${pair[0]}`, `account:${pair[1]}`, `payment:${p}pm_dup`].sort(),
    );

    const csvRes = await api(`/rings/${pairId}/export?format=nodes.csv`);
    expect(csvRes.headers.get('content-disposition')).toContain(`${pairId}-nodes.csv`);
    const nodes = parseCsv(await csvRes.text(), { columns: true }) as Array<Record<string, string>>;
    expect(nodes.map((n) => [n.id, n.kind])).toEqual(
      expect.arrayContaining([
        [`account:${pair[0]}`, 'account'],
        [`payment:${p}pm_dup`, 'payment'],
      ]),
    );

    const graphmlPath = join(dir, 'pair.graphml');
    writeFileSync(graphmlPath, await (await api(`/rings/${pairId}/export?format=graphml`)).text());
    const read = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys, networkx as nx; g = nx.read_graphml(sys.argv[1]); print(g.graph.get("ringKind"), g.number_of_nodes(), g.number_of_edges())',
        graphmlPath,
      ],
      { encoding: 'utf8' },
    );
    expect(read.trim()).toBe('pair 3 2');

    const html = await (await api(`/rings/${pairId}/export?format=html`)).text();
    expect(html).toContain(`Evidence report: duplicate-account pair ${pairId}`);
    expect(html).toContain('Why this is a duplicate-account pair');
    expect(html).toContain('2 accounts');
    expect(html).toMatch(/Same person\./);
    // Points per reason, and the total.
    expect(html).toContain(`<td>${PAIR.reasons[1]}</td><td class="num">+35</td>`);
    expect(html).toMatch(/<th>score<\/th><th class="num">100 \(from 110 points\)<\/th>/);

    const zip = new Uint8Array(await (await api(`/rings/${pairId}/export?format=zip`)).arrayBuffer());
    const v = verifyBundle(zip, secrets.publicKey);
    expect(v.problems).toEqual([]);
    expect(v.manifest?.ring).toMatchObject({ id: pairId, kind: 'pair', size: 2, status: 'under_review' });
  });

  it('the nightly diff reports a new pair and alerts on it; report.md, report.html and the log say "pair"', async () => {
    const reportDir = tempDir();
    const events: NightlyEvent[] = [];
    const night = (date: string) =>
      runNightly(
        db,
        {
          ...NIGHTLY_DEFAULTS,
          job,
          date,
          inputs: [],
          reportDir,
          alertExitCode: 3,
          detector,
        },
        (e) => events.push(e),
      );

    // Night 1: only the ring (the pair of the earlier run dissolves). Night 2: the pair appears.
    findings = [RING];
    const first = await night('2026-11-01');
    expect(first.report.counts).toMatchObject({ rings: 1, pairs: 0 });
    findings = [RING, PAIR];
    const second = await night('2026-11-02');
    const r = second.report;
    expect(r.baseline).toMatchObject({ source: 'nightly', date: '2026-11-01' });
    expect(r.counts).toMatchObject({ rings: 1, pairs: 1, new: 1, unchanged: 1, alerts: 1 });
    expect(r.changes.new.map((x) => [x.ringId, x.ringKind, x.size])).toEqual([[pairId, 'pair', 2]]);
    expect(r.alerts.map((a) => [a.ringId, a.ringKind, a.kind, a.members])).toEqual([[pairId, 'pair', 'new', pair]]);
    expect(second.exitCode).toBe(3);

    const md = readFileSync(second.files.markdown, 'utf8');
    expect(md).toContain(`[${pairId}](`);
    expect(md).toContain('— new duplicate-account pair, score 100, 2 accounts');
    expect(md).toContain('1 ring and 1 duplicate-account pair reported, 2 flagged');
    expect(readFileSync(second.files.html, 'utf8')).toContain('new duplicate-account pair, score 100');
    expect(events.filter((e) => e.event === 'alert').map((e) => e.message)).toContain(
      `new duplicate-account pair ${pairId} (score 100, 2 accounts)`,
    );

    // The stored alert keeps its kind for the webhook of a later night.
    const [stored] = await db.read<{ alert: { ringKind: string } }>('nightly-alerts-for-date.read', {
      job,
      date: '2026-11-02',
    });
    expect(stored!.alert.ringKind).toBe('pair');
  });
});

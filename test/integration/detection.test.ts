/**
 * Ring detection end to end against the real test Neo4j: a generated marketplace with planted rings (ground truth)
 * is loaded, detected and scored; runs and rings are persisted with stable ids; the API serves them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { evaluateRings } from '../../server/eval/ring-eval.ts';
import { generateDataset, type GroundTruth } from '../../server/generate/dataset.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { DetectionRunner } from '../../server/runs/runner.ts';
import { serve } from '../support/http.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { tempDir } from '../support/ingest-data.ts';
import { connectTestDb } from '../support/neo4j.ts';

const ACCOUNTS = 20_000;
const SEED = 3;

describe('ring detection on a generated marketplace (real Neo4j)', () => {
  let db: Db;
  let truth: GroundTruth;
  let ids: string[];
  let first: DetectionRunResult;
  const runIds: string[] = [];
  let dir: string;
  let admin: TestUser;

  beforeAll(async () => {
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    dir = tempDir();
    const gen = await generateDataset({ seed: SEED, accounts: ACCOUNTS, outDir: dir });
    truth = JSON.parse(readFileSync(gen.files.groundTruth, 'utf8')) as GroundTruth;
    ids = readFileSync(gen.files.accounts, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]!);
    await loadSources(db, [
      await fileSource(gen.files.accounts),
      await fileSource(gen.files.links),
      await fileSource(gen.files.payments),
    ]);
    first = await runDetection(db);
    runIds.push(first.id);
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids: [...ids, 'acc_joiner_test'] });
    await db.write('test-detection-cleanup.write', { runIds });
    await removeTestUsers(db);
    await db.close();
  });

  it('finds the planted rings: recall ≥ 0.95, precision ≥ 0.90, no household flagged', () => {
    const rings = first.result.rings.map((r) => ({ id: r.id, members: r.members, flagged: r.flagged }));
    const e = evaluateRings(truth, rings, { universe: new Set(ids) });
    // Every pattern is present and judged.
    expect(Object.keys(e.perPattern).sort()).toEqual([
      'card_sharing',
      'collusion',
      'device_farm',
      'identity_reuse',
      'ip_rotation',
    ]);
    expect(e.planted).toBeGreaterThanOrEqual(40);
    expect(e.recall, JSON.stringify(e.missed)).toBeGreaterThanOrEqual(0.95);
    expect(e.precision, JSON.stringify(e.falseFlagRings)).toBeGreaterThanOrEqual(0.9);
    expect(e.householdsFlagged).toBe(0);
    // Crowds are left out of the projection and reported.
    expect(first.result.crowds.length).toBeGreaterThan(0);
    expect(first.result.crowds.every((c) => c.sharers > first.result.settings.maxSharers)).toBe(true);
  });

  it('every reported ring is connected through evidence and says why in sentences with numbers', () => {
    for (const ring of first.result.rings.filter((r) => r.flagged)) {
      expect(ring.reasons.length).toBeGreaterThan(0);
      expect(ring.reasons.some((r) => /\d/.test(r))).toBe(true);
      // Union-find over evidence edges: all members in one piece.
      const parent = new Map(ring.members.map((m) => [m, m]));
      const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
      for (const e of ring.evidence) if (parent.has(e.a) && parent.has(e.b)) parent.set(find(e.a), find(e.b));
      if (!ring.evidenceTruncated) expect(new Set(ring.members.map(find)).size).toBe(1);
    }
  });

  it('persists the run and rings, and serves them through the API', async () => {
    const app = createApp({ db, clientDir: '/nonexistent' });
    const server = await serve(app);
    const base = server.base;
    try {
      const run = await (await fetch(`${base}/api/runs/${first.id}`, { headers: admin.headers })).json();
      expect(run).toMatchObject({ id: first.id, status: 'finished' });
      expect(run.modularity).toBeCloseTo(first.result.modularity, 6);

      const list = await (
        await fetch(`${base}/api/rings?minScore=${first.result.settings.alertThreshold}&pageSize=10`, {
          headers: admin.headers,
        })
      ).json();
      expect(list.total).toBe(first.result.counts.flagged);
      expect(list.items).toHaveLength(10);
      const scores = list.items.map((r: { score: number }) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      // Every sort key and direction, paged in the database: pages join up into the fully sorted list.
      type Item = { id: string; size: number; score: number };
      const get = async (qs: string) =>
        (await (await fetch(`${base}/api/rings?${qs}`, { headers: admin.headers })).json()) as {
          total: number;
          items: Item[];
        };
      for (const [sort, order, key] of [
        ['size', 'asc', (r: Item) => r.size],
        ['size', 'desc', (r: Item) => -r.size],
        ['score', 'asc', (r: Item) => r.score],
      ] as const) {
        const all = await get(`sort=${sort}&order=${order}&pageSize=200`);
        expect(all.items).toHaveLength(Math.min(200, all.total));
        // Ties go to the larger ring, then the higher score, then the id.
        const expected = [...all.items].sort(
          (a, b) => key(a) - key(b) || b.size - a.size || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
        expect(all.items.map((r) => r.id)).toEqual(expected.map((r) => r.id));
        const pages = [...(await get(`sort=${sort}&order=${order}&pageSize=4&page=1`)).items];
        pages.push(...(await get(`sort=${sort}&order=${order}&pageSize=4&page=2`)).items);
        expect(pages.map((r) => r.id)).toEqual(all.items.slice(0, 8).map((r) => r.id));
      }
      const byLastSeen = await get('sort=lastSeen&pageSize=3');
      expect(byLastSeen.items).toHaveLength(Math.min(3, byLastSeen.total));

      const top = list.items[0];
      const detail = await (await fetch(`${base}/api/rings/${top.id}`, { headers: admin.headers })).json();
      const expected = first.result.rings.find((r) => r.id === top.id)!;
      expect(detail.members.map((m: { id: string }) => m.id)).toEqual(expected.members);
      expect(detail.reasons).toEqual(expected.reasons);
      expect(detail.evidence.edges.length).toBe(expected.evidence.length);
      expect(detail.history).toEqual([{ runId: first.id, size: expected.members.length }]);
      // The queue carries how many joined and left; the ids are in the detail.
      expect([top.joinedCount, top.leftCount]).toEqual([detail.joined.length, detail.left.length]);

      const bad = await fetch(`${base}/api/rings?sort=name`, { headers: admin.headers });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.details[0].path).toBe('sort');
      expect((await fetch(`${base}/api/rings/ring-000000000000`, { headers: admin.headers })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('keeps ring ids across runs, and marks a ring that gained a member as grown', async () => {
    const again = await runDetection(db);
    runIds.push(again.id);
    expect(again.result.rings.map((r) => r.id).sort()).toEqual(first.result.rings.map((r) => r.id).sort());
    expect(again.result.diff.counts.unchanged).toBe(again.result.rings.length);

    // A new account starts using the devices of a planted device farm.
    const farm = first.result.rings.find((r) => r.flagged && r.evidence.some((e) => e.kind === 'device'))!;
    const devices = [...new Set(farm.evidence.filter((e) => e.kind === 'device').map((e) => e.key))].slice(0, 2);
    const links = join(dir, 'links-joiner.csv');
    writeFileSync(
      links,
      [
        'account_id,kind,value,seen_at',
        ...devices.map((d, i) => `acc_joiner_test,device,${d},2026-11-0${i + 1}T00:00:00Z`),
      ].join('\n') + '\n',
    );
    await loadSources(db, [await fileSource(links)]);
    const third = await runDetection(db);
    runIds.push(third.id);
    const grown = third.result.rings.find((r) => r.id === farm.id)!;
    expect(grown).toBeDefined();
    expect(grown.status).toBe('grown');
    expect(grown.members).toContain('acc_joiner_test');
    const change = third.result.diff.rings.find((c) => c.id === farm.id)!;
    expect(change.joined).toContain('acc_joiner_test');
    expect(change.left).toEqual([]);
  });

  it('POST /api/detect starts one run at a time (409 for a second) and reports progress until it finishes', async () => {
    const runner = new DetectionRunner(db);
    const app = createApp({ db, runner, clientDir: '/nonexistent' });
    const server = await serve(app);
    const base = server.base;
    try {
      const post = () => fetch(`${base}/api/detect`, { method: 'POST', headers: admin.json, body: '{}' });
      const a = await post();
      expect(a.status).toBe(202);
      const { id } = await a.json();
      runIds.push(id);
      const b = await post();
      expect(b.status).toBe(409);
      expect((await b.json()).error.message).toMatch(/already in progress/);
      const during = await (await fetch(`${base}/api/runs/${id}`, { headers: admin.headers })).json();
      // Still running, with its progress; or, on a fast machine, already finished (then without progress).
      expect(during).toSatisfy(
        (r: { id: string; status: string; progress?: { phase: string; done: number } }) =>
          r.id === id &&
          ((r.status === 'running' && typeof r.progress?.phase === 'string' && r.progress.done >= 0) ||
            (r.status === 'finished' && r.progress === undefined)),
      );
      await runner.idle();
      const after = await (await fetch(`${base}/api/runs/${id}`, { headers: admin.headers })).json();
      expect(after.status).toBe('finished');
      expect(after.progress).toBeUndefined();
      const bad = await fetch(`${base}/api/detect`, {
        method: 'POST',
        headers: admin.json,
        body: '{"resolution":-1}',
      });
      expect(bad.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});

/**
 * The server sends what contracts/ says: the responses of the ring, run, annotation, ingest and health APIs, read
 * from the real app against the real test Neo4j, parse with the schemas the web app validates them with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationSchema, timelineSchema } from '../../contracts/annotations.ts';
import { healthSchema } from '../../contracts/health.ts';
import { IngestResponse } from '../../contracts/ingest.ts';
import { ringDetailSchema, ringPageSchema } from '../../contracts/rings.ts';
import { RunDetail, RunList } from '../../contracts/runs.ts';
import { createApp } from '../../server/app.ts';
import { runDetection } from '../../server/runs/detection-service.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { serve, type Served } from '../support/http.ts';
import { oneRingLinks } from '../support/ingest-data.ts';
import { usePrefixedTestDb } from '../support/neo4j.ts';

describe('API responses match contracts/ (real Neo4j)', () => {
  const t = usePrefixedTestDb();
  const p = t.prefix('contracts');
  let http: Served;
  let admin: TestUser;
  const runIds: string[] = [];

  const get = async (path: string) => {
    const res = await fetch(`${http.base}/api${path}`, { headers: admin.headers });
    expect(res.status, path).toBe(200);
    return res.json();
  };

  const post = (path: string, body: unknown) =>
    fetch(`${http.base}/api${path}`, { method: 'POST', headers: admin.json, body: JSON.stringify(body) });

  beforeAll(async () => {
    admin = await createTestUser(t.db, 'admin');
    http = await serve(createApp({ db: t.db, clientDir: '/nonexistent' }));
  });
  afterAll(async () => {
    await http?.close();
    await t.db.write('test-detection-cleanup.write', { runIds });
    await removeTestUsers(t.db);
  });

  it('rings, runs, annotations, ingest and health', async () => {
    const { ids, records } = oneRingLinks(p);
    const load = await post('/ingest', { kind: 'links', records });
    expect(load.status).toBe(200);
    expect(IngestResponse.parse(await load.json())).toMatchObject({ kind: 'links', rowsWritten: records.length });

    const run = await runDetection(t.db);
    runIds.push(run.id);
    const ringId = run.result.rings.find((r) => r.members.includes(ids[0]!))!.id;

    const page = ringPageSchema.parse(await get(`/rings?minScore=0&pageSize=200`));
    expect(page.items.some((r) => r.id === ringId)).toBe(true);
    const ring = ringDetailSchema.parse(await get(`/rings/${ringId}`));
    expect(ring.members.map((m) => m.id).sort()).toEqual(ids);
    expect(ring.evidence.edges.length).toBeGreaterThan(0);

    const runs = RunList.parse(await get('/runs'));
    expect(runs.items.find((r) => r.id === run.id)).toMatchObject({ status: 'finished' });
    const detail = RunDetail.parse(await get(`/runs/${run.id}`));
    expect(detail.params).toMatchObject({ seed: run.result.settings.seed });
    expect(detail.timings).toMatchObject({ project: expect.any(Number) });

    const note = await post(`/rings/${ringId}/notes`, { body: 'Same device and card.' });
    expect(note.status).toBe(201);
    expect(annotationSchema.parse(await note.json())).toMatchObject({ kind: 'note', author: admin.username });
    const timeline = timelineSchema.parse(await get(`/rings/${ringId}/annotations`));
    expect(timeline.items.map((e) => e.body)).toEqual(['Same device and card.']);

    expect(healthSchema.parse(await get('/health'))).toMatchObject({ status: 'ok', neo4j: { connected: true } });
  });
});

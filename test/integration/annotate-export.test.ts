/**
 * Annotations (append-only, versioned, surviving re-detection and following a split) and evidence exports
 * (Cytoscape JSON, CSV, GraphML read back by networkx, HTML report, verifiable zip bundle), against the real
 * test Neo4j and real detection runs.
 */
import { execFileSync } from 'node:child_process';
import express from 'express';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationRoutes } from '../../server/annotate/routes.ts';
import { AuditLog } from '../../server/audit/service.ts';
import { setPrincipal } from '../../server/auth/principal.ts';
import type { Db } from '../../server/db/database.ts';
import { errorMiddleware } from '../../server/errors.ts';
import { verifyBundle } from '../../server/export/bundle.ts';
import { exportRoutes } from '../../server/export/routes.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection } from '../../server/runs/detection-service.ts';
import { ephemeralSecrets } from '../../server/secrets.ts';
import { serve, type Served } from '../support/http.ts';
import { runCli } from '../support/cli.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('annotations and evidence export (real Neo4j)', () => {
  let db: Db;
  let server: Served;
  let base: string;
  const p = uniquePrefix('ann');
  const dir = tempDir();
  const a = [1, 2, 3, 4].map((i) => `${p}a${i}`);
  const b = [1, 2, 3, 4].map((i) => `${p}b${i}`);
  const runIds: string[] = [];
  const secrets = ephemeralSecrets();
  let ringId: string;

  const api = (path: string, init?: RequestInit) =>
    fetch(`${base}/api${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });

  beforeAll(async () => {
    db = await connectTestDb();
    // Authentication is tested on its own; here a stand-in sets the signed-in user as the auth middleware does.
    const app = express();
    app.use(express.json());
    app.use((req, _res, next) => {
      setPrincipal(req, { username: 'alice', role: 'investigator', via: 'token' });
      next();
    });
    const auditLog = new AuditLog(db);
    app.use('/api', annotationRoutes(db, auditLog), exportRoutes(db, auditLog, secrets.signingKey));
    app.use(errorMiddleware);
    server = await serve(app);
    base = server.base;

    // One cohesive ring of 8: everyone shares a device and a card, all opened within a day, one known fraud.
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,label',
      ...[...a, ...b].map((id, i) => `${id},2026-10-01T0${i}:00:00Z,${i === 0 ? 'known_fraud' : 'unknown'}`),
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      ...[...a, ...b].flatMap((id) => [
        `${id},device,${p}dev-one,2026-10-02T00:00:00Z`,
        `${id},payment,${p}pm_one,2026-10-02T00:00:00Z`,
      ]),
      `${a[0]},email,${p}boss@example.com,2026-10-02T00:00:00Z`,
      `${a[0]},ip,198.51.100.77,2026-10-02T00:00:00Z`,
      `${b[0]},ip,198.51.100.77,2026-10-02T00:00:00Z`,
    ]);
    const payments = writeLines(dir, 'payments.csv', [
      'payer,payee,amount,currency,at',
      `${a[1]},${b[1]},250.00,USD,2026-10-03T00:00:00Z`,
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links), await fileSource(payments)]);
    const run = await runDetection(db);
    runIds.push(run.id);
    const ring = run.result.rings.find((r) => r.members.includes(a[0]!));
    expect(ring?.members).toEqual([...a, ...b].sort());
    ringId = ring!.id;
  });

  afterAll(async () => {
    await server.close();
    const rings = await db.read<{ id: string }>('test-rings-of-accounts.read', { ids: [...a, ...b] });
    await db.write('test-annotations-delete.write', { targetIds: [...rings.map((r) => r.id), ...a, ...b] });
    await db.write('test-delete-accounts.write', { ids: [...a, ...b] });
    await db.write('test-detection-cleanup.write', { runIds });
    await db.close();
  });

  it('keeps every version of a note, tags and disposition changes, with author and time', async () => {
    const n1 = await (
      await api(`/rings/${ringId}/notes`, {
        method: 'POST',
        body: JSON.stringify({ body: 'Same device *and* card.', format: 'markdown' }),
      })
    ).json();
    expect(n1).toMatchObject({ version: 1, author: 'alice', kind: 'note' });
    const n2res = await api(`/rings/${ringId}/notes`, {
      method: 'POST',
      body: JSON.stringify({ body: 'Same device and card; payments too.', supersedes: n1.id }),
    });
    expect(n2res.status).toBe(201);
    const n2 = await n2res.json();
    expect(n2).toMatchObject({ version: 2, noteId: n1.noteId });
    // Editing an old version again would fork the note: refused.
    const stale = await api(`/rings/${ringId}/notes`, {
      method: 'POST',
      body: JSON.stringify({ body: 'x', supersedes: n1.id }),
    });
    expect(stale.status).toBe(409);

    expect(
      (await api(`/rings/${ringId}/tags`, { method: 'PUT', body: JSON.stringify({ tags: ['farm', 'q4', 'farm'] }) }))
        .status,
    ).toBe(201);
    expect(
      (
        await api(`/rings/${ringId}/disposition`, {
          method: 'POST',
          body: JSON.stringify({ disposition: 'under_review', assignee: 'bob' }),
        })
      ).status,
    ).toBe(201);
    const bad = await api(`/rings/${ringId}/disposition`, {
      method: 'POST',
      body: JSON.stringify({ disposition: 'new' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(
      /cannot become new; next steps: confirmed_fraud, false_positive, escalated/,
    );
    expect(
      (
        await api(`/rings/${ringId}/disposition`, {
          method: 'POST',
          body: JSON.stringify({ disposition: 'confirmed_fraud', comment: 'Verified with the issuer.' }),
        })
      ).status,
    ).toBe(201);

    const { items } = await (await api(`/rings/${ringId}/annotations`)).json();
    expect(
      items.map((x: { kind: string; version: number; superseded: boolean }) => [x.kind, x.version, x.superseded]),
    ).toEqual([
      ['note', 1, true],
      ['note', 2, false],
      ['tags', 1, false],
      ['disposition', 1, false],
      ['disposition', 1, false],
    ]);
    expect(items[2].tags).toEqual(['farm', 'q4']);
    expect(items[4]).toMatchObject({
      previousDisposition: 'under_review',
      disposition: 'confirmed_fraud',
      body: 'Verified with the issuer.',
    });
    expect(
      items.every((x: { author: string; at: string }) => x.author === 'alice' && !Number.isNaN(Date.parse(x.at))),
    ).toBe(true);
    expect(
      (await api('/rings/ring-000000000000/notes', { method: 'POST', body: JSON.stringify({ body: 'x' }) })).status,
    ).toBe(404);
  });

  it('exports JSON, CSV, GraphML (read back by networkx), an HTML report and a bundle whose hashes verify', async () => {
    const json = await (await api(`/rings/${ringId}/export?format=json`)).json();
    const nodes = json.elements.nodes.length;
    const edges = json.elements.edges.length;
    // 8 accounts + the device and the card (shared by all) + the IP shared by two; the email is used by one only.
    expect(nodes).toBe(11);
    expect(edges).toBe(8 + 8 + 2 + 1);
    expect(
      json.elements.nodes.find((n: { data: { id: string } }) => n.data.id === `account:${a[0]}`).data.accountLabel,
    ).toBe('known_fraud');

    const nodesCsv = parseCsv(await (await api(`/rings/${ringId}/export?format=nodes.csv`)).text(), { columns: true });
    const edgesCsv = parseCsv(await (await api(`/rings/${ringId}/export?format=edges.csv`)).text(), { columns: true });
    expect([nodesCsv.length, edgesCsv.length]).toEqual([nodes, edges]);

    const graphmlRes = await api(`/rings/${ringId}/export?format=graphml`);
    expect(graphmlRes.headers.get('content-disposition')).toContain(`${ringId}-graph.graphml`);
    const graphmlPath = join(dir, 'ring.graphml');
    writeFileSync(graphmlPath, await graphmlRes.text());
    const counts = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys, networkx as nx; g = nx.read_graphml(sys.argv[1]); print(g.number_of_nodes(), g.number_of_edges())',
        graphmlPath,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(counts.trim()).toBe(`${nodes} ${edges}`);

    const html = await (await api(`/rings/${ringId}/export?format=html`)).text();
    // Kept as a test artifact, to look at.
    mkdirSync(join(process.cwd(), 'test-artifacts'), { recursive: true });
    writeFileSync(join(process.cwd(), 'test-artifacts', 'evidence-report.html'), html);
    expect(html).toContain(`Evidence report: ring ${ringId}`);
    expect(html).toContain('Exported by alice');
    expect(html).toContain('Verified with the issuer.');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);

    const zipPath = join(dir, 'bundle.zip');
    const zip = new Uint8Array(await (await api(`/rings/${ringId}/export?format=zip`)).arrayBuffer());
    writeFileSync(zipPath, zip);
    const v = verifyBundle(zip, secrets.publicKey);
    expect(v.problems).toEqual([]);
    expect(v.manifest?.files.map((f) => f.name).sort()).toEqual([
      'annotations.json',
      'edges.csv',
      'graph.graphml',
      'graph.json',
      'graph.svg',
      'nodes.csv',
      'report.html',
    ]);
    expect(v.manifest).toMatchObject({ exportedBy: 'alice', ring: { id: ringId }, run: { id: runIds[0] } });
    const pem = join(dir, 'bundle-signing.pub.pem');
    writeFileSync(pem, secrets.publicKey.export({ type: 'spki', format: 'pem' }));
    const ok = await runCli('scripts/verify-bundle.ts', ['--public-key', pem, zipPath]);
    expect(ok.code, ok.stderr).toBe(0);

    // Tamper with one file and keep the manifest: verification must fail and name the file.
    const entries = unzipSync(zip);
    entries['nodes.csv'] = strToU8(strFromU8(entries['nodes.csv']!).replace('known_fraud', 'legit'));
    const tampered = join(dir, 'tampered.zip');
    writeFileSync(tampered, zipSync(entries));
    const bad = await runCli('scripts/verify-bundle.ts', ['--public-key', pem, tampered]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/nodes\.csv was altered/);

    // The UI's PNG goes into the bundle too.
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
    const withPng = new Uint8Array(
      await (await api(`/rings/${ringId}/export`, { method: 'POST', body: JSON.stringify({ png }) })).arrayBuffer(),
    );
    expect(verifyBundle(withPng, secrets.publicKey).manifest?.files.map((f) => f.name)).toContain('graph.png');
  });

  it('annotations survive re-detection, and follow both halves when the ring splits', async () => {
    const again = await runDetection(db);
    runIds.push(again.id);
    expect(again.result.rings.find((r) => r.id === ringId)?.status).toBe('unchanged');
    const kept = await (await api(`/rings/${ringId}/annotations`)).json();
    expect(kept.items).toHaveLength(5);

    // Split: the b-half stops using the shared device and card, and gets its own.
    await db.write('test-uses-delete.write', { accounts: b, key: `${p}dev-one` });
    await db.write('test-uses-delete.write', { accounts: b, key: `${p}pm_one` });
    await db.write('test-uses-delete.write', { accounts: [b[0]], key: '198.51.100.77' });
    const split = writeLines(dir, 'links-split.csv', [
      'account_id,kind,value,seen_at',
      ...b.flatMap((id) => [
        `${id},device,${p}dev-two,2026-10-05T00:00:00Z`,
        `${id},payment,${p}pm_two,2026-10-05T00:00:00Z`,
      ]),
    ]);
    await loadSources(db, [await fileSource(split)]);
    const third = await runDetection(db);
    runIds.push(third.id);
    const halves = third.result.rings.filter((r) => r.members.some((m) => m.startsWith(p)));
    expect(halves.map((r) => r.members).sort()).toEqual([a, b]);
    const other = halves.find((r) => r.id !== ringId)!;
    expect(halves.map((r) => r.id)).toContain(ringId);
    expect(third.result.diff.split).toEqual(expect.arrayContaining([expect.objectContaining({ previousId: ringId })]));

    const inherited = await (await api(`/rings/${other.id}/annotations`)).json();
    expect(inherited.items.length).toBe(5);
    expect(
      inherited.items.every(
        (x: { inheritedFrom: string; via: string[] }) => x.inheritedFrom === ringId && x.via[0] === 'split',
      ),
    ).toBe(true);
    // The new half took over the confirmed disposition.
    const detail = await (await api(`/rings/${other.id}/export?format=json`)).json();
    expect(detail.data.ringId).toBe(other.id);
    const [row] = await db.read<{ disposition: string }>('annotation-target-state.read', {
      targetType: 'ring',
      targetId: other.id,
    });
    expect(row!.disposition).toBe('confirmed_fraud');
  });

  it('a ring marked false_positive does not come back on the same evidence', async () => {
    const before = await runDetection(db);
    runIds.push(before.id);
    const bRing = before.result.rings.find((r) => r.members.includes(b[0]!))!;
    // The b-half inherited 'confirmed_fraud' from the split ring: reopen it, then rule it out.
    for (const disposition of ['under_review', 'false_positive']) {
      const res = await api(`/rings/${bRing.id}/disposition`, {
        method: 'POST',
        body: JSON.stringify({ disposition }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const next = await runDetection(db);
    runIds.push(next.id);
    const ours = next.result.rings.filter((r) => r.members.some((m) => m.startsWith(p)));
    expect(ours.map((r) => r.members)).toEqual([a]);
    // With feedback off, the same evidence raises the ring again.
    const off = await runDetection(db, { falsePositiveFeedback: 'off' });
    runIds.push(off.id);
    expect(
      off.result.rings
        .filter((r) => r.members.some((m) => m.startsWith(p)))
        .map((r) => r.members)
        .sort(),
    ).toEqual([a, b]);
  });
});

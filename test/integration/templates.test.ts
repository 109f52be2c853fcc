/**
 * Templated sign-ups through the database (server/detect/templates.ts, server/runs/input-cache.ts): four accounts on
 * mark.s01@, mark.s02@ and mark.s03@ (the last mailbox shared by two of them), beside ordinary mailboxes with counters.
 * A run without an input cache asks Neo4j only for the single-use mailboxes whose stem has at least three mailboxes
 * (cypher/identifier-template-singles-email.read.cypher); a run with a cache reads them all. Both find the template.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { TEMPLATE_MIN_RUN } from '../../server/detect/templates.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('templated sign-ups read from Neo4j', () => {
  let db: Db;
  const runIds: string[] = [];
  const p = uniquePrefix('tpl');
  const signups = Array.from({ length: 4 }, (_, i) => `${p}signup-${i}`);
  const others = Array.from({ length: 4 }, (_, i) => `${p}other-${i}`);
  const mailbox = (n: number) => `${p}mark.s0${n}@example.com`;
  // Counters of one stem that do not count up (948, 15, 611), and one counter alone.
  const counters = [`${p}garcia_948@example.net`, `${p}garcia_15@example.net`, `${p}garcia_611@example.net`];
  const lone = `${p}lonely77@example.org`;

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const at = (day: number) => new Date(Date.UTC(2026, 2, 1 + day)).toISOString();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,label',
      ...[...signups, ...others].map((id, i) => `${id},${at(i * 3)},personal,unknown`),
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      `${signups[0]},email,${mailbox(1)},${at(1)}`,
      `${signups[1]},email,${mailbox(2)},${at(4)}`,
      `${signups[2]},email,${mailbox(3)},${at(7)}`,
      `${signups[3]},email,${mailbox(3)},${at(10)}`,
      ...counters.map((email, i) => `${others[i]},email,${email},${at(12 + i)}`),
      `${others[3]},email,${lone},${at(20)}`,
      ...[...signups, ...others].map((id) => `${id},device,dev-${id},${at(1)}`),
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links)]);
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids: [...signups, ...others] });
    await db.write('test-detection-cleanup.write', { runIds });
    await db.close();
  });

  it('sends the single-use mailboxes of stems with enough mailboxes, counting shared ones, and not a lone counter', async () => {
    const rows = await db.read<{ key: string; account: string }>('identifier-template-singles-email.read', {
      minRun: TEMPLATE_MIN_RUN,
    });
    const mine = rows.filter((r) => r.key.startsWith(p)).map((r) => `${r.key} ${r.account}`);
    expect(mine.sort()).toEqual(
      [
        `${mailbox(1)} ${signups[0]}`,
        `${mailbox(2)} ${signups[1]}`,
        ...counters.map((email, i) => `${email} ${others[i]}`),
      ].sort(),
    );
    const all = await db.read<{ key: string }>('identifier-singles-email.read');
    expect(all.some((r) => r.key === lone)).toBe(true);
  });

  it('finds the template without a cache and with one, the same finding', async () => {
    const finding = (run: DetectionRunResult) => {
      runIds.push(run.id);
      return run.result.rings.find((r) => r.members.includes(signups[0]!));
    };
    const plain = finding(await runDetection(db));
    expect([...plain!.members].sort()).toEqual([...signups].sort());
    expect(plain!.reasons[0]).toBe(
      `4 accounts use email addresses made from one template (${p}mark.s##@example.com); ` +
        `2 accounts share email address ${mailbox(3)}`,
    );
    const cached = finding(await runDetection(db, { inputCache: { dir: tempDir(), full: false } }));
    // The second run sees the ring again: only its status says so.
    expect(cached).toEqual({ ...plain, status: 'unchanged' });
  });
});

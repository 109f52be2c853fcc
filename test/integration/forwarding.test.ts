/**
 * Money passed on is money forwarded, through the database (server/detect/forwarding.ts): the payments' times and
 * amounts are read from the stored PAID relationships (payment-events.read) for the pass-through candidates only.
 * A mule chain that forwards each payment within hours keeps its "pass money on" reason, now saying it forwards; a
 * chain of the same pairs, counts and sums whose members pay on before they are paid gets no pass-through points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('money passed on is money forwarded: payment times read from Neo4j', () => {
  let db: Db;
  let run: DetectionRunResult;
  const p = uniquePrefix('fwd');
  const mules = Array.from({ length: 5 }, (_, i) => `${p}mule-${i}`);
  const early = Array.from({ length: 5 }, (_, i) => `${p}early-${i}`);
  const t0 = Date.parse('2025-06-02T09:00:00Z');

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,label',
      ...[...mules, ...early].map(
        (id, i) => `${id},2025-05-${String(1 + (i % 5) * 2).padStart(2, '0')}T00:00:00Z,personal,unknown`,
      ),
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      ...mules.slice(0, 3).map((id) => `${id},ip,203.0.113.77,2025-05-20T10:00:00Z`),
      ...early.map((id) => `${id},device,dev-${p}-shared,2025-05-20T10:00:00Z`),
    ]);
    const rows: string[] = [];
    for (let k = 0; k < 3; k++)
      for (let i = 0; i + 1 < 5; i++) {
        const amount = (3000 * 0.95 ** i).toFixed(2);
        // mules forward three hours after they are paid; the others pay on two days before they are paid
        const forward = new Date(t0 + k * 10 * DAY + i * 3 * HOUR).toISOString();
        const before = new Date(t0 + k * 10 * DAY - i * 2 * DAY).toISOString();
        rows.push(`${mules[i]},${mules[i + 1]},${amount},EUR,${forward},${p}m${k}-${i}`);
        rows.push(`${early[i]},${early[i + 1]},${amount},EUR,${before},${p}e${k}-${i}`);
      }
    const payments = writeLines(dir, 'payments.csv', ['payer,payee,amount,currency,at,id', ...rows]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links), await fileSource(payments)]);
    run = await runDetection(db);
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids: [...mules, ...early] });
    await db.write('test-detection-cleanup.write', { runIds: [run?.id].filter(Boolean) });
    await db.close();
  });

  it('says the mules forward what they are paid, and reads the payments of their transfers only', () => {
    const ring = run.result.rings.find((r) => r.members.includes(mules[0]!));
    expect(ring?.flagged).toBe(true);
    expect([...ring!.members].sort()).toEqual([...mules].sort());
    expect(ring!.reasons).toContain(
      `3 members pass money on: pay other members what others paid them, within 7 days (${mules[1]}, ${mules[2]}, ${mules[3]})`,
    );
    // 4 transfers of the mules and 4 of the other chain, at least (other tests' data may add more)
    expect(run.result.counts.forwardingPairs).toBeGreaterThanOrEqual(8);
  });

  it('gives no pass-through points to a chain whose members pay on before they are paid', () => {
    const ring = run.result.rings.find((r) => r.members.includes(early[0]!));
    expect([...ring!.members].sort()).toEqual([...early].sort());
    expect(ring!.features.scoreBreakdown.relay).toBe(0);
    expect(ring!.reasons.join('\n')).not.toMatch(/money on/);
  });
});

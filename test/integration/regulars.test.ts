/**
 * Regulars of one account alone, through the database (server/detect/funnels.ts regularLegs): three riders opened
 * months apart, who share nothing, ride with one driver and nobody else 9 to 20 times each; twelve strangers ride with
 * the driver once and with each other. Loaded with the loader into Neo4j, detected from there: one flagged ring of the
 * driver and the three, with the reason naming them. The counts come from the stored PAID relationships. Three
 * tenants who pay one landlord their rent every month for ten months, and nobody else, are no regulars: the payments'
 * times, read from the stored PAID relationships, are a monthly schedule (funnels.ts onSchedule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

const DAY = 86_400_000;

describe('regulars of one account alone: payment counts read from Neo4j', () => {
  let db: Db;
  let run: DetectionRunResult;
  const p = uniquePrefix('reg');
  const driver = `${p}driver`;
  const straw = Array.from({ length: 3 }, (_, i) => `${p}straw-${i}`);
  const strangers = Array.from({ length: 12 }, (_, i) => `${p}stranger-${String(i).padStart(2, '0')}`);
  const landlord = `${p}landlord`;
  const tenants = Array.from({ length: 3 }, (_, i) => `${p}tenant-${i}`);
  const t0 = Date.parse('2025-03-01T08:00:00Z');
  const at = (days: number) => new Date(t0 + days * DAY).toISOString();

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,label',
      `${driver},${at(0)},driver,unknown`,
      ...straw.map((id, i) => `${id},${at(100 + i * 60)},rider,unknown`),
      ...strangers.map((id, i) => `${id},${at(i * 20)},rider,unknown`),
      `${landlord},${at(0)},personal,unknown`,
      ...tenants.map((id, i) => `${id},${at(20 + i * 70)},personal,unknown`),
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      ...[driver, ...straw, ...strangers, landlord, ...tenants].map((id) => `${id},device,dev-${id},${at(1)}`),
    ]);
    const rows: string[] = [];
    straw.forEach((id, i) => {
      for (let k = 0; k < 9 + i * 5; k++)
        rows.push(`${id},${driver},${(60 + k).toFixed(2)},USD,${at(230 + k * 3 + i)},${p}s${i}-${k}`);
    });
    strangers.forEach((id, i) => {
      rows.push(`${id},${driver},18.50,USD,${at(200 + i)},${p}d${i}`);
      rows.push(`${id},${strangers[(i + 3) % strangers.length]},25.00,USD,${at(210 + i)},${p}o${i}-a`);
      rows.push(`${id},${strangers[(i + 3) % strangers.length]},12.00,USD,${at(240 + i)},${p}o${i}-b`);
    });
    tenants.forEach((id, i) => {
      for (let m = 0; m < 10; m++)
        rows.push(`${id},${landlord},950.00,USD,${at(240 + m * 30.4 + (m % 3))},${p}r${i}-${m}`);
    });
    const payments = writeLines(dir, 'payments.csv', ['payer,payee,amount,currency,at,id', ...rows]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links), await fileSource(payments)]);
    run = await runDetection(db);
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids: [driver, ...straw, ...strangers, landlord, ...tenants] });
    await db.write('test-detection-cleanup.write', { runIds: [run?.id].filter(Boolean) });
    await db.close();
  });

  it('makes the driver and the riders who ride with it alone one flagged ring, saying they were opened apart', () => {
    const ring = run.result.rings.find((r) => r.members.includes(driver));
    expect(ring?.flagged).toBe(true);
    expect([...ring!.members].sort()).toEqual([driver, ...straw].sort());
    expect(ring!.reasons).toContain(
      `3 accounts pay ${driver} and nobody else, again and again (${straw.join(', ')}); 3 of them 8 times or more, ` +
        'opened within 120 days: regulars of one account alone, they exist to feed it',
    );
    expect(strangers.some((id) => ring!.members.includes(id))).toBe(false);
  });

  it('leaves alone tenants who pay one landlord their rent every month and nobody else', () => {
    expect(run.result.rings.find((r) => r.members.includes(landlord))).toBeUndefined();
  });
});

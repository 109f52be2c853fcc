/**
 * Intruders' networks through the database (server/detect/networks.ts): four long-standing accounts that start to
 * come from one IP within days, one of them known fraud, are one flagged ring; the same without a known-fraud member
 * is nothing. This is the path the offline tests do not cover: the known-fraud accounts read by
 * accounts-known-fraud.read and the first sightings of the IP by accounts-sightings.read, from the stored links.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('intruders’ networks: a fraudster’s IP on long-standing accounts ties them, through Neo4j', () => {
  let db: Db;
  let run: DetectionRunResult;
  const p = uniquePrefix('net');
  const tag = randomBytes(4).toString('hex');
  const rented = Array.from({ length: 4 }, (_, i) => `${p}rented-${i}`);
  const movers = Array.from({ length: 4 }, (_, i) => `${p}mover-${i}`);
  // Random groups written as the loader keeps them: none starts with 0 (the loader would drop it, and the reason
  // names the stored key).
  const group = `1${tag.slice(0, 3)}:1${tag.slice(3, 6)}`;
  const [proxy, newLine] = [`2001:db8:${group}::9`, `2001:db8:${group}::7`];

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const opened = (i: number) => `2024-0${1 + 2 * i}-10T00:00:00Z`;
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,label',
      ...rented.map((id, i) => `${id},${opened(i)},personal,${i === 0 ? 'known_fraud' : 'unknown'}`),
      ...movers.map((id, i) => `${id},${opened(i)},personal,unknown`),
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      ...[...rented, ...movers].map((id, i) => `${id},device,dev-${tag}-${i},${opened(i % 4)}`),
      ...rented.map((id, i) => `${id},ip,${proxy},2025-03-0${1 + 2 * i}T20:00:00Z`),
      ...movers.map((id, i) => `${id},ip,${newLine},2025-03-0${1 + 2 * i}T20:00:00Z`),
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links)]);
    run = await runDetection(db);
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids: [...rented, ...movers] });
    await db.write('test-detection-cleanup.write', { runIds: [run?.id].filter(Boolean) });
    await db.close();
  });

  it('flags the four accounts with a reason naming the IP and saying a known-fraud account is among them', () => {
    const ring = run.result.rings.find((r) => r.members.includes(rented[1]!));
    expect(ring?.flagged).toBe(true);
    expect([...ring!.members].sort()).toEqual([...rented].sort());
    expect(ring!.reasons.join('\n')).toContain(
      `4 accounts opened long before were first seen on IP ${proxy} within 6 days, a known-fraud account among them`,
    );
    expect(run.result.counts.intruderNetworks).toBeGreaterThanOrEqual(1);
  });

  it('finds nothing among the same accounts on a new line without a known-fraud member', () => {
    for (const id of movers)
      expect(
        run.result.rings.find((r) => r.members.includes(id)),
        id,
      ).toBeUndefined();
  });
});

describe('accounts that changed hands onto one IP, months apart, through Neo4j', () => {
  let db: Db;
  let run: DetectionRunResult;
  const p = uniquePrefix('handover');
  const tag = randomBytes(4).toString('hex');
  const sold = Array.from({ length: 3 }, (_, i) => `${p}sold-${i}`);
  const keepers = Array.from({ length: 3 }, (_, i) => `${p}keeper-${i}`);
  const group = `1${tag.slice(0, 3)}:1${tag.slice(3, 6)}`;
  const [proxy, newLine] = [`2001:db8:${group}::19`, `2001:db8:${group}::17`];
  const home = (i: number) => `2001:db8:${group}::${100 + i}`;
  // Taken over one by one, 45 days apart: past the 21-day window of an intruder's network.
  const takenAt = ['2025-01-05', '2025-02-19', '2025-04-05'];

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,label',
      ...[...sold, ...keepers].map(
        (id, i) => `${id},2024-02-01T00:00:00Z,personal,${i % 3 === 0 ? 'known_fraud' : 'unknown'}`,
      ),
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      // Each its own phone and home line from March to October 2024.
      ...[...sold, ...keepers].flatMap((id, i) => [
        `${id},device,phone-${tag}-${i},2024-03-01T09:00:00Z`,
        `${id},device,phone-${tag}-${i},2024-10-01T09:00:00Z`,
        `${id},ip,${home(i)},2024-03-01T09:00:00Z`,
        `${id},ip,${home(i)},2024-10-01T09:00:00Z`,
      ]),
      // The sold ones: from then on only a laptop of the buyer's and its proxy.
      ...sold.flatMap((id, i) => [
        `${id},device,laptop-${tag}-${i},${takenAt[i]}T20:00:00Z`,
        `${id},ip,${proxy},${takenAt[i]}T20:00:00Z`,
        `${id},ip,${proxy},2025-05-01T20:00:00Z`,
      ]),
      // The keepers: the same times on one new line, but still on their own phones afterwards.
      ...keepers.flatMap((id, i) => [
        `${id},ip,${newLine},${takenAt[i]}T20:00:00Z`,
        `${id},device,phone-${tag}-${i + 3},2025-05-01T20:00:00Z`,
      ]),
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links)]);
    run = await runDetection(db);
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids: [...sold, ...keepers] });
    await db.write('test-detection-cleanup.write', { runIds: [run?.id].filter(Boolean) });
    await db.close();
  });

  it('ties the sold accounts, with a reason saying they changed hands onto the IP', () => {
    const ring = run.result.rings.find((r) => r.members.includes(sold[1]!));
    expect([...ring!.members].sort()).toEqual([...sold].sort());
    expect(ring!.reasons.join('\n')).toContain(
      `3 accounts opened long before each changed hands onto IP ${proxy} (over 90 days): from one day on, none of the devices or networks they had used before was seen again`,
    );
  });

  it('leaves alone the accounts that kept their phones on the new line', () => {
    for (const id of keepers)
      expect(
        run.result.rings.find((r) => r.members.includes(id)),
        id,
      ).toBeUndefined();
  });
});

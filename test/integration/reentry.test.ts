/**
 * Re-entry through the database (server/detect/reentry.ts): a banned account's successor on its home IP is flagged
 * as a pair, and a household member who used the same kind of tie side by side with a banned member is not. This is
 * the path the offline tests do not cover: per-identifier sightings (USES.firstSeen/lastSeen) and account activity
 * read back by accounts-info.read, and the banned accounts found by accounts-banned.read.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('re-entry: a banned account’s successor, through Neo4j', () => {
  let db: Db;
  let run: DetectionRunResult;
  const p = uniquePrefix('reentry');
  const [banned, successor, bannedMember, flatmate] = ['banned', 'successor', 'member', 'flatmate'].map((n) => p + n);
  // Home IPs nobody else uses (documentation range, random per run).
  // No leading zero: the loader writes IPv6 keys in RFC 5952 form (`01e2` → `1e2`), and the reason names the key.
  const net = (0x1000 + (randomBytes(2).readUInt16BE(0) % 0xf000)).toString(16);
  const [homeA, homeB] = [`2001:db8:${net}::a`, `2001:db8:${net}::b`];

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,status,label',
      `${banned},2025-01-02T00:00:00Z,banned,unknown`,
      `${successor},2025-08-01T00:00:00Z,active,unknown`,
      `${bannedMember},2025-01-02T00:00:00Z,banned,unknown`,
      `${flatmate},2025-02-01T00:00:00Z,active,unknown`,
    ]);
    const sightings = (account: string, ip: string, days: string[]) =>
      days.map((d) => `${account},ip,${ip},${d}T20:00:00Z`);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      // The banned account on its home IP until June; the successor from August.
      ...sightings(banned, homeA, ['2025-01-02', '2025-03-15', '2025-06-30']),
      ...sightings(successor, homeA, ['2025-08-01', '2025-09-10', '2025-11-20']),
      // A banned member and a flatmate on one home IP side by side for months.
      ...sightings(bannedMember, homeB, ['2025-01-02', '2025-05-01', '2025-09-01']),
      ...sightings(flatmate, homeB, ['2025-02-01', '2025-06-01', '2025-12-01']),
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links)]);
    run = await runDetection(db);
  });
  afterAll(async () => {
    // Accounts first: the cleanup then removes the rings they leave without members (else they stay in the queue).
    await db.write('test-delete-accounts.write', { ids: [banned, successor, bannedMember, flatmate] });
    await db.write('test-detection-cleanup.write', { runIds: [run?.id].filter(Boolean) });
    await db.close();
  });

  it('flags the successor and the banned account as a pair, with a reason naming the IP and the dates', () => {
    const pair = run.result.rings.find((r) => r.members.includes(successor));
    expect(pair, 'a finding holding the successor').toBeDefined();
    expect(pair!.kind).toBe('pair');
    expect(pair!.members).toEqual([banned, successor].sort());
    expect(pair!.flagged).toBe(true);
    const reason = pair!.reasons.find((r) => r.includes(' over from banned account '));
    expect(reason).toBe(
      `${successor} took IP ${homeA} over from banned account ${banned}: first seen 2025-08-01, ${banned} last seen ` +
        "2025-06-30 (a successor account's pattern)",
    );
  });

  it('does not flag the flatmate who used the banned member’s home IP side by side', () => {
    const finding = run.result.rings.find((r) => r.members.includes(flatmate));
    expect(finding?.flagged ?? false).toBe(false);
  });
});

/**
 * Organisations through the database (server/detect/organisations.ts): the accounts a company's own account lends
 * its card and office network to are not a ring, and a shell company labelled known fraud still ties its accounts.
 * This is the path the offline tests do not cover: the declared type read by accounts-of-types.read and
 * accounts-info.read from the stored accounts.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('organisations: a company’s card and office network tie nobody, through Neo4j', () => {
  let db: Db;
  let run: DetectionRunResult;
  const p = uniquePrefix('org');
  const tag = randomBytes(4).toString('hex');
  const [company, shell] = [`${p}company`, `${p}shell`];
  const staff = Array.from({ length: 6 }, (_, i) => `${p}staff-${i}`);
  const fronts = Array.from({ length: 6 }, (_, i) => `${p}front-${i}`);
  const [card, shellCard] = [`tok_corp_${tag}`, `tok_shell_${tag}`];
  const [office, shellOffice] = [`2001:db8:${tag.slice(0, 4)}::1`, `2001:db8:${tag.slice(4)}::2`];

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,label',
      `${company},2025-01-02T00:00:00Z,Business,unknown`,
      `${shell},2025-01-02T00:00:00Z,business,known_fraud`,
      ...staff.map((id, i) => `${id},2025-03-0${1 + (i % 3)}T00:00:00Z,personal,unknown`),
      ...fronts.map((id, i) => `${id},2025-03-0${1 + (i % 3)}T00:00:00Z,personal,unknown`),
    ]);
    const uses = (ids: string[], kind: string, value: string) =>
      ids.map((id) => `${id},${kind},${value},2025-04-01T09:00:00Z`);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      ...uses([company, ...staff], 'payment', card),
      ...uses([company, ...staff], 'ip', office),
      ...uses([shell, ...fronts], 'payment', shellCard),
      ...uses([shell, ...fronts], 'ip', shellOffice),
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links)]);
    run = await runDetection(db);
  });
  afterAll(async () => {
    // Accounts first: the cleanup then removes the rings they leave without members (else they stay in the queue).
    await db.write('test-delete-accounts.write', { ids: [company, shell, ...staff, ...fronts] });
    await db.write('test-detection-cleanup.write', { runIds: [run?.id].filter(Boolean) });
    await db.close();
  });

  it('finds no ring among the company and its staff, and lists its card and network as an organisation’s', () => {
    for (const id of [company, ...staff])
      expect(
        run.result.rings.find((r) => r.members.includes(id)),
        id,
      ).toBeUndefined();
    const left = run.result.excluded.filter((e) => e.reason === 'organisation').map((e) => e.key);
    expect(left).toEqual(expect.arrayContaining([card]));
    expect(left).not.toContain(shellCard);
  });

  it('still flags the accounts of a shell company labelled known fraud', () => {
    const ring = run.result.rings.find((r) => r.members.includes(fronts[0]!));
    expect(ring?.flagged).toBe(true);
    expect(ring!.members).toEqual(expect.arrayContaining(fronts));
  });
});

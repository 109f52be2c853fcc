/**
 * One mailbox written two ways, through the database: the loader keeps how each account wrote an email address
 * (USES.spelling, links-upsert-email), accounts-info.read hands it to scoring, and two accounts that wrote one Gmail
 * mailbox differently come out as a flagged pair whose reason names both spellings; two that wrote it alike do not.
 * The offline tests (test/unit/detect/held-out-principles.test.ts) give the spellings directly.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

describe('one mailbox written two ways, through Neo4j', () => {
  let db: Db;
  let run: DetectionRunResult;
  const p = uniquePrefix('mbx');
  const tag = randomBytes(4).toString('hex');
  const [first, second, mum, dad] = ['first', 'second', 'mum', 'dad'].map((n) => `${p}${n}`);
  const promo = `jane.roe${tag}`;
  const family = `roefamily${tag}`;

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,label',
      `${first},2025-01-02T00:00:00Z,personal,unknown`,
      `${second},2025-02-10T00:00:00Z,personal,unknown`,
      `${mum},2025-01-02T00:00:00Z,personal,unknown`,
      `${dad},2025-02-10T00:00:00Z,personal,unknown`,
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      `${first},email,${promo}@gmail.com,2025-01-02T09:00:00Z`,
      `${second},email,${promo.replace('.', '')}+stay@gmail.com,2025-02-10T09:00:00Z`,
      `${second},email,${promo}@gmail.com,2025-03-10T09:00:00Z`,
      `${mum},email,${family}@gmail.com,2025-01-02T09:00:00Z`,
      `${dad},email,${family}@gmail.com,2025-02-10T09:00:00Z`,
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links)]);
    run = await runDetection(db);
  });
  afterAll(async () => {
    // Accounts first: the cleanup then removes the rings they leave without members (else they stay in the queue).
    await db.write('test-delete-accounts.write', { ids: [first, second, mum, dad] });
    await db.write('test-detection-cleanup.write', { runIds: [run?.id].filter(Boolean) });
    await db.close();
  });

  it('flags the pair that wrote the mailbox two ways (the first spelling of each account counts)', () => {
    const pair = run.result.rings.find((r) => r.members.includes(first));
    expect(pair?.members).toEqual([first, second]);
    expect(pair!.flagged).toBe(true);
    expect(pair!.reasons[0]).toBe(
      `2 accounts use one mailbox, ${promo.replace('.', '')}@gmail.com, written 2 ways (${promo}@gmail.com, ${promo.replace('.', '')}+stay@gmail.com): one person's accounts`,
    );
  });

  it('does not flag two accounts that wrote a shared mailbox the same way', () => {
    const pair = run.result.rings.find((r) => r.members.includes(mum));
    expect(pair?.flagged ?? false).toBe(false);
  });
});

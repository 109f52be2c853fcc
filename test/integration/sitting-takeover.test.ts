/**
 * Takeovers in one sitting each, through the database (server/detect/score-terms.ts sittingTakeovers, generic.ts
 * sittingOn): seven customers opened months apart, each with a phone, a home and a device of their own; ten days
 * apart an intruder logs into each from one browser and saves its drop address within minutes. Loaded with the loader
 * into Neo4j and detected from there, where the account lookup carries no sightings: the browser is not read as
 * generic (a kiosk's over two months), and the seven are one flagged ring whose reason names the sitting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

const DAY = 86_400_000;

describe('takeovers in one sitting each: sightings read from Neo4j', () => {
  let db: Db;
  let run: DetectionRunResult;
  const p = uniquePrefix('sit');
  const victims = Array.from({ length: 7 }, (_, i) => `${p}victim-${i}`);
  const t0 = Date.parse('2024-01-10T08:00:00Z');
  const at = (days: number, minutes = 0) => new Date(t0 + days * DAY + minutes * 60_000).toISOString();
  const intruder = `fp-${p}intruder`;
  const drop = `"${p.length} Quay Street, Portsmouth, NH 03801"`;

  beforeAll(async () => {
    db = await connectTestDb();
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,label',
      ...victims.map((id, i) => `${id},${at(i * 45)},customer,unknown`),
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      ...victims.flatMap((id, i) => [
        `${id},device,dev-${id},${at(i * 45)}`,
        `${id},phone,+1202555${String(1100 + i)},${at(i * 45)}`,
        `${id},address,"${i + 1} Own Street Apt ${i}, Town ${p}${i}, NH 0300${i}",${at(i * 45)}`,
        `${id},address,${drop},${at(400 + i * 10)}`,
        `${id},device,${intruder},${at(400 + i * 10, 2)}`,
      ]),
    ]);
    await loadSources(db, [await fileSource(accounts), await fileSource(links)]);
    run = await runDetection(db);
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids: victims });
    await db.write('test-detection-cleanup.write', { runIds: [run?.id].filter(Boolean) });
    await db.close();
  });

  it('keeps the browser and makes the seven one flagged ring, saying each was taken in one sitting', () => {
    expect(run.result.excluded.map((e) => e.key)).not.toContain(intruder);
    const ring = run.result.rings.find((r) => r.members.includes(victims[0]));
    expect(ring?.flagged).toBe(true);
    expect([...ring!.members].sort()).toEqual([...victims].sort());
    expect(ring!.reasons.join('\n')).toMatch(
      new RegExp(`7 accounts opened long before each took device ${intruder} and address .* in one sitting`),
    );
  });
});

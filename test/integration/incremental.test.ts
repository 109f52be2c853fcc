/**
 * Incremental detection input (server/runs/input-cache.ts), real Neo4j: over the three days of nightly-scenario.ts
 * (plus payments), a run that reads its cache and what the day's load stamped gives exactly the rings — ids, members,
 * scores, reasons — of a full read of the same graph right after it. The diff against the previous run and the
 * nightly alerts are functions of the previous rings and these, so they are the same too; day 2's diff is checked.
 * A deletion (which no load stamps) makes the next run read the whole graph, and says why.
 */
import { mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { inputCachePath } from '../../server/runs/input-cache.ts';
import { tempDir } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';
import { nightlyScenario } from './nightly-scenario.ts';

const p = uniquePrefix('incr');
const { id, range, RINGS, day1, day2, day3, allAccounts } = nightlyScenario(p);

/** Payments of a day: money among background accounts, and a relay through an outsider between ring members. */
function payments(dir: string, day: number, rows: Array<[string, string, number]>): string {
  const path = join(dir, `payments-day${day}.csv`);
  writeFileSync(
    path,
    [
      'payer,payee,amount,currency,at,id',
      ...rows.map(
        ([a, b, amount], i) =>
          `${a},${b},${amount},USD,2026-07-0${day}T12:${String(i % 60).padStart(2, '0')}:00Z,${p}tx${day}-${i}`,
      ),
    ].join('\n') + '\n',
  );
  return path;
}

describe('incremental detection input (real Neo4j)', () => {
  let db: Db;
  let inputDir: string;
  let cacheDir: string;
  const runIds: string[] = [];

  const load = async (files: string[]) => {
    await loadSources(db, await Promise.all(files.map((f) => fileSource(f))));
  };
  const detect = async (cache: boolean, full = false) => {
    const run = await runDetection(db, cache ? { inputCache: { dir: cacheDir, full } } : {});
    runIds.push(run.id);
    return run;
  };
  /** This test's rings, as a full comparison sees them. */
  const mine = (run: DetectionRunResult) =>
    run.result.rings
      .filter((r) => r.members.some((m) => m.startsWith(p)))
      .map((r) => ({ id: r.id, members: r.members, score: r.score, flagged: r.flagged, reasons: r.reasons }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));

  beforeAll(async () => {
    db = await connectTestDb();
    inputDir = tempDir();
    cacheDir = join(tempDir(), 'cache');
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids: [...allAccounts(), ...range('relay', 1, 3)] });
    await db.write('test-detection-cleanup.write', { runIds });
    await db.close();
  });

  it('day 1: no cache yet, so the whole graph is read, and kept owner-only for the next run', async () => {
    await load([
      ...day1(inputDir),
      payments(inputDir, 1, [
        [id('fill-1'), id('fill-2'), 20],
        [id('fill-2'), id('fill-1'), 5],
        [id('fill-3'), id('fill-4'), 12.5],
      ]),
    ]);
    const run = await detect(true);
    expect(run.input).toEqual({ mode: 'full', reason: 'no cached input yet' });
    expect(mine(run).length).toBeGreaterThanOrEqual(3);
    const file = inputCachePath(cacheDir, db.options);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
  });

  it("day 2 (a new ring, a grown one, a relay of money): the day's changes only, and the rings of a full read", async () => {
    await load([
      ...day2(inputDir),
      payments(inputDir, 2, [
        [id('f1'), id('relay1'), 900],
        [id('relay1'), id('f7'), 880],
        [id('fill-5'), id('fill-6'), 40],
        [id('fill-1'), id('fill-2'), 7],
      ]),
    ]);
    const incremental = await detect(true);
    expect(incremental.input.mode).toBe('incremental');
    // Only what day 2 touched was read again: its 5 000 new background accounts' device and mailbox, N's two
    // devices and card, and F's (which F's new members use) — not day 1's 30 households and rings A, B, P.
    expect(incremental.input.changedIdentifiers).toBe(2 * 5000 + 3 + 3);
    // The payers of day 2 (f1, relay1, fill-5, fill-1): their payments, old and new, read again whole.
    expect(incremental.input.changedPayers).toBe(4);
    expect(incremental.input.changedAccounts).toBe(5000 + 5 + 2);
    const statusOf = (member: string) => {
      const i = incremental.result.rings.findIndex((r) => r.members.includes(member));
      return { members: incremental.result.rings[i]?.members, status: incremental.result.diff.rings[i]?.status };
    };
    expect(statusOf(id('n1'))).toEqual({ members: RINGS.N, status: 'new' });
    expect(statusOf(id('f1')).status).toBe('grown');
    expect(statusOf(id('f1')).members).toEqual(expect.arrayContaining(RINGS.F2));
    const full = await detect(false);
    expect(full.input.mode).toBe('full');
    expect(mine(incremental)).toEqual(mine(full));
  });

  it('day 3 (identifiers turn into crowds and split a ring): again the rings of a full read', async () => {
    await detect(true); // the cache follows the full run of the last test: nothing changed since
    await load(day3(inputDir));
    const incremental = await detect(true);
    expect(incremental.input.mode).toBe('incremental');
    const full = await detect(false);
    expect(mine(incremental)).toEqual(mine(full));
    const memberSets = mine(full).map((r) => r.members.join());
    expect(memberSets).toContain(RINGS.A.join());
    expect(memberSets).toContain(RINGS.B.join());
  });

  it('after a deletion the next run reads the whole graph and says why; --full-read always does', async () => {
    await db.write('test-delete-accounts.write', { ids: [id('fill-4999')] });
    const afterDelete = await detect(true);
    expect(afterDelete.input.mode).toBe('full');
    expect(afterDelete.input.reason).toMatch(/fewer accounts, links or payments .*deleted/);
    const asked = await detect(true, true);
    expect(asked.input).toEqual({ mode: 'full', reason: 'a full read was asked for' });
    const next = await detect(true);
    expect(next.input.mode).toBe('incremental');
    expect(mine(next)).toEqual(mine(asked));
  });

  it('a cache that cannot be written costs the run nothing: it says why, and the next run reads the old cache', async () => {
    const file = inputCachePath(cacheDir, db.options);
    const before = readFileSync(file);
    await load([payments(inputDir, 4, [[id('fill-7'), id('fill-8'), 30]])]);
    // The save writes `<file>.<pid>.tmp` first; a directory there makes it fail (as a full disk would).
    const blocker = `${file}.${process.pid}.tmp`;
    mkdirSync(blocker);
    let blocked: DetectionRunResult;
    try {
      blocked = await detect(true);
    } finally {
      rmdirSync(blocker);
    }
    expect(blocked.input.mode).toBe('incremental');
    expect(blocked.input.changedPayers).toBe(1);
    expect(blocked.input.saveError).toMatch(/EISDIR/);
    expect(readFileSync(file).equals(before)).toBe(true);
    // The change records the old cache needs were not pruned: day 4's payer is read again.
    const next = await detect(true);
    expect(next.input.mode).toBe('incremental');
    expect(next.input.saveError).toBeUndefined();
    expect(next.input.changedPayers).toBe(1);
    expect(mine(next)).toEqual(mine(blocked));
    expect(mine(next)).toEqual(mine(await detect(false)));
  });
});

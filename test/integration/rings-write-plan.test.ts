/**
 * How a detection run's findings are written (cypher/rings-write.write.cypher), checked through Neo4j's own plans
 * rather than a clock: the write finds rings and accounts by unique index and never looks IN_RING relationships
 * up, so its cost per membership is fixed however many memberships the run (or the store) already has.
 *
 * The regression this guards against: the write MERGEd (a)-[:IN_RING {run: $runId}]->(r). While IN_RING was empty
 * (a store's first run) the planner looked that relationship up through the in_ring_run index — estimated at 0 rows
 * — and kept the plan cached, so every membership scanned all the memberships the run had written so far: 112 s for
 * 5,405 findings at 1M accounts (bench/RESULTS.md, detect-e2e-v2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

const RINGS = 200;
const MEMBERS = 4;

describe('writing a run’s findings (real test Neo4j)', () => {
  let db: Db;
  const prefix = uniquePrefix('ringplan');
  const ringIds: string[] = [];

  /** A batch of `RINGS` rings of `MEMBERS` accounts each, in the shape persist-run.ts writes. */
  function batch(first: number) {
    return Array.from({ length: RINGS }, (_, k) => {
      const n = first + k;
      const id = `${prefix}r${n}`;
      if (!ringIds.includes(id)) ringIds.push(id);
      return {
        id,
        kind: n % 2 ? 'pair' : 'ring',
        score: 50,
        size: MEMBERS,
        flagged: true,
        change: 'new',
        reasons: ['shared device'],
        reasonPoints: [50],
        evidence: '{"edges":[],"truncated":false}',
        features: '{}',
        joined: [],
        left: [],
        mergedFrom: [],
        splitFrom: null,
        members: Array.from({ length: MEMBERS }, (_, j) => `${prefix}a${n * MEMBERS + j}`),
      };
    });
  }

  beforeAll(async () => {
    db = await connectTestDb();
    const ids = Array.from({ length: 2 * RINGS * MEMBERS }, (_, i) => `${prefix}a${i}`);
    await db.write('test-accounts-create-many.write', { ids });
  });
  afterAll(async () => {
    await db.write('test-rings-delete.write', { ids: ringIds });
    await db.write('test-delete-by-prefix.write', { prefix });
    await db.close();
  });

  it('finds rings and accounts by unique index seek and never reads IN_RING (no index seek, no expand)', async () => {
    const plan = await db.plan('rings-write.write', { runId: `${prefix}explain`, rings: batch(0) });
    const seeks = plan.steps.filter((s) => s.operator.startsWith('NodeUniqueIndexSeek')).map((s) => s.details);
    expect(seeks.some((d) => d.includes(':Ring(id)'))).toBe(true);
    expect(seeks.some((d) => d.includes(':Account(id)'))).toBe(true);
    expect(plan.steps.filter((s) => /Scan/.test(s.operator))).toEqual([]);
    const readsInRing = plan.steps.filter((s) => s.operator !== 'Create' && s.details.includes('IN_RING'));
    expect(readsInRing).toEqual([]);
    expect(plan.steps.filter((s) => /Relationship|Expand/.test(s.operator))).toEqual([]);
  });

  it('costs the same database hits per membership for the first batch of a run as for a later one', async () => {
    const runId = `${prefix}run1`;
    const first = await db.plan('rings-write.write', { runId, rings: batch(0) }, 'PROFILE');
    const second = await db.plan('rings-write.write', { runId, rings: batch(RINGS) }, 'PROFILE');
    const memberships = RINGS * MEMBERS;
    // A handful of hits per membership (index seek, create, properties), the same for both batches give or take
    // property-store noise; the quadratic plan spent hundreds per membership, more with every batch.
    expect(first.dbHits / memberships).toBeLessThan(20);
    expect(second.dbHits / memberships).toBeLessThan(20);
    expect(second.dbHits).toBeLessThan(1.25 * first.dbHits);
    const rows = await db.read<{ ring: string; run: string; members: number }>('test-ring-memberships.read', {
      ids: ringIds,
    });
    expect(rows).toHaveLength(2 * RINGS);
    expect(rows.every((r) => r.run === runId && r.members === MEMBERS)).toBe(true);
  });

  it('is idempotent per run, and a later run adds its own memberships to the same rings', async () => {
    const run1 = `${prefix}run1`;
    const run2 = `${prefix}run2`;
    // Run 1 again (a retried batch): nothing is created twice.
    await db.write('rings-write.write', { runId: run1, rings: batch(0) });
    await db.write('rings-write.write', { runId: run2, rings: batch(0) });
    await db.write('rings-write.write', { runId: run2, rings: batch(0) });
    const rows = await db.read<{
      ring: string;
      run: string;
      members: number;
      firstSeenRun: string;
      lastSeenRun: string;
    }>('test-ring-memberships.read', { ids: batch(0).map((r) => r.id) });
    expect(rows).toHaveLength(2 * RINGS);
    for (const r of rows) {
      expect(r.members).toBe(MEMBERS);
      expect(r.firstSeenRun).toBe(run1);
      expect(r.lastSeenRun).toBe(run2);
    }
    expect(new Set(rows.map((r) => r.run))).toEqual(new Set([run1, run2]));
  });
});

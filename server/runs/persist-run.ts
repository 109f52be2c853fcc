/**
 * Writing a detection run's result to Neo4j: its findings (rings and duplicate-account pairs, both `:Ring` nodes with a
 * `kind`) with their memberships, the annotation inheritance of splits and merges, the deactivation of findings the
 * run no longer reports, and the finished DetectionRun with its counts (rings and pairs counted apart in `byKind`).
 * The DetectionRun node must exist (detection-run-start.write). Idempotent per run: every write MERGEs or SETs.
 */
import type { Db } from '../db/database.ts';
import type { DetectRingsResult } from '../detect/pipeline.ts';
import { countByKind, kindOf, reasonPointsOf, type Finding } from '../rings/findings.ts';
import { inParallel } from './in-parallel.ts';

const WRITE_BATCH = 1000;

/** Stores the finished run: findings, inheritance links, deactivation, then the run's summary. */
export async function storeRun(
  db: Db,
  runId: string,
  result: DetectRingsResult,
  onWritten: (n: number) => void = () => {},
): Promise<void> {
  await writeRings(db, runId, result, onWritten);
  await db.write('rings-inherit.write', { runId, links: inheritanceLinks(result) });
  await db.write('rings-deactivate.write', { runId });
  await db.write('detection-run-finish.write', {
    id: runId,
    status: 'finished',
    modularity: result.modularity,
    counts: JSON.stringify(runCounts(result)),
    timings: JSON.stringify(result.timings),
    // Crowds, then placeholder and generic identifiers (each with its `reason`), as the run's left-out list.
    crowds: JSON.stringify([...result.crowds, ...result.excluded].slice(0, 1000)),
    diff: JSON.stringify({
      counts: result.diff.counts,
      merged: result.diff.merged,
      split: result.diff.split,
      dissolved: result.diff.dissolved,
    }),
    error: null,
  });
}

/** The pipeline's counts plus reported and flagged findings per kind. */
export function runCounts(result: DetectRingsResult) {
  return { ...result.counts, byKind: countByKind(result.rings as readonly Finding[]) };
}

export async function finishFailed(db: Db, id: string, err: unknown): Promise<void> {
  await db
    .write('detection-run-finish.write', {
      id,
      status: 'failed',
      modularity: null,
      counts: null,
      timings: null,
      crowds: null,
      diff: null,
      error: (err as Error).message ?? String(err),
    })
    .catch(() => {});
}

/** Which rings came from which by a split or a merge: their annotations follow (see rings-inherit.write). */
function inheritanceLinks(
  result: DetectRingsResult,
): Array<{ child: string; parent: string; reason: 'split' | 'merge' }> {
  const links: Array<{ child: string; parent: string; reason: 'split' | 'merge' }> = [];
  for (const c of result.diff.rings) {
    for (const parent of c.mergedFrom ?? []) links.push({ child: c.id, parent, reason: 'merge' });
    if (c.splitFrom) links.push({ child: c.id, parent: c.splitFrom, reason: 'split' });
  }
  return links;
}

async function writeRings(
  db: Db,
  runId: string,
  result: DetectRingsResult,
  onDone: (n: number) => void,
): Promise<void> {
  const changes = new Map(result.diff.rings.map((c) => [c.id, c]));
  const findings = result.rings as readonly Finding[];
  let written = 0;
  await inParallel(Math.ceil(findings.length / WRITE_BATCH), async (b) => {
    const rings = findings.slice(b * WRITE_BATCH, (b + 1) * WRITE_BATCH).map((r) => {
      const c = changes.get(r.id);
      return {
        id: r.id,
        kind: kindOf(r),
        score: r.score,
        size: r.members.length,
        flagged: r.flagged,
        change: r.status,
        reasons: r.reasons,
        reasonPoints: reasonPointsOf(r),
        evidence: JSON.stringify({ edges: r.evidence, truncated: r.evidenceTruncated }),
        features: JSON.stringify(r.features),
        joined: c?.joined ?? [],
        left: c?.left ?? [],
        mergedFrom: c?.mergedFrom ?? [],
        splitFrom: c?.splitFrom ?? null,
        members: r.members,
      };
    });
    await db.write('rings-write.write', { runId, rings });
    written += rings.length;
    onDone(written);
  });
}

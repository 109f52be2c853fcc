/**
 * Findings of a detection run as the rest of RingLens sees them: a **ring** (a community of accounts) or a
 * **duplicate-account pair** (exactly two accounts tied by a strong identifier). Both are stored as `:Ring` nodes with
 * a `kind`, so annotations, exports and the nightly job treat them alike. Each reason carries the points it added to
 * the score (`reasonPoints`, aligned with `reasons`); rings stored before detection gave points have none.
 */
import type { DetectedRing } from '../detect/pipeline.ts';
import { RING_KINDS, type RingKind, type ScoreTerm } from '../../contracts/rings.ts';

export { RING_KINDS, type RingKind, type ScoreTerm };

/** What detection reports per finding; `kind` and `reasonPoints` may be missing from an older detector's output. */
export type Finding = DetectedRing & { kind?: RingKind; reasonPoints?: readonly number[] };

/** A finding without a kind is a ring (detection before pairs existed reported rings only). */
export function kindOf(value: object | null | undefined): RingKind {
  return (value as { kind?: unknown } | null | undefined)?.kind === 'pair' ? 'pair' : 'ring';
}

/** The points per reason when they are known and line up with the reasons; null otherwise. */
export function reasonPointsOf(f: { reasons: readonly string[]; reasonPoints?: readonly number[] | null }) {
  const points = f.reasonPoints;
  if (!points || points.length !== f.reasons.length || !points.every((p) => Number.isFinite(p))) return null;
  return [...points];
}

/** How the score adds up: each reason with its points, or null when the points are not known. */
export function scoreBreakdown(
  reasons: readonly string[] | null | undefined,
  reasonPoints: readonly number[] | null | undefined,
): ScoreTerm[] | null {
  const points = reasonPointsOf({ reasons: reasons ?? [], reasonPoints });
  if (!points) return null;
  return (reasons ?? []).map((reason, i) => ({ reason, points: points[i]! }));
}

/** "ring" or "duplicate-account pair", for sentences. */
export function kindNoun(kind: RingKind): string {
  return kind === 'pair' ? 'duplicate-account pair' : 'ring';
}

/** Reported and flagged findings of each kind (stored with the run's counts as `byKind`). */
export function countByKind(
  findings: ReadonlyArray<{ kind?: RingKind; flagged: boolean }>,
): Record<RingKind, { reported: number; flagged: number }> {
  const out = { ring: { reported: 0, flagged: 0 }, pair: { reported: 0, flagged: 0 } };
  for (const f of findings) {
    const c = out[kindOf(f)];
    c.reported++;
    if (f.flagged) c.flagged++;
  }
  return out;
}

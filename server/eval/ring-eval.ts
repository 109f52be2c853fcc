/**
 * Scores detected rings against a generator's ground truth. A planted ring counts as found when a flagged ring has
 * Jaccard ≥ 0.5 with it; a flagged ring is a true flag when it has Jaccard ≥ 0.5 with some planted ring. Households
 * are checked the same way: a flagged ring matching a household is a false flag of the worst kind.
 */
import type { GroundTruth } from '../generate/dataset.ts';

export interface RingLike {
  id: string;
  members: readonly string[];
  flagged: boolean;
}

export interface PatternFigures {
  planted: number;
  found: number;
  recall: number;
}

export interface RingEvaluation {
  planted: number;
  flagged: number;
  found: number;
  recall: number;
  precision: number;
  falseFlags: number;
  householdsFlagged: number;
  perPattern: Record<string, PatternFigures>;
  /** Planted rings not found, with the best Jaccard any flagged ring reached. */
  missed: Array<{ id: string; pattern: string; size: number; bestJaccard: number }>;
  /** Flagged rings matching nothing planted. */
  falseFlagRings: Array<{ id: string; size: number; bestJaccard: number }>;
}

function jaccard(a: ReadonlySet<string>, b: readonly string[]): number {
  let inter = 0;
  for (const x of b) if (a.has(x)) inter++;
  return inter / (a.size + b.length - inter);
}

/**
 * `universe`: the accounts of the evaluated dataset. Flagged rings mostly outside it (other data in the same
 * database) are not judged.
 */
export function evaluateRings(
  truth: GroundTruth,
  rings: readonly RingLike[],
  opts: { threshold?: number; universe?: ReadonlySet<string> } = {},
): RingEvaluation {
  const threshold = opts.threshold ?? 0.5;
  const flagged = rings.filter((r) => {
    if (!r.flagged) return false;
    if (!opts.universe) return true;
    const inside = r.members.filter((m) => opts.universe!.has(m)).length;
    return inside * 2 >= r.members.length;
  });
  const byAccount = new Map<string, number[]>();
  flagged.forEach((r, i) => {
    for (const m of r.members) {
      const list = byAccount.get(m);
      if (list) list.push(i);
      else byAccount.set(m, [i]);
    }
  });
  const bestFor = (members: readonly string[]): { index: number; j: number } => {
    const set = new Set(members);
    const candidates = new Set(members.flatMap((m) => byAccount.get(m) ?? []));
    let best = { index: -1, j: 0 };
    for (const i of candidates) {
      const j = jaccard(set, flagged[i]!.members);
      if (j > best.j) best = { index: i, j };
    }
    return best;
  };

  const truePositive = new Set<number>();
  const perPattern: Record<string, PatternFigures> = {};
  const missed: RingEvaluation['missed'] = [];
  let found = 0;
  for (const ring of truth.rings) {
    const p = (perPattern[ring.pattern] ??= { planted: 0, found: 0, recall: 0 });
    p.planted++;
    const best = bestFor(ring.members);
    if (best.j >= threshold) {
      found++;
      p.found++;
      truePositive.add(best.index);
    } else {
      missed.push({
        id: ring.id,
        pattern: ring.pattern,
        size: ring.members.length,
        bestJaccard: Number(best.j.toFixed(3)),
      });
    }
  }
  for (const p of Object.values(perPattern)) p.recall = p.planted ? p.found / p.planted : 1;

  // A flagged ring may match a planted ring it was not the best match for; it is still a true flag.
  const plantedSets = truth.rings.map((r) => new Set(r.members));
  const plantedByAccount = new Map<string, number[]>();
  truth.rings.forEach((r, i) =>
    r.members.forEach((m) => plantedByAccount.set(m, [...(plantedByAccount.get(m) ?? []), i])),
  );
  const falseFlagRings: RingEvaluation['falseFlagRings'] = [];
  flagged.forEach((r, i) => {
    if (truePositive.has(i)) return;
    let best = 0;
    for (const pi of new Set(r.members.flatMap((m) => plantedByAccount.get(m) ?? [])))
      best = Math.max(best, jaccard(plantedSets[pi]!, r.members));
    if (best >= threshold) truePositive.add(i);
    else falseFlagRings.push({ id: r.id, size: r.members.length, bestJaccard: Number(best.toFixed(3)) });
  });

  let householdsFlagged = 0;
  for (const h of truth.households) if (h.length >= 2 && bestFor(h).j >= threshold) householdsFlagged++;

  return {
    planted: truth.rings.length,
    flagged: flagged.length,
    found,
    recall: truth.rings.length ? found / truth.rings.length : 1,
    precision: flagged.length ? truePositive.size / flagged.length : 1,
    falseFlags: falseFlagRings.length,
    householdsFlagged,
    perPattern,
    missed,
    falseFlagRings,
  };
}

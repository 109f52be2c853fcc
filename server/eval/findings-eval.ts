/**
 * Scores detection findings (rings and duplicate-account pairs) against a ground truth of planted groups and benign
 * confounders. Pure; counts are kept so that datasets combine by adding (combineEvaluations), ratios are derived.
 *
 * - A planted group is found when a flagged finding (of either kind) has Jaccard ≥ 0.5 with it.
 * - Each flagged finding is classified once: `true` (Jaccard ≥ 0.5 with a planted group); else `confounder` (more than
 *   half of its members belong to one confounder group, or Jaccard ≥ 0.5 with it); else `fragment` (it overlaps a
 *   planted group: a piece of a ring, or a ring with strangers attached); else `false`.
 * - A finding that is not true is attributed to the planted group it shares most accounts with, so a fragment of a
 *   chain lowers the chain's precision; a confounder flag counts against its confounder kind.
 * - Ring-level precision = true / flagged; account-level precision = flagged accounts in planted groups / flagged
 *   accounts (distinct).
 * - Calibration: at each score threshold, every finding (flagged or not) scoring at least the threshold.
 */
import type { EvalTruth } from './truth.ts';

export interface Finding {
  id: string;
  kind?: 'ring' | 'pair';
  members: readonly string[];
  score: number;
  flagged: boolean;
}

export interface TypologyCounts {
  planted: number;
  found: number;
  /** Flagged findings attributed to this typology, and those of them that match a planted group. */
  flagged: number;
  trueFlags: number;
  flaggedAccounts: number;
  fraudAccountsFlagged: number;
}

export interface ConfounderCounts {
  groups: number;
  /** Confounder groups that some flagged finding (not a true one) mostly covers. */
  flagged: number;
}

export interface CalibrationCounts {
  threshold: number;
  findings: number;
  trueFindings: number;
  /** Planted groups matched by a finding scoring at least the threshold. */
  found: number;
}

export interface EvaluationCounts {
  planted: number;
  found: number;
  flagged: number;
  trueFlags: number;
  fragments: number;
  confounderFlags: number;
  falseFlags: number;
  flaggedAccounts: number;
  fraudAccountsFlagged: number;
  byKind: Record<'ring' | 'pair', { flagged: number; trueFlags: number }>;
  perTypology: Record<string, TypologyCounts>;
  confounders: Record<string, ConfounderCounts>;
  calibration: CalibrationCounts[];
}

export interface DatasetEvaluation extends EvaluationCounts {
  /** Planted groups not found, with the best Jaccard a flagged finding reached. */
  missed: { id: string; typology: string; size: number; bestJaccard: number }[];
  /** Flagged findings that match no planted group, with their class. */
  wrongFlags: { id: string; kind: string; size: number; score: number; class: FindingClass; about: string }[];
}

export type FindingClass = 'true' | 'fragment' | 'confounder' | 'false';

export const DEFAULT_THRESHOLDS = [30, 40, 50, 60, 70, 80, 90, 100];

interface Indexed {
  members: readonly string[];
  set: ReadonlySet<string>;
}

/** account → indices of the sets holding it. */
function index(sets: readonly Indexed[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  sets.forEach((s, i) => {
    for (const m of s.set) {
      const list = out.get(m);
      if (list) list.push(i);
      else out.set(m, [i]);
    }
  });
  return out;
}

function overlap(a: ReadonlySet<string>, b: readonly string[]): number {
  let n = 0;
  for (const x of b) if (a.has(x)) n++;
  return n;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const inter = overlap(a, [...b]);
  return inter / (a.size + b.size - inter);
}

/** The set among `candidates` sharing most accounts with `members` (ties: higher Jaccard, then first). */
function best(members: ReadonlySet<string>, sets: readonly Indexed[], byAccount: Map<string, number[]>) {
  const candidates = new Set<number>();
  for (const m of members) for (const i of byAccount.get(m) ?? []) candidates.add(i);
  let top = { index: -1, inter: 0, j: 0 };
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const inter = overlap(members, sets[i]!.members);
    const j = inter / (members.size + sets[i]!.set.size - inter);
    if (inter > top.inter || (inter === top.inter && j > top.j)) top = { index: i, inter, j };
  }
  return top;
}

/** The best Jaccard of `members` with any of `sets`, and which. */
function bestJaccard(members: ReadonlySet<string>, sets: readonly Indexed[], byAccount: Map<string, number[]>) {
  const candidates = new Set<number>();
  for (const m of members) for (const i of byAccount.get(m) ?? []) candidates.add(i);
  let top = { index: -1, j: 0 };
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const j = jaccard(members, sets[i]!.set);
    if (j > top.j) top = { index: i, j };
  }
  return top;
}

const emptyTypology = (): TypologyCounts => ({
  planted: 0,
  found: 0,
  flagged: 0,
  trueFlags: 0,
  flaggedAccounts: 0,
  fraudAccountsFlagged: 0,
});

export function evaluateFindings(
  truth: EvalTruth,
  findings: readonly Finding[],
  opts: { minJaccard?: number; thresholds?: readonly number[] } = {},
): DatasetEvaluation {
  const minJ = opts.minJaccard ?? 0.5;
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const planted: Indexed[] = truth.groups.map((g) => ({ members: g.members, set: new Set(g.members) }));
  const confounders: Indexed[] = truth.confounders.map((c) => ({ members: c.members, set: new Set(c.members) }));
  const plantedBy = index(planted);
  const confounderBy = index(confounders);
  const fraud = new Set(truth.groups.flatMap((g) => g.members));
  const all: Indexed[] = findings.map((f) => ({ members: f.members, set: new Set(f.members) }));

  // Best Jaccard of every finding with a planted group: decides true findings, found groups and calibration.
  const match = all.map((f) => bestJaccard(f.set, planted, plantedBy));
  const perTypology: Record<string, TypologyCounts> = {};
  for (const g of truth.groups) (perTypology[g.typology] ??= emptyTypology()).planted++;

  // A planted group is found at threshold t when some finding scoring ≥ t matches it (any finding, not only the
  // best match, may be the one that matches: a pair and a ring can both cover a small group).
  const bestScore = new Map<number, number>();
  const bestFlagged = new Set<number>();
  findings.forEach((f, i) => {
    const fSet = all[i]!.set;
    const candidates = new Set<number>();
    for (const m of fSet) for (const g of plantedBy.get(m) ?? []) candidates.add(g);
    for (const g of candidates) {
      if (jaccard(fSet, planted[g]!.set) < minJ) continue;
      bestScore.set(g, Math.max(bestScore.get(g) ?? -Infinity, f.score));
      if (f.flagged) bestFlagged.add(g);
    }
  });

  const missed: DatasetEvaluation['missed'] = [];
  const flaggedIdx = findings.flatMap((f, i) => (f.flagged ? [i] : []));
  const flaggedSets = flaggedIdx.map((i) => all[i]!);
  const flaggedBy = index(flaggedSets);
  truth.groups.forEach((g, gi) => {
    if (bestFlagged.has(gi)) perTypology[g.typology]!.found++;
    else
      missed.push({
        id: g.id,
        typology: g.typology,
        size: g.members.length,
        bestJaccard: Number(bestJaccard(planted[gi]!.set, flaggedSets, flaggedBy).j.toFixed(3)),
      });
  });

  const counts = {
    flagged: 0,
    trueFlags: 0,
    fragments: 0,
    confounderFlags: 0,
    falseFlags: 0,
    byKind: { ring: { flagged: 0, trueFlags: 0 }, pair: { flagged: 0, trueFlags: 0 } },
  };
  const confounderCounts: Record<string, ConfounderCounts> = {};
  for (const c of truth.confounders) (confounderCounts[c.kind] ??= { groups: 0, flagged: 0 }).groups++;
  const confoundersHit = new Set<number>();
  const wrongFlags: DatasetEvaluation['wrongFlags'] = [];
  const flaggedAccounts = new Set<string>();
  const typologyAccounts = new Map<string, Set<string>>();

  for (const i of flaggedIdx) {
    const f = findings[i]!;
    const fSet = all[i]!.set;
    const kind = f.kind ?? 'ring';
    counts.flagged++;
    counts.byKind[kind].flagged++;
    for (const m of fSet) flaggedAccounts.add(m);
    let cls: FindingClass;
    let typology: string | undefined;
    let about = '';
    if (match[i]!.j >= minJ) {
      cls = 'true';
      typology = truth.groups[match[i]!.index]!.typology;
    } else {
      const c = best(fSet, confounders, confounderBy);
      const cj = c.index >= 0 ? c.inter / (fSet.size + confounders[c.index]!.set.size - c.inter) : 0;
      const p = best(fSet, planted, plantedBy);
      if (c.index >= 0 && (c.inter * 2 > fSet.size || cj >= minJ)) {
        cls = 'confounder';
        confoundersHit.add(c.index);
        about = truth.confounders[c.index]!.id;
      } else if (p.index >= 0) {
        cls = 'fragment';
        typology = truth.groups[p.index]!.typology;
        about = truth.groups[p.index]!.id;
      } else cls = 'false';
    }
    if (cls === 'true') {
      counts.trueFlags++;
      counts.byKind[kind].trueFlags++;
    } else {
      if (cls === 'fragment') counts.fragments++;
      else if (cls === 'confounder') counts.confounderFlags++;
      else counts.falseFlags++;
      wrongFlags.push({ id: f.id, kind, size: fSet.size, score: f.score, class: cls, about });
    }
    if (typology) {
      const t = perTypology[typology]!;
      t.flagged++;
      if (cls === 'true') t.trueFlags++;
      const accounts = typologyAccounts.get(typology) ?? new Set<string>();
      for (const m of fSet) accounts.add(m);
      typologyAccounts.set(typology, accounts);
    }
  }
  for (const ci of confoundersHit) confounderCounts[truth.confounders[ci]!.kind]!.flagged++;
  for (const [typology, accounts] of typologyAccounts) {
    perTypology[typology]!.flaggedAccounts = accounts.size;
    perTypology[typology]!.fraudAccountsFlagged = [...accounts].filter((a) => fraud.has(a)).length;
  }

  const calibration = thresholds.map((threshold) => {
    let n = 0;
    let t = 0;
    findings.forEach((f, i) => {
      if (f.score < threshold) return;
      n++;
      if (match[i]!.j >= minJ) t++;
    });
    const found = [...bestScore.values()].filter((s) => s >= threshold).length;
    return { threshold, findings: n, trueFindings: t, found };
  });

  return {
    planted: truth.groups.length,
    found: truth.groups.length - missed.length,
    ...counts,
    flaggedAccounts: flaggedAccounts.size,
    fraudAccountsFlagged: [...flaggedAccounts].filter((a) => fraud.has(a)).length,
    perTypology,
    confounders: confounderCounts,
    calibration,
    missed,
    wrongFlags,
  };
}

/** Adds the counts of several evaluations (several seeds, or generators); ratios are derived with `ratios`. */
export function combineEvaluations(evals: readonly EvaluationCounts[]): EvaluationCounts {
  const sum = <T extends object>(items: readonly T[]): T => {
    const out: Record<string, number> = {};
    for (const item of items)
      for (const [k, v] of Object.entries(item)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
    return out as T;
  };
  const keyed = <T extends object>(maps: readonly Record<string, T>[]): Record<string, T> => {
    const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))];
    return Object.fromEntries(keys.map((k) => [k, sum(maps.flatMap((m) => (m[k] ? [m[k]] : [])))]));
  };
  const thresholds = [...new Set(evals.flatMap((e) => e.calibration.map((c) => c.threshold)))].sort((a, b) => a - b);
  return {
    ...sum(
      evals.map(
        ({ perTypology: _p, confounders: _c, calibration: _k, byKind: _b, ...scalars }) => scalars as EvaluationCounts,
      ),
    ),
    byKind: { ring: sum(evals.map((e) => e.byKind.ring)), pair: sum(evals.map((e) => e.byKind.pair)) },
    perTypology: keyed(evals.map((e) => e.perTypology)),
    confounders: keyed(evals.map((e) => e.confounders)),
    calibration: thresholds.map((threshold) => ({
      ...sum(evals.flatMap((e) => e.calibration.filter((c) => c.threshold === threshold))),
      threshold,
    })),
  };
}

const ratio = (a: number, b: number, empty = 1) => (b === 0 ? empty : a / b);

export function ratios(c: EvaluationCounts) {
  return {
    recall: ratio(c.found, c.planted),
    precision: ratio(c.trueFlags, c.flagged),
    accountPrecision: ratio(c.fraudAccountsFlagged, c.flaggedAccounts),
    perTypology: Object.fromEntries(
      Object.entries(c.perTypology).map(([t, x]) => [
        t,
        {
          recall: ratio(x.found, x.planted),
          precision: ratio(x.trueFlags, x.flagged),
          accountPrecision: ratio(x.fraudAccountsFlagged, x.flaggedAccounts),
        },
      ]),
    ),
    calibration: c.calibration.map((k) => ({
      threshold: k.threshold,
      precision: ratio(k.trueFindings, k.findings),
      recall: ratio(k.found, c.planted),
    })),
  };
}

/**
 * What changed since the previous nightly run: the rings of tonight's detection run compared with the rings of the
 * detection run the last finished nightly run recorded (its baseline), not with whatever detection run happened to
 * finish last. That keeps the nightly comparison right when a nightly run died after its detection (a re-run would
 * otherwise compare with the dead attempt's rings and see no change) and when someone ran detection by hand during the
 * day. The matching itself is server/detect/match.ts (greedy Jaccard, Greene et al. 2010); this module maps its result
 * onto the ring ids detection stored, and adds `newcomers`, the members no related previous ring had.
 */
import { matchRings, type PreviousRing, type RingStatus } from '../detect/match.ts';

export interface CurrentRing {
  /** The id detection stored (what the web app links to). */
  id: string;
  members: readonly string[];
}

export interface RingChangeEntry {
  id: string;
  status: RingStatus;
  /** The baseline ring this one continues, when detection gave it another id (its lineage ran through other runs). */
  previousId?: string;
  /** Members that were not in the previous ring (all members for a new ring). */
  joined: string[];
  /** Members of the previous ring that are no longer in it. */
  left: string[];
  /** Members of no related previous ring (the matched one, the ones it merged from, the one it split from). */
  newcomers: string[];
  /** Size of the previous ring; 0 for a new ring. */
  previousSize: number;
  mergedFrom?: string[];
  splitFrom?: string;
}

export interface NightlyChanges {
  /** Aligned with the current rings. */
  rings: RingChangeEntry[];
  merged: Array<{ id: string; mergedFrom: string[] }>;
  split: Array<{ previousId: string; splitInto: string[] }>;
  dissolved: Array<{ id: string; members: string[] }>;
  counts: Record<RingStatus | 'merged' | 'split' | 'dissolved', number>;
}

export function compareWithBaseline(
  baseline: readonly PreviousRing[],
  current: readonly CurrentRing[],
  threshold: number,
): NightlyChanges {
  const diff = matchRings(
    baseline,
    current.map((ring) => ring.members),
    { threshold },
  );
  const baselineById = new Map(baseline.map((ring) => [ring.id, new Set(ring.members)]));
  // The diff names unmatched rings by a hash of their members; map every diff id back to the stored id.
  const currentIdOf = new Map(diff.rings.map((change, j) => [change.id, current[j]!.id]));
  const toCurrent = (id: string) => currentIdOf.get(id) ?? id;

  const rings = diff.rings.map((change, j): RingChangeEntry => {
    const ring = current[j]!;
    const related = new Set<string>();
    const addRelated = (id: string | undefined) => baselineById.get(id ?? '')?.forEach((m) => related.add(m));
    const matched = change.status === 'new' ? undefined : change.id;
    addRelated(matched);
    change.mergedFrom?.forEach(addRelated);
    addRelated(change.splitFrom);
    const entry: RingChangeEntry = {
      id: ring.id,
      status: change.status,
      joined: change.joined,
      left: change.left,
      newcomers: [...new Set(ring.members)].filter((m) => !related.has(m)).sort(compare),
      previousSize: matched ? (baselineById.get(matched)?.size ?? 0) : 0,
    };
    if (matched && matched !== ring.id) entry.previousId = matched;
    if (change.mergedFrom) entry.mergedFrom = change.mergedFrom;
    if (change.splitFrom) entry.splitFrom = change.splitFrom;
    return entry;
  });

  return {
    rings,
    merged: diff.merged.map((m) => ({ id: toCurrent(m.id), mergedFrom: m.mergedFrom })),
    split: diff.split.map((s) => ({ previousId: s.previousId, splitInto: s.splitInto.map(toCurrent).sort(compare) })),
    dissolved: diff.dissolved,
    counts: diff.counts,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

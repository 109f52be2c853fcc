/**
 * Stable ring identities across runs.
 *
 * Method: greedy one-to-one matching on Jaccard similarity J(P, N) = |P ∩ N| / |P ∪ N| between previous and new
 * rings, best pair first — the community-tracking scheme of Greene, Doyle & Cunningham 2010 ("Tracking the evolution
 * of communities in dynamic social networks"). A new ring whose best available match has J ≥ threshold keeps that id;
 * any other ring gets a new id derived from its members. On top of the id assignment the diff classifies events:
 * merged (a new ring holding ≥ threshold of each of two or more previous rings), split (a previous ring providing
 * ≥ threshold of each of two or more new rings) and dissolved (a previous ring with no successor at all).
 */
import { createHash } from 'node:crypto';

export interface PreviousRing {
  id: string;
  members: readonly string[];
}

/** How a ring relates to the previous ring whose id it kept; `new` when it kept none. */
export type RingStatus = 'new' | 'unchanged' | 'grown' | 'shrunk' | 'changed';

export interface RingChange {
  id: string;
  status: RingStatus;
  /** Similarity with the previous ring of the same id. */
  jaccard?: number;
  /** Members that were not in the previous ring of the same id (all members for a new ring). */
  joined: string[];
  /** Members of the previous ring of the same id that are no longer in it. */
  left: string[];
  mergedFrom?: string[];
  splitFrom?: string;
}

export interface RingDiff {
  /** One entry per new ring, in the order the rings were given. */
  rings: RingChange[];
  merged: Array<{ id: string; mergedFrom: string[] }>;
  split: Array<{ previousId: string; splitInto: string[] }>;
  dissolved: Array<{ id: string; members: string[] }>;
  counts: Record<RingStatus | 'merged' | 'split' | 'dissolved', number>;
}

export interface MatchOptions {
  /** Jaccard needed to keep an id, and the coverage that makes a merge or a split. */
  threshold: number;
  /** Id for a ring that matches no previous one; defaults to `ringIdFor`. Collisions get a numeric suffix. */
  newId?: (members: readonly string[]) => string;
}

/** `ring-` + the first 12 hex digits of SHA-1 over the sorted member ids: the same members always get the same id. */
export function ringIdFor(members: readonly string[]): string {
  const hash = createHash('sha1');
  for (const member of [...members].sort(compare)) hash.update(member).update('\n');
  return `ring-${hash.digest('hex').slice(0, 12)}`;
}

/** `pair-` + the same hash for a finding of two accounts, `ring-…` (ringIdFor) for bigger ones. */
export function findingIdFor(members: readonly string[]): string {
  const id = ringIdFor(members);
  return new Set(members).size === 2 ? `pair-${id.slice('ring-'.length)}` : id;
}

export function matchRings(
  previous: readonly PreviousRing[],
  current: readonly (readonly string[])[],
  options: MatchOptions,
): RingDiff {
  const { threshold } = options;
  const newId = options.newId ?? ringIdFor;
  const previousOf = new Map<string, number[]>();
  previous.forEach((ring, i) => new Set(ring.members).forEach((m) => push(previousOf, m, i)));
  const previousSize = previous.map((ring) => new Set(ring.members).size);

  // overlaps[j]: previous ring index → members in common with new ring j
  const overlaps = current.map((members) => {
    const counts = new Map<number, number>();
    for (const m of new Set(members)) for (const i of previousOf.get(m) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    return counts;
  });
  const currentSize = current.map((members) => new Set(members).size);

  const candidates: Array<{ i: number; j: number; jaccard: number }> = [];
  overlaps.forEach((counts, j) => {
    for (const [i, common] of counts) {
      const jaccard = common / (previousSize[i] + currentSize[j] - common);
      if (jaccard >= threshold) candidates.push({ i, j, jaccard });
    }
  });
  candidates.sort((a, b) => b.jaccard - a.jaccard || compare(previous[a.i].id, previous[b.i].id) || a.j - b.j);
  const matchOfCurrent = new Map<number, { i: number; jaccard: number }>();
  const matchedPrevious = new Set<number>();
  for (const { i, j, jaccard } of candidates) {
    if (matchedPrevious.has(i) || matchOfCurrent.has(j)) continue;
    matchedPrevious.add(i);
    matchOfCurrent.set(j, { i, jaccard });
  }

  const used = new Set(previous.map((ring) => ring.id));
  const rings: RingChange[] = current.map((members, j) => {
    const match = matchOfCurrent.get(j);
    if (!match) {
      let id = newId(members);
      for (let suffix = 2; used.has(id); suffix++) id = `${newId(members)}-${suffix}`;
      used.add(id);
      return { id, status: 'new', joined: [...new Set(members)].sort(compare), left: [] };
    }
    const before = previous[match.i];
    const beforeSet = new Set(before.members);
    const afterSet = new Set(members);
    const joined = [...afterSet].filter((m) => !beforeSet.has(m)).sort(compare);
    const left = [...beforeSet].filter((m) => !afterSet.has(m)).sort(compare);
    const status: RingStatus =
      joined.length === 0 ? (left.length === 0 ? 'unchanged' : 'shrunk') : left.length === 0 ? 'grown' : 'changed';
    return { id: before.id, status, jaccard: match.jaccard, joined, left };
  });

  const merged: RingDiff['merged'] = [];
  const absorbed = new Set<number>();
  overlaps.forEach((counts, j) => {
    const sources = [...counts].filter(([i, common]) => common / previousSize[i] >= threshold).map(([i]) => i);
    if (sources.length < 2) return;
    const mergedFrom = sources.map((i) => previous[i].id).sort(compare);
    sources.forEach((i) => absorbed.add(i));
    rings[j].mergedFrom = mergedFrom;
    merged.push({ id: rings[j].id, mergedFrom });
  });

  const split: RingDiff['split'] = [];
  const pieces = new Map<number, number[]>();
  overlaps.forEach((counts, j) => {
    for (const [i, common] of counts) if (common / currentSize[j] >= threshold) push(pieces, i, j);
  });
  for (const [i, js] of [...pieces].sort((a, b) => compare(previous[a[0]].id, previous[b[0]].id))) {
    if (js.length < 2) continue;
    for (const j of js) if (rings[j].id !== previous[i].id) rings[j].splitFrom = previous[i].id;
    split.push({ previousId: previous[i].id, splitInto: js.map((j) => rings[j].id).sort(compare) });
  }
  const splitPrevious = new Set(split.map((s) => s.previousId));

  const dissolved = previous
    .filter((ring, i) => !matchedPrevious.has(i) && !absorbed.has(i) && !splitPrevious.has(ring.id))
    .map((ring) => ({ id: ring.id, members: [...ring.members].sort(compare) }));

  const counts: RingDiff['counts'] = {
    new: 0,
    unchanged: 0,
    grown: 0,
    shrunk: 0,
    changed: 0,
    merged: 0,
    split: 0,
    dissolved: 0,
  };
  rings.forEach((ring) => counts[ring.status]++);
  counts.merged = merged.length;
  counts.split = split.length;
  counts.dissolved = dissolved.length;
  return { rings, merged, split, dissolved, counts };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

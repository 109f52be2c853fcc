/**
 * Two repairs of the modularity partition that follow how an investigator reads a ring:
 *
 * 1. Trimming (communities.ts applies it to every component). An account whose ties to the rest of its community add
 *    up to less than `trimMinWeight` (one IP it shares with a member, say — a home IP the ring leaked into) is not a
 *    ring member: it leaves as a singleton, and the community is split into its connected parts again. Repeated until
 *    nothing changes.
 * 2. Pivot merge (the pipeline applies it: it needs the identifiers). Modularity splits a chain of dense groups at the
 *    accounts that join them — the ring of cliques of Fortunato & Barthélemy (2007) — and refinement does the same,
 *    yet in fraud data such an account is a pivot: one operator logging into the farm's second device, or paying with
 *    the gang's second card, ties both crowds to the same hands. Two communities are merged when one account shares
 *    an identifier of a pivot kind (device, card, mailbox, phone) with at least `pivotMinPeers` members of its own
 *    community, and another (or the same) with at least `pivotMinPeers` members of the other. A ring hanging off a
 *    neighbour by an IP is never merged back (IPs are no pivot kind); neither are two couples that merely share a
 *    mailbox with the same person (one peer on each side).
 *
 * Both work in time linear in the identifiers and edges of the communities they touch, and keep parts connected.
 */
import { NodeMarks, connectedParts, type WeightedAdjacency } from './adjacency.ts';
import type { IdentifierKind } from './input.ts';

/**
 * Drops members tied to the rest of their community by less than `trimMinWeight`, repeatedly, and re-splits what is
 * left into connected parts. Only communities of at least `minRingSize` are looked at (smaller ones are never rings).
 */
export function trimWeakMembers(
  adjacency: WeightedAdjacency,
  parts: readonly number[][],
  options: { trimMinWeight: number; minRingSize: number },
  marks: NodeMarks,
): { parts: number[][]; trimmed: number } {
  if (options.trimMinWeight <= 0) return { parts: parts.map((p) => p), trimmed: 0 };
  const { offsets, targets, weights } = adjacency;
  const out: number[][] = [];
  let trimmed = 0;
  const queue = parts.map((p) => p);
  while (queue.length > 0) {
    const part = queue.pop()!;
    if (part.length < options.minRingSize) {
      out.push(part);
      continue;
    }
    marks.mark(part);
    const keep: number[] = [];
    const drop: number[] = [];
    for (const u of part) {
      let tie = 0;
      for (let k = offsets[u]; k < offsets[u + 1]; k++) if (marks.has(targets[k])) tie += weights[k];
      (tie < options.trimMinWeight ? drop : keep).push(u);
    }
    if (drop.length === 0) {
      out.push(part);
      continue;
    }
    trimmed += drop.length;
    for (const u of drop) out.push([u]);
    if (keep.length === 0) continue;
    for (const piece of connectedParts(adjacency, keep, marks)) queue.push(piece);
  }
  return { parts: out, trimmed };
}

/** What the pivot merge needs to know about identifiers (a `Projection` provides it). */
export interface IdentifierIncidence {
  identifiersOf(node: number): ArrayLike<number>;
  membersOf(identifier: number): ArrayLike<number>;
  identifierKind(identifier: number): IdentifierKind;
}

export interface PivotOptions {
  pivotKinds: readonly IdentifierKind[];
  /** Members of each community the pivot must share one identifier with; 0 disables the merge. */
  pivotMinPeers: number;
}

/**
 * Merges communities joined by pivot accounts. `parts` covers some of the nodes (`membership` is scratch space of the
 * projection's order); returns a new list where merged parts are concatenated (callers sort them).
 */
export function mergeAtPivots(
  incidence: IdentifierIncidence,
  parts: readonly number[][],
  options: PivotOptions,
  membership: Int32Array,
): { parts: number[][]; merges: number } {
  const minPeers = options.pivotMinPeers;
  if (minPeers <= 0 || parts.length < 2) return { parts: parts.map((p) => p), merges: 0 };
  membership.fill(-1);
  parts.forEach((part, c) => part.forEach((node) => (membership[node] = c)));
  const parent = Int32Array.from(parts, (_, c) => c);
  const find = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]];
    return c;
  };
  let merges = 0;
  const peers = new Map<number, number>();
  const crowds: number[] = [];
  parts.forEach((part, own) => {
    if (part.length <= minPeers) return;
    for (const x of part) {
      let anchored = false;
      crowds.length = 0;
      const identifiers = incidence.identifiersOf(x);
      for (let i = 0; i < identifiers.length; i++) {
        if (!options.pivotKinds.includes(incidence.identifierKind(identifiers[i]))) continue;
        const users = incidence.membersOf(identifiers[i]);
        if (users.length <= minPeers) continue;
        peers.clear();
        for (let k = 0; k < users.length; k++) {
          const c = membership[users[k]];
          if (users[k] !== x && c >= 0) peers.set(c, (peers.get(c) ?? 0) + 1);
        }
        for (const [c, n] of peers) {
          if (n < minPeers) continue;
          if (c === own) anchored = true;
          else crowds.push(c);
        }
      }
      if (!anchored) continue;
      for (const c of crowds) {
        const a = find(c);
        const b = find(own);
        if (a === b) continue;
        parent[Math.max(a, b)] = Math.min(a, b);
        merges++;
      }
    }
  });
  if (merges === 0) return { parts: parts.map((p) => p), merges };
  const merged = new Map<number, number[]>();
  parts.forEach((part, c) => {
    const root = find(c);
    const into = merged.get(root);
    if (into) for (const node of part) into.push(node);
    else merged.set(root, part.slice());
  });
  return { parts: [...merged.values()], merges };
}

/**
 * Weighted modularity of a partition (Newman & Girvan 2004; resolution γ as in Reichardt & Bornholdt 2006):
 *
 *   Q = Σ_c [ in_c / 2m − γ · (tot_c / 2m)² ]
 *
 * where m is the total edge weight, in_c the summed weight of edges inside community c counted from both ends
 * (2 × the internal weight) and tot_c the summed weighted degree of c's nodes. This is exactly the quantity
 * graphology-communities-louvain reports as `modularity`. Self-loops are ignored, as everywhere in `detect/`.
 */
import type { AbstractGraph } from 'graphology-types';
import type { WeightedAdjacency } from './adjacency.ts';

export interface ModularityOptions {
  resolution?: number;
  /** Edge weight attribute; `null` counts every edge as 1. */
  weightAttribute?: string | null;
}

/**
 * Modularity of `communities` (lists of node keys, or a node → community mapping) on an undirected graphology graph.
 * Nodes missing from the partition count as singletons.
 */
export function modularity(
  graph: AbstractGraph,
  communities: readonly (readonly string[])[] | Readonly<Record<string, number | string>>,
  options: ModularityOptions = {},
): number {
  const resolution = options.resolution ?? 1;
  const weightAttribute = options.weightAttribute === undefined ? 'weight' : options.weightAttribute;
  const communityOf = new Map<string, string>();
  if (isList(communities)) {
    communities.forEach((members, c) => members.forEach((node) => communityOf.set(node, String(c))));
  } else {
    for (const [node, c] of Object.entries(communities)) communityOf.set(node, String(c));
  }
  const inside = new Map<string, number>();
  const total = new Map<string, number>();
  let m = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (source === target) return;
    const raw = weightAttribute === null ? 1 : attributes[weightAttribute];
    const w = typeof raw === 'number' && Number.isFinite(raw) ? raw : 1;
    const cs = communityOf.get(source) ?? `node:${source}`;
    const ct = communityOf.get(target) ?? `node:${target}`;
    m += w;
    total.set(cs, (total.get(cs) ?? 0) + w);
    total.set(ct, (total.get(ct) ?? 0) + w);
    if (cs === ct) inside.set(cs, (inside.get(cs) ?? 0) + 2 * w);
  });
  if (m === 0) return NaN;
  let q = 0;
  for (const [c, tot] of total) q += (inside.get(c) ?? 0) / (2 * m) - resolution * (tot / (2 * m)) ** 2;
  return q;
}

/** The same Q on a CSR adjacency, with `membership[node]` giving each node's community number. */
export function adjacencyModularity(
  adjacency: WeightedAdjacency,
  membership: Int32Array,
  resolution = 1,
  communityCount = maxPlusOne(membership),
): number {
  const inside = new Float64Array(communityCount);
  const total = new Float64Array(communityCount);
  const { offsets, targets, weights } = adjacency;
  let twoM = 0;
  for (let u = 0; u < adjacency.ids.length; u++) {
    const cu = membership[u];
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const w = weights[k];
      twoM += w;
      total[cu] += w;
      if (membership[targets[k]] === cu) inside[cu] += w;
    }
  }
  if (twoM === 0) return NaN;
  let q = 0;
  for (let c = 0; c < communityCount; c++) q += inside[c] / twoM - resolution * (total[c] / twoM) ** 2;
  return q;
}

function isList(
  value: readonly (readonly string[])[] | Readonly<Record<string, number | string>>,
): value is readonly (readonly string[])[] {
  return Array.isArray(value);
}

function maxPlusOne(values: Int32Array): number {
  let max = -1;
  for (const v of values) if (v > max) max = v;
  return max + 1;
}

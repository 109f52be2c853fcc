/**
 * Communities of the account projection.
 *
 * Method: Louvain modularity optimisation (Blondel, Guillaume, Lambiotte & Lefebvre 2008, through
 * graphology-communities-louvain) with a seeded RNG, run on each connected component on its own, plus two repairs:
 *
 * 1. Connectivity (Traag, Waltman & van Eck 2019, "From Louvain to Leiden"): Louvain can return a community whose
 *    members are linked only through other communities. Every community is split into its connected parts.
 * 2. Resolution limit (Fortunato & Barthélemy 2007): modularity cannot see a community whose internal weight is small
 *    next to √(2m), so on a big component a four-account ring hanging off the background by one IP gets merged into
 *    a neighbour. Running per component replaces the global m by the component's; refinement then re-partitions each
 *    community on its own (its own m), recursively for up to `refineDepth` rounds. A community is final when
 *    partitioning it alone leaves it whole — the same answer it would get as an isolated component.
 * 3. Trimming (ring-repair.ts): members tied to their community by less than one strong link (an IP a ring member
 *    shares with a stranger) leave it. The pivot merge that puts chains of groups back together needs the
 *    identifiers, so the pipeline applies it afterwards.
 *
 * Components smaller than `minRingSize` skip all of this (that is most of a marketplace); components and communities
 * of at most `exactPartitionMaxSize` accounts are partitioned exactly by enumeration instead of by Louvain.
 * Determinism: every Louvain run gets its own RNG derived from the seed and the smallest account id it sees, and
 * nodes enter each graph sorted by id, so the output does not depend on the order the input was streamed in (up to
 * floating-point rounding of summed edge weights).
 */
import louvain from 'graphology-communities-louvain';
import type { AbstractGraph } from 'graphology-types';
import {
  adjacencyFromGraph,
  connectedComponents,
  connectedParts,
  positionalSubgraph,
  NodeMarks,
  type WeightedAdjacency,
} from './adjacency.ts';
import { bestPartition } from './exact-partition.ts';
import { adjacencyModularity } from './modularity.ts';
import { trimWeakMembers } from './ring-repair.ts';
import { deriveSeed, mulberry32 } from './rng.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

export interface CommunityOptions {
  resolution: number;
  seed: number;
  minRingSize: number;
  refineDepth: number;
  exactPartitionMaxSize: number;
  trimMinWeight: number;
  /** Called every few hundred components and once at the end. */
  onProgress?: (doneComponents: number, totalComponents: number) => void;
}

export const DEFAULT_COMMUNITY_OPTIONS: Readonly<CommunityOptions> = Object.freeze({
  resolution: DEFAULT_SETTINGS.resolution,
  seed: DEFAULT_SETTINGS.seed,
  minRingSize: DEFAULT_SETTINGS.minRingSize,
  refineDepth: DEFAULT_SETTINGS.refineDepth,
  exactPartitionMaxSize: DEFAULT_SETTINGS.exactPartitionMaxSize,
  trimMinWeight: DEFAULT_SETTINGS.trimMinWeight,
});

/** One connected component that needed Louvain. */
export interface ComponentStats {
  size: number;
  /** Smallest account id in the component, to name it. */
  firstId: string;
  /** Modularity Louvain reported for its own partition of the component. */
  louvainModularity: number;
  /** Modularity of the final partition, measured on the component alone. */
  modularity: number;
  communities: number;
  /** Communities of at least minRingSize accounts. */
  ringCandidates: number;
  disconnectedSplits: number;
  refinementSplits: number;
  trimmedMembers: number;
}

export interface CommunityCounts {
  components: number;
  /** Components smaller than minRingSize, kept whole without any partitioning. */
  skippedComponents: number;
  exactComponents: number;
  louvainComponents: number;
  louvainRuns: number;
  exactRuns: number;
  disconnectedSplits: number;
  refinementSplits: number;
  trimmedMembers: number;
  /** Set by the pipeline: merges at pivot accounts after partitioning (ring-repair.ts). */
  pivotMerges: number;
  communities: number;
}

export interface AdjacencyCommunities {
  /** A partition of every node; each part sorted by id; parts by size (descending) then first id. */
  parts: number[][];
  membership: Int32Array;
  /** Modularity of the whole partition on the whole projection (global m, configured resolution). */
  modularity: number;
  components: ComponentStats[];
  counts: CommunityCounts;
}

export interface CommunityResult {
  communities: string[][];
  modularity: number;
  components: ComponentStats[];
  counts: CommunityCounts;
}

/** Communities of an undirected graphology graph whose edges carry `weightAttribute` (default `weight`). */
export function detectCommunities(
  graph: AbstractGraph,
  options: Partial<CommunityOptions> = {},
  weightAttribute: string | null = 'weight',
): CommunityResult {
  const adjacency = adjacencyFromGraph(graph, weightAttribute);
  const result = detectAdjacencyCommunities(adjacency, options);
  return {
    communities: result.parts.map((part) => part.map((node) => adjacency.ids[node])),
    modularity: result.modularity,
    components: result.components,
    counts: result.counts,
  };
}

/** Communities of a CSR adjacency (what the pipeline uses; no graphology graph of the whole projection is built). */
export function detectAdjacencyCommunities(
  adjacency: WeightedAdjacency,
  options: Partial<CommunityOptions> = {},
): AdjacencyCommunities {
  const opts: CommunityOptions = { ...DEFAULT_COMMUNITY_OPTIONS, ...options };
  const partitioner = new Partitioner(adjacency, opts);
  const components = connectedComponents(adjacency);
  const parts: number[][] = [];
  const stats: ComponentStats[] = [];
  const counts = partitioner.counts;
  counts.components = components.length;
  const progressEvery = Math.max(1, Math.floor(components.length / 200));
  components.forEach((component, done) => {
    if (component.length < opts.minRingSize) {
      counts.skippedComponents++;
      parts.push(partitioner.sortById(component));
    } else {
      const found = partitioner.partitionComponent(component);
      for (const part of found.parts) parts.push(part);
      if (found.stats) stats.push(found.stats);
    }
    if (opts.onProgress && (done + 1) % progressEvery === 0) opts.onProgress(done + 1, components.length);
  });
  opts.onProgress?.(components.length, components.length);
  const ids = adjacency.ids;
  parts.sort((a, b) => b.length - a.length || compareIds(ids[a[0]], ids[b[0]]));
  const membership = new Int32Array(ids.length);
  parts.forEach((part, c) => part.forEach((node) => (membership[node] = c)));
  counts.communities = parts.length;
  stats.sort((a, b) => b.size - a.size || compareIds(a.firstId, b.firstId));
  return {
    parts,
    membership,
    modularity: adjacencyModularity(adjacency, membership, opts.resolution, parts.length),
    components: stats,
    counts,
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Partitions connected node sets of one adjacency (Louvain or exact, with the repairs above); reusable across sets. */
export class Partitioner {
  readonly counts: CommunityCounts = {
    components: 0,
    skippedComponents: 0,
    exactComponents: 0,
    louvainComponents: 0,
    louvainRuns: 0,
    exactRuns: 0,
    disconnectedSplits: 0,
    refinementSplits: 0,
    pivotMerges: 0,
    trimmedMembers: 0,
    communities: 0,
  };
  private readonly marks: NodeMarks;
  private readonly local: Int32Array;
  private lastLouvainModularity = NaN;

  constructor(
    private readonly adjacency: WeightedAdjacency,
    private readonly options: CommunityOptions,
  ) {
    this.marks = new NodeMarks(adjacency.ids.length);
    this.local = new Int32Array(adjacency.ids.length);
  }

  sortById(nodes: number[]): number[] {
    const ids = this.adjacency.ids;
    return nodes.sort((a, b) => compareIds(ids[a], ids[b]));
  }

  partitionComponent(component: number[]): { parts: number[][]; stats?: ComponentStats } {
    const nodes = this.sortById(component);
    const usesLouvain = nodes.length > this.options.exactPartitionMaxSize;
    if (usesLouvain) this.counts.louvainComponents++;
    else this.counts.exactComponents++;
    const c = this.counts;
    const before = { ...c };
    const parts = this.repair(this.partition(nodes, 0));
    if (!usesLouvain) return { parts };
    return {
      parts,
      stats: {
        size: nodes.length,
        firstId: this.adjacency.ids[nodes[0]],
        louvainModularity: this.lastLouvainModularity,
        modularity: this.localModularity(parts),
        communities: parts.length,
        ringCandidates: parts.filter((part) => part.length >= this.options.minRingSize).length,
        disconnectedSplits: c.disconnectedSplits - before.disconnectedSplits,
        refinementSplits: c.refinementSplits - before.refinementSplits,
        trimmedMembers: c.trimmedMembers - before.trimmedMembers,
      },
    };
  }

  /** Trimming (ring-repair.ts); each part sorted by id again. */
  private repair(parts: number[][]): number[][] {
    const trimmed = trimWeakMembers(this.adjacency, parts, this.options, this.marks);
    this.counts.trimmedMembers += trimmed.trimmed;
    return trimmed.parts.map((part) => this.sortById(part));
  }

  /** `nodes` is connected and sorted by id; returns its final communities, each sorted by id. */
  private partition(nodes: number[], depth: number): number[][] {
    if (nodes.length < this.options.minRingSize) return [nodes];
    const groups = nodes.length <= this.options.exactPartitionMaxSize ? this.exact(nodes) : this.louvain(nodes, depth);
    if (groups.length === 1) return groups;
    const parts: number[][] = [];
    for (const group of groups) {
      const connected = connectedParts(this.adjacency, group, this.marks);
      this.counts.disconnectedSplits += connected.length - 1;
      for (const part of connected) parts.push(this.sortById(part));
    }
    if (depth >= this.options.refineDepth) return parts;
    const refined: number[][] = [];
    for (const part of parts) {
      const pieces = this.partition(part, depth + 1);
      this.counts.refinementSplits += pieces.length - 1;
      for (const piece of pieces) refined.push(piece);
    }
    return refined;
  }

  private louvain(nodes: number[], depth: number): number[][] {
    this.counts.louvainRuns++;
    const ids = this.adjacency.ids;
    const graph = positionalSubgraph(this.adjacency, nodes, { marks: this.marks, position: this.local });
    const rng = mulberry32(deriveSeed(this.options.seed, `${ids[nodes[0]]}@${depth}`));
    const result = louvain.detailed(graph, { resolution: this.options.resolution, rng, getEdgeWeight: 'weight' });
    if (depth === 0) this.lastLouvainModularity = result.modularity;
    const groups = new Map<number, number[]>();
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const community = result.communities[i];
      const group = groups.get(community);
      if (group) group.push(node);
      else groups.set(community, [node]);
    }
    return [...groups.values()];
  }

  private exact(nodes: number[]): number[][] {
    this.counts.exactRuns++;
    const { offsets, targets, weights } = this.adjacency;
    this.marks.mark(nodes);
    nodes.forEach((node, i) => (this.local[node] = i));
    const sources: number[] = [];
    const ends: number[] = [];
    const edgeWeights: number[] = [];
    for (const u of nodes) {
      for (let k = offsets[u]; k < offsets[u + 1]; k++) {
        const v = targets[k];
        if (v > u && this.marks.has(v)) {
          sources.push(this.local[u]);
          ends.push(this.local[v]);
          edgeWeights.push(weights[k]);
        }
      }
    }
    const labels = bestPartition(nodes.length, sources, ends, edgeWeights, this.options.resolution);
    const groups: number[][] = [];
    nodes.forEach((node, i) => (groups[labels[i]] ??= []).push(node));
    return groups;
  }

  /** Q of `parts` measured on the subgraph they cover (component-local m). */
  private localModularity(parts: number[][]): number {
    const { offsets, targets, weights } = this.adjacency;
    parts.forEach((part, c) => part.forEach((node) => (this.local[node] = c)));
    let twoM = 0;
    const inside: number[] = [];
    const total: number[] = [];
    parts.forEach((part, c) => {
      let tot = 0;
      let ins = 0;
      for (const u of part) {
        for (let k = offsets[u]; k < offsets[u + 1]; k++) {
          tot += weights[k];
          if (this.local[targets[k]] === c) ins += weights[k];
        }
      }
      inside.push(ins);
      total.push(tot);
      twoM += tot;
    });
    if (twoM === 0) return NaN;
    let q = 0;
    for (let c = 0; c < parts.length; c++) {
      q += inside[c] / twoM - this.options.resolution * (total[c] / twoM) ** 2;
    }
    return q;
  }
}

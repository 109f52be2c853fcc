import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import { describe, expect, it } from 'vitest';
import { adjacencyFromGraph, connectedParts, NodeMarks } from '../../../server/detect/adjacency.ts';
import { detectAdjacencyCommunities, detectCommunities } from '../../../server/detect/communities.ts';
import { modularity } from '../../../server/detect/modularity.ts';
import { ProjectionBuilder } from '../../../server/detect/projection.ts';
import { mulberry32 } from '../../../server/detect/rng.ts';
import { resolveSettings } from '../../../server/detect/settings.ts';

function clique(graph: UndirectedGraph, nodes: string[], weight = 1): void {
  nodes.forEach((n) => graph.mergeNode(n));
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) graph.addEdge(nodes[i], nodes[j], { weight });
  }
}

function sorted(communities: string[][]): string[][] {
  return communities.map((c) => [...c].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Several planted groups linked by weak random edges, plus a few pairs; nodes added in a seeded random order. */
function plantedGraph(seed: number, shuffle: boolean): UndirectedGraph {
  const rng = mulberry32(seed);
  const edges: Array<[string, string, number]> = [];
  for (let g = 0; g < 12; g++) {
    const size = 3 + (g % 6);
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++) if (rng() < 0.8) edges.push([`g${g}-${i}`, `g${g}-${j}`, 1]);
    }
    if (g > 0) edges.push([`g${g}-0`, `g${g - 1}-1`, 0.05]);
  }
  edges.push(['pair-a', 'pair-b', 1]);
  const order = shuffle
    ? edges
        .map((e) => [rng(), e] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, e]) => e)
    : edges;
  const graph = new UndirectedGraph();
  for (const [s, t, weight] of order) {
    graph.mergeNode(s);
    graph.mergeNode(t);
    if (!graph.hasEdge(s, t)) graph.addEdge(s, t, { weight });
  }
  return graph;
}

describe('detectCommunities', () => {
  it('splits two cliques joined by one edge, with the modularity louvain reports', () => {
    const graph = new UndirectedGraph();
    const left = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const right = ['b1', 'b2', 'b3', 'b4', 'b5'];
    clique(graph, left);
    clique(graph, right);
    graph.addEdge('a1', 'b1', { weight: 1 });
    const result = detectCommunities(graph, { seed: 1, resolution: 1 });
    expect(sorted(result.communities)).toEqual([left, right]);
    // m = 21, each side in = 20, tot = 21 → Q = 2 · (20/42 − (21/42)²)
    expect(result.modularity).toBeCloseTo(2 * (20 / 42 - 0.25), 12);
    expect(result.modularity).toBeCloseTo(modularity(graph, result.communities), 12);
    const reference = louvain.detailed(graph, { rng: mulberry32(1) });
    expect(result.modularity).toBeCloseTo(reference.modularity, 12);
    expect(result.components).toHaveLength(1);
    expect(result.components[0]).toMatchObject({ size: 10, communities: 2, ringCandidates: 2 });
  });

  it('leaves components smaller than minRingSize alone', () => {
    const graph = new UndirectedGraph();
    clique(graph, ['x', 'y']);
    clique(graph, ['p', 'q', 'r', 's']);
    const result = detectCommunities(graph, { minRingSize: 3 });
    expect(sorted(result.communities)).toEqual([
      ['p', 'q', 'r', 's'],
      ['x', 'y'],
    ]);
    expect(result.counts).toMatchObject({ components: 2, skippedComponents: 1, exactComponents: 1, louvainRuns: 0 });
  });

  it('resolves the ring of cliques that whole-graph modularity merges (Fortunato & Barthélemy 2007)', () => {
    const graph = new UndirectedGraph();
    const cliques = Array.from({ length: 30 }, (_, c) => Array.from({ length: 5 }, (_, i) => `k${c}-${i}`));
    cliques.forEach((nodes) => clique(graph, nodes));
    cliques.forEach((nodes, c) => graph.addEdge(nodes[0], cliques[(c + 1) % 30][1], { weight: 1 }));
    const unrefined = detectCommunities(graph, { seed: 2, refineDepth: 0 });
    expect(Math.max(...unrefined.communities.map((c) => c.length))).toBeGreaterThan(5);
    const refined = detectCommunities(graph, { seed: 2 });
    expect(sorted(refined.communities)).toEqual(sorted(cliques));
    expect(refined.counts.refinementSplits).toBeGreaterThan(0);
  });

  it('splits off a small group hanging on by one weak link', () => {
    const graph = new UndirectedGraph();
    const ring = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'];
    clique(graph, ring);
    clique(graph, ['n1', 'n2', 'n3']);
    graph.addEdge('r1', 'n1', { weight: 0.01 });
    const result = detectCommunities(graph, { seed: 3 });
    expect(sorted(result.communities)).toEqual([['n1', 'n2', 'n3'], ring]);
  });

  it('keeps a ring whole when its halves share two devices (why the default resolution is below 1)', () => {
    const members = Array.from({ length: 11 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    const sizes = (resolution: number): number[] => {
      const settings = resolveSettings({ resolution });
      const builder = new ProjectionBuilder(settings);
      builder.addGroup({ kind: 'device', key: 'phone-1', accounts: members });
      builder.addGroup({ kind: 'device', key: 'phone-2', accounts: members });
      builder.addGroup({ kind: 'device', key: 'phone-3', accounts: members.slice(0, 7) });
      builder.addGroup({ kind: 'payment', key: 'card-1', accounts: members.slice(7) });
      return detectAdjacencyCommunities(builder.build().adjacency, settings).parts.map((part) => part.length);
    };
    expect(sizes(1)).toEqual([7, 4]);
    expect(sizes(resolveSettings().resolution)).toEqual([11]);
  });

  it('splits a community that is not connected in the projection into its connected parts', () => {
    const graph = new UndirectedGraph();
    clique(graph, ['a', 'b', 'c']);
    clique(graph, ['x', 'y', 'z']);
    graph.addNode('bridge');
    graph.addEdge('c', 'bridge', { weight: 1 });
    graph.addEdge('bridge', 'x', { weight: 1 });
    const adjacency = adjacencyFromGraph(graph);
    const index = (id: string): number => adjacency.ids.indexOf(id);
    // {a, b, c, x, y, z} without the bridge — the community Louvain can leave behind when it moves a bridge away
    const community = ['a', 'b', 'c', 'x', 'y', 'z'].map(index);
    const parts = connectedParts(adjacency, community, new NodeMarks(adjacency.ids.length));
    expect(sorted(parts.map((part) => part.map((n) => adjacency.ids[n])))).toEqual([
      ['a', 'b', 'c'],
      ['x', 'y', 'z'],
    ]);
  });

  it('only ever returns connected communities, covering every node once', () => {
    const graph = plantedGraph(4, false);
    const result = detectCommunities(graph, { seed: 9 });
    const seen = result.communities.flat();
    expect(new Set(seen).size).toBe(graph.order);
    expect(seen).toHaveLength(graph.order);
    const adjacency = adjacencyFromGraph(graph);
    const marks = new NodeMarks(adjacency.ids.length);
    for (const community of result.communities) {
      const nodes = community.map((id) => adjacency.ids.indexOf(id));
      expect(connectedParts(adjacency, nodes, marks)).toHaveLength(1);
    }
    const { resolution } = resolveSettings();
    expect(result.modularity).toBeCloseTo(modularity(graph, result.communities, { resolution }), 12);
  });

  it('is deterministic for a seed, whatever order the graph was built in', () => {
    const first = detectCommunities(plantedGraph(4, false), { seed: 5 });
    const again = detectCommunities(plantedGraph(4, false), { seed: 5 });
    const shuffled = detectCommunities(plantedGraph(4, true), { seed: 5 });
    expect(again).toEqual(first);
    expect(shuffled.communities).toEqual(first.communities);
    expect(shuffled.modularity).toBeCloseTo(first.modularity, 12);
  });

  it('finds smaller communities at a higher resolution', () => {
    const graph = plantedGraph(4, false);
    const coarse = detectCommunities(graph, { resolution: 0.2, refineDepth: 0 });
    const fine = detectCommunities(graph, { resolution: 2, refineDepth: 0 });
    expect(fine.communities.length).toBeGreaterThan(coarse.communities.length);
  });
});

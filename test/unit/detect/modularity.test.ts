import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import { describe, expect, it } from 'vitest';
import { adjacencyFromGraph } from '../../../server/detect/adjacency.ts';
import { bestPartition } from '../../../server/detect/exact-partition.ts';
import { adjacencyModularity, modularity } from '../../../server/detect/modularity.ts';
import { mulberry32 } from '../../../server/detect/rng.ts';

/** A weighted graph of planted groups with sparse weak links between them, from a seeded rng. */
function plantedGraph(seed: number, groups: number, size: number): UndirectedGraph {
  const rng = mulberry32(seed);
  const graph = new UndirectedGraph();
  const node = (g: number, i: number): string => `g${g}-n${i}`;
  for (let g = 0; g < groups; g++) for (let i = 0; i < size; i++) graph.addNode(node(g, i));
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++) if (rng() < 0.7) graph.addEdge(node(g, i), node(g, j), { weight: 1 + rng() });
    }
  }
  for (let k = 0; k < groups * 2; k++) {
    const a = node(Math.floor(rng() * groups), Math.floor(rng() * size));
    const b = node(Math.floor(rng() * groups), Math.floor(rng() * size));
    if (a !== b && !graph.hasEdge(a, b)) graph.addEdge(a, b, { weight: 0.2 * rng() });
  }
  return graph;
}

describe('modularity', () => {
  it('matches graphology louvain.detailed on the partition louvain found', () => {
    const graph = plantedGraph(7, 6, 8);
    for (const resolution of [0.5, 1, 2]) {
      const result = louvain.detailed(graph, { rng: mulberry32(3), resolution, getEdgeWeight: 'weight' });
      expect(modularity(graph, result.communities, { resolution })).toBeCloseTo(result.modularity, 10);
    }
  });

  it('matches louvain.detailed on an unweighted graph as well', () => {
    const graph = plantedGraph(8, 4, 6);
    const result = louvain.detailed(graph, { rng: mulberry32(9), getEdgeWeight: null });
    expect(modularity(graph, result.communities, { weightAttribute: null })).toBeCloseTo(result.modularity, 10);
  });

  it('computes the textbook value on two triangles joined by one edge', () => {
    const graph = new UndirectedGraph();
    ['a', 'b', 'c', 'x', 'y', 'z'].forEach((n) => graph.addNode(n));
    for (const [s, t] of [
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
      ['x', 'y'],
      ['y', 'z'],
      ['x', 'z'],
      ['c', 'x'],
    ]) {
      graph.addEdge(s, t);
    }
    // m = 7; each side: in = 6, tot = 7 → Q = 2 · (6/14 − (7/14)²) = 5/14
    expect(
      modularity(graph, [
        ['a', 'b', 'c'],
        ['x', 'y', 'z'],
      ]),
    ).toBeCloseTo(5 / 14, 12);
    expect(modularity(graph, [['a', 'b', 'c', 'x', 'y', 'z']])).toBeCloseTo(0, 12);
    // nodes left out of the partition count as singletons
    expect(modularity(graph, [['a', 'b', 'c']])).toBeLessThan(5 / 14);
  });

  it('gives the same value on the CSR adjacency', () => {
    const graph = plantedGraph(5, 5, 7);
    const result = louvain.detailed(graph, { rng: mulberry32(1), getEdgeWeight: 'weight' });
    const adjacency = adjacencyFromGraph(graph);
    const membership = Int32Array.from(adjacency.ids, (id) => result.communities[id]);
    expect(adjacencyModularity(adjacency, membership, 1)).toBeCloseTo(result.modularity, 10);
  });
});

describe('bestPartition (exact, by enumeration)', () => {
  it('splits two triangles joined by a bridge', () => {
    const labels = bestPartition(6, [0, 1, 0, 3, 4, 3, 2], [1, 2, 2, 4, 5, 5, 3], [1, 1, 1, 1, 1, 1, 1], 1);
    expect(Array.from(labels)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('keeps a uniform clique whole and isolates an unlinked node', () => {
    expect(Array.from(bestPartition(4, [0, 0, 0, 1, 1, 2], [1, 2, 3, 2, 3, 3], [1, 1, 1, 1, 1, 1], 1))).toEqual([
      0, 0, 0, 0,
    ]);
    expect(Array.from(bestPartition(3, [0], [1], [1], 1))).toEqual([0, 0, 1]);
  });

  it('is never beaten by Louvain on small random graphs', () => {
    const rng = mulberry32(21);
    for (let trial = 0; trial < 25; trial++) {
      const n = 4 + Math.floor(rng() * 4);
      const graph = new UndirectedGraph();
      for (let i = 0; i < n; i++) graph.addNode(String(i));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) if (rng() < 0.5) graph.addEdge(String(i), String(j), { weight: rng() });
      }
      if (graph.size === 0) continue;
      const adjacency = adjacencyFromGraph(graph);
      const sources: number[] = [];
      const targets: number[] = [];
      const weights: number[] = [];
      graph.forEachEdge((_e, attributes, s, t) => {
        sources.push(Number(s));
        targets.push(Number(t));
        weights.push(attributes.weight as number);
      });
      const exact = adjacencyModularity(adjacency, bestPartition(n, sources, targets, weights, 1));
      const heuristic = louvain.detailed(graph, { rng: mulberry32(trial), getEdgeWeight: 'weight' }).modularity;
      expect(exact).toBeGreaterThanOrEqual(heuristic - 1e-12);
    }
  });
});

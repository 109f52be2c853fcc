/**
 * Compact weighted adjacency (compressed sparse rows) of an undirected account graph, and the few traversals the
 * detector needs on it. A million-account projection fits in a few typed arrays here, whereas a graphology graph costs
 * hundreds of bytes per edge; graphology graphs are built only for the components Louvain actually has to look at.
 */
import { UndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';

export interface EdgeWeightAttributes extends Attributes {
  weight: number;
}

/** The account projection as a graphology graph: nodes are account ids, edges carry summed `weight`. */
export type ProjectionGraph = UndirectedGraph<Attributes, EdgeWeightAttributes>;

/** Symmetric CSR: the neighbours of node i are targets[offsets[i] .. offsets[i + 1]), each edge stored twice. */
export interface WeightedAdjacency {
  readonly ids: readonly string[];
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
}

/** Builds the CSR from `edgeCount` undirected edges given as parallel arrays (no self-loops, no duplicates). */
export function adjacencyFromEdges(
  ids: readonly string[],
  sources: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  edgeCount: number,
): WeightedAdjacency {
  const order = ids.length;
  const offsets = new Int32Array(order + 1);
  for (let e = 0; e < edgeCount; e++) {
    offsets[sources[e] + 1]++;
    offsets[targets[e] + 1]++;
  }
  for (let i = 0; i < order; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, order);
  const outTargets = new Int32Array(edgeCount * 2);
  const outWeights = new Float64Array(edgeCount * 2);
  for (let e = 0; e < edgeCount; e++) {
    const u = sources[e];
    const v = targets[e];
    const w = weights[e];
    outTargets[cursor[u]] = v;
    outWeights[cursor[u]++] = w;
    outTargets[cursor[v]] = u;
    outWeights[cursor[v]++] = w;
  }
  return { ids, offsets, targets: outTargets, weights: outWeights };
}

/**
 * Reads an undirected graphology graph. Parallel edges are summed; self-loops are ignored (the projection has none,
 * and leaving them out keeps every modularity in `detect/` on the same footing).
 */
export function adjacencyFromGraph(graph: AbstractGraph, weightAttribute: string | null = 'weight'): WeightedAdjacency {
  const ids = graph.nodes();
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const sources = new Int32Array(graph.size);
  const targets = new Int32Array(graph.size);
  const weights = new Float64Array(graph.size);
  let count = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (source === target) return;
    sources[count] = index.get(source) ?? -1;
    targets[count] = index.get(target) ?? -1;
    const raw = weightAttribute === null ? 1 : attributes[weightAttribute];
    weights[count++] = typeof raw === 'number' && Number.isFinite(raw) ? raw : 1;
  });
  return adjacencyFromEdges(ids, sources, targets, weights, count);
}

/** Reusable membership marks over node indices; `mark()` starts a new set in O(|nodes|) without clearing. */
export class NodeMarks {
  private readonly stamps: Int32Array;
  private stamp = 0;

  constructor(order: number) {
    this.stamps = new Int32Array(order);
  }

  mark(nodes: readonly number[]): void {
    this.stamp++;
    for (const node of nodes) this.stamps[node] = this.stamp;
  }

  has(node: number): boolean {
    return this.stamps[node] === this.stamp;
  }
}

/**
 * Graphology graph induced by `nodes`, whose node keys are positions in `nodes` ("0", "1", …), inserted in that
 * order (callers sort by id for determinism). Integer-like keys matter at scale: V8 stores them as array elements,
 * whereas account ids as keys of graphology's per-node adjacency objects create a hidden class per neighbourhood and
 * more than double the memory of a large component.
 */
export function positionalSubgraph(
  adjacency: WeightedAdjacency,
  nodes: readonly number[],
  scratch: { marks: NodeMarks; position: Int32Array },
): ProjectionGraph {
  const { offsets, targets, weights } = adjacency;
  const { marks, position } = scratch;
  const graph: ProjectionGraph = new UndirectedGraph();
  marks.mark(nodes);
  nodes.forEach((node, i) => {
    position[node] = i;
    graph.addNode(String(i));
  });
  nodes.forEach((u, i) => {
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const v = targets[k];
      if (v > u && marks.has(v)) graph.addUndirectedEdge(String(i), String(position[v]), { weight: weights[k] });
    }
  });
  return graph;
}

/** Connected components of the whole adjacency, each listed in discovery (breadth-first) order. */
export function connectedComponents(adjacency: WeightedAdjacency): number[][] {
  const order = adjacency.ids.length;
  const seen = new Uint8Array(order);
  const queue = new Int32Array(order);
  const components: number[][] = [];
  for (let start = 0; start < order; start++) {
    if (seen[start]) continue;
    components.push(breadthFirst(adjacency, start, seen, queue));
  }
  return components;
}

/**
 * Connected parts of the subgraph induced by `nodes` (Traag et al. 2019: Louvain can return a community whose members
 * are only connected through other communities; such a community is really several).
 */
export function connectedParts(adjacency: WeightedAdjacency, nodes: readonly number[], marks: NodeMarks): number[][] {
  if (nodes.length <= 1) return [nodes.slice()];
  marks.mark(nodes);
  const seen = new Set<number>();
  const parts: number[][] = [];
  for (const start of nodes) {
    if (seen.has(start)) continue;
    const part = [start];
    seen.add(start);
    for (let head = 0; head < part.length; head++) {
      const u = part[head];
      for (let k = adjacency.offsets[u]; k < adjacency.offsets[u + 1]; k++) {
        const v = adjacency.targets[k];
        if (!seen.has(v) && marks.has(v)) {
          seen.add(v);
          part.push(v);
        }
      }
    }
    parts.push(part);
  }
  return parts;
}

function breadthFirst(adjacency: WeightedAdjacency, start: number, seen: Uint8Array, queue: Int32Array): number[] {
  let head = 0;
  let tail = 0;
  queue[tail++] = start;
  seen[start] = 1;
  while (head < tail) {
    const u = queue[head++];
    for (let k = adjacency.offsets[u]; k < adjacency.offsets[u + 1]; k++) {
      const v = adjacency.targets[k];
      if (seen[v]) continue;
      seen[v] = 1;
      queue[tail++] = v;
    }
  }
  return Array.from(queue.subarray(0, tail));
}

/**
 * Parts too big for one worker. A strong-tie part of more than `maxPartAccounts` accounts is cut into pieces of at
 * most that many along its weakest ties: its projection edges are taken heaviest first (Kruskal's order; equal
 * weights by account ids) and an edge joins two pieces only while the joined piece stays within the limit, so the
 * ties cut are the lightest that had to go. Pieces of one account are dropped (they hold no finding); each piece is
 * analysed as a part of its own. Deterministic, and applied before the parts are handed out, so the findings do not
 * depend on how many workers run. Off unless a limit is given: without one nothing is split.
 */
import type { Projection } from './projection-graph.ts';

export interface SplitReport {
  /** Parts over the limit, cut into pieces. */
  splitParts: number;
  /** Pieces of at least two accounts they were cut into. */
  pieces: number;
  /** Accounts of the biggest part cut (0 when none was). */
  largestSplit: number;
}

export function splitOversizeParts(
  projection: Projection,
  parts: number[][],
  maxPartAccounts: number | undefined,
): { parts: number[][]; report: SplitReport } {
  const report: SplitReport = { splitParts: 0, pieces: 0, largestSplit: 0 };
  if (maxPartAccounts === undefined || !parts.some((part) => part.length > maxPartAccounts)) {
    return { parts, report };
  }
  const out: number[][] = [];
  for (const part of parts) {
    if (part.length <= maxPartAccounts) {
      out.push(part);
      continue;
    }
    const pieces = cutAlongWeakestTies(projection, part, maxPartAccounts);
    report.splitParts++;
    report.pieces += pieces.length;
    report.largestSplit = Math.max(report.largestSplit, part.length);
    out.push(...pieces);
  }
  const ids = projection.adjacency.ids;
  out.sort((a, b) => compare(ids[a[0]], ids[b[0]]));
  return { parts: out, report };
}

function cutAlongWeakestTies(projection: Projection, part: readonly number[], limit: number): number[][] {
  const { ids, offsets, targets, weights } = projection.adjacency;
  const local = new Map<number, number>();
  part.forEach((node, i) => local.set(node, i));
  const edges: Array<{ u: number; v: number; w: number }> = [];
  part.forEach((node, u) => {
    for (let k = offsets[node]; k < offsets[node + 1]; k++) {
      const v = local.get(targets[k]);
      if (v !== undefined && v > u) edges.push({ u, v, w: weights[k] });
    }
  });
  // `part` is sorted by account id, so local indices order like ids: equal weights break ties by ids.
  edges.sort((a, b) => b.w - a.w || a.u - b.u || a.v - b.v);
  const parent = Int32Array.from(part, (_, i) => i);
  const size = new Int32Array(part.length).fill(1);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const { u, v } of edges) {
    const ru = find(u);
    const rv = find(v);
    if (ru === rv || size[ru] + size[rv] > limit) continue;
    const [big, small] = ru < rv ? [ru, rv] : [rv, ru];
    parent[small] = big;
    size[big] += size[small];
  }
  const byRoot = new Map<number, number[]>();
  part.forEach((node, i) => {
    const root = find(i);
    const list = byRoot.get(root);
    if (list) list.push(node);
    else byRoot.set(root, [node]);
  });
  // Nodes were visited in id order, so every piece is sorted by account id already.
  return [...byRoot.values()].filter((piece) => piece.length >= 2).sort((a, b) => compare(ids[a[0]], ids[b[0]]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

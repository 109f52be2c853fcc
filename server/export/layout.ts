/**
 * A deterministic force-directed layout for pictures drawn without a browser (Fruchterman & Reingold 1991): every pair
 * of nodes repels, every edge pulls its ends together, and the moves cool down over a fixed number of rounds. Start
 * positions come from a hash of each node's id and the nodes are visited in id order, so the same graph always gets
 * the same picture. Nodes with a known position (a saved view) stay where they are and the rest settle around them.
 * Pure; O(n²) per round, with fewer rounds for big graphs.
 */

export interface Point {
  x: number;
  y: number;
}

export interface LayoutInput {
  nodes: readonly string[];
  edges: ReadonlyArray<{ source: string; target: string }>;
  /** Positions to keep (graph coordinates). */
  fixed?: ReadonlyMap<string, Point>;
}

/** About the distance between linked nodes, in the app's graph units (an account is drawn 34 wide). */
export const IDEAL_EDGE = 90;

/** 32-bit FNV-1a: a stable number from an id. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Rounds for `n` nodes: the full 300 for small graphs, fewer when each round costs n² (at least 40). */
export function roundsFor(n: number): number {
  return Math.max(40, Math.min(300, Math.floor(3e7 / Math.max(1, n * n))));
}

export function forceLayout({ nodes, edges, fixed = new Map() }: LayoutInput): Map<string, Point> {
  const ids = [...new Set(nodes)].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const k = IDEAL_EDGE;
  const side = k * Math.sqrt(Math.max(1, n)) * 1.2;
  let cx = 0;
  let cy = 0;
  const known = ids.filter((id) => fixed.has(id));
  for (const id of known) {
    cx += fixed.get(id)!.x / known.length;
    cy += fixed.get(id)!.y / known.length;
  }
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const pinned = new Uint8Array(n);
  ids.forEach((id, i) => {
    const p = fixed.get(id);
    if (p) {
      xs[i] = p.x;
      ys[i] = p.y;
      pinned[i] = 1;
    } else {
      const h = hash(id);
      xs[i] = cx + ((h & 0xffff) / 0xffff - 0.5) * side;
      ys[i] = cy + ((h >>> 16) / 0xffff - 0.5) * side;
    }
  });
  const links: Array<[number, number]> = [];
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a !== undefined && b !== undefined && a !== b) links.push(a < b ? [a, b] : [b, a]);
  }
  links.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const rounds = roundsFor(n);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let round = 0; round < rounds; round++) {
    const temperature = (side / 8) * (1 - round / rounds) + 1;
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = xs[i]! - xs[j]!;
        let ddy = ys[i]! - ys[j]!;
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-6) {
          // Two nodes on one spot: push them apart along a direction fixed by their indices.
          ddx = Math.cos(i + j);
          ddy = Math.sin(i + j);
          d2 = 1;
        }
        const f = (k * k) / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    }
    for (const [a, b] of links) {
      const ddx = xs[a]! - xs[b]!;
      const ddy = ys[a]! - ys[b]!;
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1;
      const f = d / k;
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      if (pinned[i]) continue;
      // A weak pull to the middle keeps separate pieces (a pair, a lone account) from drifting off.
      dx[i] -= (xs[i]! - cx) * 0.02;
      dy[i] -= (ys[i]! - cy) * 0.02;
      const len = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!) || 1;
      const step = Math.min(len, temperature);
      xs[i] += (dx[i]! / len) * step;
      ys[i] += (dy[i]! / len) * step;
    }
  }
  return new Map(ids.map((id, i) => [id, { x: xs[i]!, y: ys[i]! }]));
}

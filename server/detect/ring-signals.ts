/**
 * Ring signals that do not come from shared identifiers: who the members are (labels, how close together they were
 * opened) and whether money goes round a loop between them. Pure helpers of score.ts.
 */
import type { AccountInfo } from './input.ts';

const DAY_MS = 86_400_000;

export interface MemberSummary {
  knownFraud: number;
  legit: number;
  /** Days between the first and last member creation, when at least two creation dates are known. */
  creationSpreadDays: number | null;
  /** Largest group of members created within the burst window of each other, and how many days it spans. */
  burst: { members: number; days: number } | null;
}

/** Labels and creation dates of the members (undefined = not found by the lookup). */
export function summariseMembers(
  infos: ReadonlyArray<AccountInfo | undefined>,
  burstWindowDays: number,
): MemberSummary {
  let knownFraud = 0;
  let legit = 0;
  const created: number[] = [];
  for (const info of infos) {
    if (info?.label === 'known_fraud') knownFraud++;
    if (info?.label === 'legit') legit++;
    const at = info?.createdAt ? Date.parse(info.createdAt) : NaN;
    if (Number.isFinite(at)) created.push(at);
  }
  created.sort((a, b) => a - b);
  const creationSpreadDays = created.length >= 2 ? (created[created.length - 1] - created[0]) / DAY_MS : null;
  return { knownFraud, legit, creationSpreadDays, burst: largestBurst(created, burstWindowDays * DAY_MS) };
}

/** Largest number of sorted timestamps within `windowMs` of each other, and the days they span. */
function largestBurst(sorted: readonly number[], windowMs: number): { members: number; days: number } | null {
  if (sorted.length === 0) return null;
  let best = { members: 1, days: 0 };
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] > windowMs) start++;
    const members = end - start + 1;
    if (members > best.members) best = { members, days: (sorted[end] - sorted[start]) / DAY_MS };
  }
  return best;
}

/**
 * A directed cycle of transfers among `nodes` (payer → payee pairs given as `edges`), as the list of nodes along it,
 * or null. Depth-first search with the usual white/grey/black colouring (Tarjan 1972): an edge into a grey node
 * closes a cycle. Nodes and edges are visited in the given order, so the answer is deterministic.
 */
export function transferCycle(
  nodes: readonly number[],
  edges: ReadonlyArray<readonly [number, number]>,
): number[] | null {
  const next = new Map<number, number[]>();
  for (const [a, b] of edges) {
    const list = next.get(a);
    if (list) list.push(b);
    else next.set(a, [b]);
  }
  const colour = new Map<number, 1 | 2>();
  for (const root of nodes) {
    if (colour.has(root)) continue;
    const path: number[] = [root];
    const cursor: number[] = [0];
    colour.set(root, 1);
    while (path.length > 0) {
      const u = path[path.length - 1];
      const out = next.get(u) ?? [];
      const i = cursor[cursor.length - 1]++;
      if (i >= out.length) {
        colour.set(u, 2);
        path.pop();
        cursor.pop();
        continue;
      }
      const v = out[i];
      const seen = colour.get(v);
      if (seen === 1) return path.slice(path.indexOf(v));
      if (seen === undefined) {
        colour.set(v, 1);
        path.push(v);
        cursor.push(0);
      }
    }
  }
  return null;
}

/**
 * Partition: the first of detection's two stages. The account graph is split into independent parts — the connected
 * components of the strong-tie graph — and every later step (communities, pairs, scores: part-analysis.ts) is a
 * function of one part. Two accounts are strongly tied when they use one identifier of a `strongKinds` kind (device,
 * card, email, phone) that is neither a crowd (never projected), a placeholder (never projected) nor generic
 * (generic.ts), or when a transfer between them created a projection edge (a relay leg between linked accounts).
 * IPs, addresses and ordinary payments are weak ties: they never join parts, so no ring is cut or glued by them.
 *
 * The seam is deliberately narrow — union–find over identifier member lists and transfer ends, linear in Σk — so
 * a distributed engine can compute the same parts (connected components over the strong identifier incidence) and
 * fan them out to workers.
 */
import type { Projection } from './projection-graph.ts';
import type { DetectionSettings } from './settings.ts';

export interface PartitionStats {
  /** Parts of at least two accounts. */
  parts: number;
  largestPart: number;
  /** Strong identifiers that joined accounts, and transfers that did. */
  strongIdentifiers: number;
  linkingTransfers: number;
}

/** Whether identifier `i` is a strong tie under `settings` (generic ones never are; an intruder's network is). */
export function isStrongIdentifier(projection: Projection, i: number, settings: DetectionSettings): boolean {
  return (
    !projection.isGeneric(i) &&
    (settings.strongKinds.includes(projection.identifierKind(i)) || projection.isIntruderNetwork(i)) &&
    projection.membersOf(i).length >= 2
  );
}

/** Whether accounts a and b share a strong identifier (isStrongIdentifier). */
export function strongTie(projection: Projection, a: number, b: number, settings: DetectionSettings): boolean {
  return projection.commonIdentifiers(a, b).some((i) => isStrongIdentifier(projection, i, settings));
}

/**
 * The parts of the projection: node lists (each sorted by account id) of the strong-tie components with at least two
 * accounts, ordered by their first account id. Accounts with no strong tie belong to no part.
 */
export function partitionAccounts(
  projection: Projection,
  settings: DetectionSettings,
): { parts: number[][]; stats: PartitionStats } {
  const order = projection.order;
  const parent = new Int32Array(order);
  for (let i = 0; i < order; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const stats: PartitionStats = { parts: 0, largestPart: 0, strongIdentifiers: 0, linkingTransfers: 0 };
  for (let i = 0; i < projection.identifierCount; i++) {
    if (!isStrongIdentifier(projection, i, settings)) continue;
    stats.strongIdentifiers++;
    const members = projection.membersOf(i);
    for (let k = 1; k < members.length; k++) union(members[0], members[k]);
  }
  for (let t = 0; t < projection.transferCountTotal; t++) {
    if (!projection.transferLinks(t)) continue;
    stats.linkingTransfers++;
    union(projection.transferPayer(t), projection.transferPayee(t));
  }
  const byRoot = new Map<number, number[]>();
  for (let node = 0; node < order; node++) {
    const root = find(node);
    const list = byRoot.get(root);
    if (list) list.push(node);
    else byRoot.set(root, [node]);
  }
  const parts: number[][] = [];
  const ids = projection.adjacency.ids;
  for (const nodes of byRoot.values()) {
    if (nodes.length < 2) continue;
    nodes.sort((a, b) => compare(ids[a], ids[b]));
    parts.push(nodes);
    if (nodes.length > stats.largestPart) stats.largestPart = nodes.length;
  }
  parts.sort((a, b) => compare(ids[a[0]], ids[b[0]]));
  stats.parts = parts.length;
  return { parts, stats };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

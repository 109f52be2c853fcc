/**
 * The finished account projection: the weighted account graph (CSR) plus the evidence behind every edge — each
 * identifier's member list, each account's identifier list and the transfers between projected accounts, all as
 * typed arrays into one string table. Built by `ProjectionBuilder` (projection.ts); read by communities and scoring.
 */
import { UndirectedGraph } from 'graphology';
import type { ProjectionGraph, WeightedAdjacency } from './adjacency.ts';
import {
  IDENTIFIER_KINDS,
  type Crowd,
  type ExcludedIdentifier,
  type IdentifierKind,
  type PaymentEdge,
} from './input.ts';

export interface ProjectionStats {
  groups: number;
  /** Groups of 2..maxSharers accounts, expanded into pairs. */
  projectedGroups: number;
  /** Groups used by a single account: they link nothing. */
  singletonGroups: number;
  crowdGroups: number;
  /** Groups left out because their value is a known placeholder (placeholders.ts). */
  placeholderGroups: number;
  /** Σ k(k − 1)/2 over projected groups: pair contributions before summing into edges. */
  pairContributions: number;
  payments: number;
  /** Transfers whose payer and payee are both projected (kept for scoring). */
  paymentsKept: number;
  /** Kept transfers that added weight to an edge. */
  paymentsWeighted: number;
  /** Legs of relays between linked accounts (`triangle` mode): each created or reinforced an edge. */
  paymentsClosing: number;
  /** Transfers into or out of a pass-through account (relays.ts); they link their ends like relay legs. */
  paymentsRelayed: number;
  /** Refunds from a merchant to its own payers (reversals.ts), left out of detection (`triangle` mode). */
  paymentsReversed: number;
  /** Transfers from a funnel's feeders to its payee (funnels.ts); they link their ends like relay legs. */
  paymentsFunneled: number;
  /** Paybacks from a payee to payers it pays back most of what they paid (funnels.ts paybackLegs); they link too. */
  paymentsPaidBack: number;
  /** Repeated transfers crossing between two tied pairs of accounts (crossed-transfers.ts); they link too. */
  paymentsCrossed: number;
  accounts: number;
  edges: number;
}

/** transferLinks value of a funnel's leg (funnels.ts); relay legs and `link`-mode transfers are 1. */
export const FUNNEL_LEG = 2;
/** transferLinks value of a paid-back payer's payments to its payee (funnels.ts paybackLegs): a funnel leg too. */
export const PAID_BACK_LEG = 3;
/** transferLinks value of a payment from a payer fed with known fraud to its payee (funnels.ts fedLegs): a funnel leg too. */
export const FED_LEG = 4;
/** transferLinks value of a repeated transfer crossing between two tied pairs of accounts (crossed-transfers.ts). */
export const CROSSED_LEG = 5;

/** Counters at zero: a builder's start, and the projection a worker thread rebuilds (it reads no counters). */
export function emptyProjectionStats(): ProjectionStats {
  return {
    groups: 0,
    projectedGroups: 0,
    singletonGroups: 0,
    crowdGroups: 0,
    placeholderGroups: 0,
    pairContributions: 0,
    payments: 0,
    paymentsKept: 0,
    paymentsWeighted: 0,
    paymentsClosing: 0,
    paymentsRelayed: 0,
    paymentsReversed: 0,
    paymentsFunneled: 0,
    paymentsPaidBack: 0,
    paymentsCrossed: 0,
    accounts: 0,
    edges: 0,
  };
}

export interface IdentifierRef {
  kind: IdentifierKind;
  key: string;
  /** Distinct accounts using the identifier. */
  sharers: number;
}

export interface EdgeEvidence {
  weight: number;
  identifiers: IdentifierRef[];
  transfers: PaymentEdge[];
}

/** Compressed rows of compact ids: row r is items[starts[r] .. starts[r + 1]). */
export interface Rows {
  starts: Int32Array;
  items: Int32Array;
}

/** Everything `ProjectionBuilder.build()` hands over. */
export interface ProjectionParts {
  adjacency: WeightedAdjacency;
  accountIndex: Map<string, number>;
  identKinds: Uint8Array;
  identSharers: Int32Array;
  identKeys: string[];
  identStarts: Int32Array;
  identMembers: Int32Array;
  accountIdentifiers: Rows;
  paymentEnds: Int32Array;
  paymentCounts: Float64Array;
  paymentTotals: Float64Array;
  accountTransfers: Rows;
  /** 1 for transfers that created an edge (a relay leg in `triangle` mode, any transfer in `link` mode). */
  transferLinks: Uint8Array;
  /**
   * Per projected account (`triangle` mode; else empty): the payments it made, reversals left out, and the reversals
   * (refunds from a merchant it paid: reversals.ts) it received. Accounts past the end made and received none.
   */
  paymentsMade: Float64Array;
  refundsReceived: Float64Array;
  crowds: Crowd[];
  excluded: ExcludedIdentifier[];
  stats: ProjectionStats;
}

/** The finished projection: the weighted account graph plus the identifier and transfer evidence behind each edge. */
export class Projection {
  readonly adjacency: WeightedAdjacency;
  readonly crowds: readonly Crowd[];
  /** Placeholders (from the builder) and, once generic.ts has looked, generic identifiers. */
  readonly excluded: ExcludedIdentifier[];
  readonly stats: Readonly<ProjectionStats>;
  /**
   * 1 for projected identifiers found generic (generic.ts): they join no part and score no points; 2 for IPs found to
   * be an intruder's network (networks.ts): they tie like a device.
   */
  readonly generic: Uint8Array;

  constructor(private readonly parts: ProjectionParts) {
    this.adjacency = parts.adjacency;
    this.crowds = parts.crowds;
    this.excluded = parts.excluded;
    this.stats = parts.stats;
    this.generic = new Uint8Array(parts.identKeys.length);
  }

  /** The arrays behind the projection, for read-only use (shared-projection.ts hands them to worker threads). */
  get arrays(): Readonly<ProjectionParts> {
    return this.parts;
  }

  isGeneric(identifier: number): boolean {
    return this.generic[identifier] === 1;
  }

  /** An IP found to be an intruder's network (networks.ts, marked 2): a strong tie. */
  isIntruderNetwork(identifier: number): boolean {
    return this.generic[identifier] === 2;
  }

  /** Whether the transfer created an edge of the projection (a relay or funnel leg, or any transfer in `link` mode). */
  transferLinks(transfer: number): boolean {
    return this.parts.transferLinks[transfer] !== 0;
  }

  /** Payments the account made (reversals left out) and refunds it received from merchants it paid (reversals.ts). */
  refunds(node: number): { made: number; refunded: number } {
    return { made: this.parts.paymentsMade[node] ?? 0, refunded: this.parts.refundsReceived[node] ?? 0 };
  }

  /** Whether the transfer is a feeder's payments to its funnel's payee (funnels.ts), paid back or not. */
  transferFunnel(transfer: number): boolean {
    const link = this.parts.transferLinks[transfer];
    return link === FUNNEL_LEG || link === PAID_BACK_LEG || link === FED_LEG;
  }

  /** Whether the transfer is a payment of a payer fed with known fraud to its payee (funnels.ts fedLegs) alone. */
  transferFed(transfer: number): boolean {
    return this.parts.transferLinks[transfer] === FED_LEG;
  }

  /** Whether the transfer is a leg of a crossing between two tied pairs of accounts (crossed-transfers.ts). */
  transferCrossed(transfer: number): boolean {
    return this.parts.transferLinks[transfer] === CROSSED_LEG;
  }

  /** Whether the transfer is a paid-back payer's payments to its payee (funnels.ts paybackLegs). */
  transferPaidBack(transfer: number): boolean {
    return this.parts.transferLinks[transfer] === PAID_BACK_LEG;
  }

  get transferCountTotal(): number {
    return this.parts.paymentCounts.length;
  }

  get order(): number {
    return this.adjacency.ids.length;
  }

  get size(): number {
    return this.adjacency.targets.length / 2;
  }

  indexOf(accountId: string): number {
    return this.parts.accountIndex.get(accountId) ?? -1;
  }

  accountId(node: number): string {
    return this.adjacency.ids[node];
  }

  get identifierCount(): number {
    return this.parts.identKeys.length;
  }

  identifierKind(identifier: number): IdentifierKind {
    return IDENTIFIER_KINDS[this.parts.identKinds[identifier]];
  }

  identifierKey(identifier: number): string {
    return this.parts.identKeys[identifier];
  }

  /** Distinct accounts using the identifier (the source's count; at least its projected members). */
  identifierSharers(identifier: number): number {
    return this.parts.identSharers[identifier];
  }

  /** Accounts (node indices, ascending) using the identifier. */
  membersOf(identifier: number): Int32Array {
    const { identStarts, identMembers } = this.parts;
    return identMembers.subarray(identStarts[identifier], identStarts[identifier + 1]);
  }

  /** Projected identifiers (ascending) the account uses. */
  identifiersOf(node: number): Int32Array {
    const { starts, items } = this.parts.accountIdentifiers;
    return items.subarray(starts[node], starts[node + 1]);
  }

  /** Transfer indices the account sends or receives. */
  transfersOf(node: number): Int32Array {
    const { starts, items } = this.parts.accountTransfers;
    return items.subarray(starts[node], starts[node + 1]);
  }

  transferPayer(transfer: number): number {
    return this.parts.paymentEnds[2 * transfer];
  }

  transferPayee(transfer: number): number {
    return this.parts.paymentEnds[2 * transfer + 1];
  }

  transferCount(transfer: number): number {
    return this.parts.paymentCounts[transfer];
  }

  transferTotal(transfer: number): number {
    return this.parts.paymentTotals[transfer];
  }

  /** Identifiers (ascending) both nodes use: the intersection of their two sorted lists. */
  commonIdentifiers(u: number, v: number): number[] {
    const left = this.identifiersOf(u);
    const right = this.identifiersOf(v);
    const out: number[] = [];
    for (let i = 0, j = 0; i < left.length && j < right.length;) {
      if (left[i] < right[j]) i++;
      else if (left[i] > right[j]) j++;
      else {
        out.push(left[i]);
        i++;
        j++;
      }
    }
    return out;
  }

  /** Which identifiers and transfers link two accounts, and the summed edge weight (0 when not adjacent). */
  edgeEvidence(a: string, b: string): EdgeEvidence {
    const u = this.indexOf(a);
    const v = this.indexOf(b);
    const evidence: EdgeEvidence = { weight: 0, identifiers: [], transfers: [] };
    if (u < 0 || v < 0) return evidence;
    const { offsets, targets, weights } = this.adjacency;
    for (let k = offsets[u]; k < offsets[u + 1]; k++) if (targets[k] === v) evidence.weight = weights[k];
    for (const id of this.commonIdentifiers(u, v)) {
      evidence.identifiers.push({
        kind: this.identifierKind(id),
        key: this.identifierKey(id),
        sharers: this.identifierSharers(id),
      });
    }
    for (const t of this.transfersOf(u)) {
      const payer = this.transferPayer(t);
      const payee = this.transferPayee(t);
      if ((payer === u && payee === v) || (payer === v && payee === u)) {
        evidence.transfers.push({
          payer: this.accountId(payer),
          payee: this.accountId(payee),
          count: this.transferCount(t),
          total: this.transferTotal(t),
        });
      }
    }
    return evidence;
  }

  /** The whole projection as a graphology graph (for tests, exports and small data; costly at a million accounts). */
  toGraph(): ProjectionGraph {
    const { ids, offsets, targets, weights } = this.adjacency;
    const graph: ProjectionGraph = new UndirectedGraph();
    for (const id of ids) graph.addNode(id);
    for (let u = 0; u < ids.length; u++) {
      for (let k = offsets[u]; k < offsets[u + 1]; k++) {
        if (targets[k] > u) graph.addUndirectedEdge(ids[u], ids[targets[k]], { weight: weights[k] });
      }
    }
    return graph;
  }
}

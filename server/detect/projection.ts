/**
 * Account projection of the account–identifier bipartite graph (the one-mode projection of Newman 2001).
 *
 * Identifier groups arrive one at a time; each group of k ≤ maxSharers accounts adds kindWeight / (k − 1)^rarity to
 * every pair of its accounts (see `DetectionSettings.kindWeights` for the formula), and bigger groups become crowds
 * instead of k² edges. Evidence is not stored per edge: each identifier keeps its member list and each account its
 * identifier list (both as typed arrays into one string table), so "what links a and b" is an intersection of two
 * short sorted lists. That costs Σk integers instead of Σk² objects, which is what lets a million accounts fit.
 */
import { adjacencyFromEdges } from './adjacency.ts';
import {
  IDENTIFIER_KINDS,
  type Crowd,
  type ExcludedIdentifier,
  type IdentifierGroup,
  type IdentifierKind,
  type PaymentEdge,
} from './input.ts';
import { crossedTransfers } from './crossed-transfers.ts';
import {
  CROSSED_LEG,
  emptyProjectionStats,
  FED_LEG,
  FUNNEL_LEG,
  PAID_BACK_LEG,
  Projection,
  type ProjectionStats,
  type Rows,
} from './projection-graph.ts';
import { MAX_PAIR_NODES, PairIndex } from './pair-index.ts';
import { reversalTransfers } from './reversals.ts';
import { closingTransfers, rows } from './transfer-triangles.ts';
import { reciprocalTransfers, relayNodes, relayTransfers } from './relays.ts';
import { placeholderMatcher } from './placeholders.ts';
import { maxSharersFor, type DetectionSettings } from './settings.ts';

type Growable = Int32Array | Float64Array | Uint8Array;

function grown<T extends Growable>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let size = Math.max(16, array.length * 2);
  while (size < needed) size *= 2;
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}

export class ProjectionBuilder {
  private readonly accountIndex = new Map<string, number>();
  private readonly accountIds: string[] = [];
  private readonly pairs = new PairIndex(1 << 16);
  private edgeU = new Int32Array(1 << 16);
  private edgeV = new Int32Array(1 << 16);
  private edgeW = new Float64Array(1 << 16);
  private edgeCount = 0;
  private identKinds = new Uint8Array(1 << 12);
  private identSharers = new Int32Array(1 << 12);
  private readonly identKeys: string[] = [];
  private identStarts = new Int32Array(1 << 12);
  private identMembers = new Int32Array(1 << 14);
  private memberCount = 0;
  private payPayer = new Int32Array(1 << 10);
  private payPayee = new Int32Array(1 << 10);
  private payCount = new Float64Array(1 << 10);
  private payTotal = new Float64Array(1 << 10);
  private paymentCount = 0;
  private readonly crowds: Crowd[] = [];
  private readonly excluded: ExcludedIdentifier[] = [];
  private readonly isPlaceholder: (kind: IdentifierKind, key: string) => boolean;
  /**
   * Transfers (by index) that created an edge: 1 for relay legs in `triangle` mode and every transfer in `link` mode,
   * FUNNEL_LEG for a funnel's legs, PAID_BACK_LEG for a paid-back payer's (funnels.ts paybackLegs).
   */
  private payLinks = new Uint8Array(1 << 10);
  /** `triangle` mode: payment accounts that share no identifier, until build() decides on their transfers. */
  private readonly outsiders = new Map<string, number>();
  private readonly outsiderIds: string[] = [];
  private readonly stats: ProjectionStats = emptyProjectionStats();
  /** `triangle` mode: per projected account, payments made (reversals left out) and refunds received. */
  private paymentsMade = new Float64Array(0);
  private refundsReceived = new Float64Array(0);
  /** `triangle` mode: funnel legs (funnels.ts funnelLegs, `payer \0 payee`), set before build(). */
  private funnels: ReadonlySet<string> = new Set();
  /** `triangle` mode: legs of payers fed with known fraud and nothing else (funnels.ts fedLegs), among `funnels`. */
  private fed: ReadonlySet<string> = new Set();
  /** `triangle` mode: paid-back payments (funnels.ts paybackLegs, `payer \0 payee`); their reverse links too. */
  private paidBack: ReadonlySet<string> = new Set();
  private phase: 'groups' | 'payments' | 'built' = 'groups';
  /** `triangle` mode: the last payer seen and its pending end (an end never changes before build()). */
  private lastPayer: string | undefined;
  private lastPayerEnd = 0;

  constructor(private readonly settings: DetectionSettings) {
    this.isPlaceholder = placeholderMatcher(settings.placeholders);
  }

  /** Adds one identifier group. All groups must come before the first payment. */
  addGroup(group: IdentifierGroup): void {
    if (this.phase !== 'groups') {
      throw new Error('ProjectionBuilder.addGroup was called after payments or build(); add every group first.');
    }
    this.stats.groups++;
    const kindIndex = IDENTIFIER_KINDS.indexOf(group.kind);
    if (kindIndex < 0) throw new Error(`Identifier group "${group.key}" has unknown kind "${String(group.kind)}".`);
    const limit = maxSharersFor(this.settings, group.kind);
    const distinct = distinctIds(group.accounts);
    const sharers = Math.max(distinct.length, group.sharers ?? 0);
    if (sharers > limit) {
      this.stats.crowdGroups++;
      this.crowds.push({ kind: group.kind, key: group.key, sharers });
      return;
    }
    if (distinct.length < 2) {
      this.stats.singletonGroups++;
      return;
    }
    if (this.isPlaceholder(group.kind, group.key)) {
      this.stats.placeholderGroups++;
      this.excluded.push({ kind: group.kind, key: group.key, sharers, reason: 'placeholder' });
      return;
    }
    this.stats.projectedGroups++;
    const k = distinct.length;
    const members = distinct.map((id) => this.intern(id)).sort((a, b) => a - b);
    this.recordIdentifier(kindIndex, group.key, members, sharers);
    const weight = this.settings.kindWeights[group.kind] / Math.pow(sharers - 1, this.settings.rarityExponent);
    if (!(weight > 0)) return;
    this.stats.pairContributions += (k * (k - 1)) / 2;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) this.addWeight(members[i], members[j], weight, true);
    }
  }

  /**
   * Adds one aggregated transfer. `reinforce` drops transfers touching accounts that share no identifier; `triangle`
   * keeps every transfer until build(), which adds the legs of relays between linked accounts (transfer-triangles.ts).
   */
  addPayment(payment: PaymentEdge): void {
    if (this.phase === 'built') throw new Error('ProjectionBuilder.addPayment was called after build().');
    this.phase = 'payments';
    this.stats.payments++;
    if (payment.payer === payment.payee || !(payment.count > 0)) return;
    const total = Number.isFinite(payment.total) ? payment.total : 0;
    const mode = this.settings.paymentEdges;
    if (mode === 'triangle') {
      // Payments come by payer: one look-up per payer rather than per payment.
      if (payment.payer !== this.lastPayer) {
        this.lastPayer = payment.payer;
        this.lastPayerEnd = this.pendingEnd(payment.payer);
      }
      this.pushTransfer(this.lastPayerEnd, this.pendingEnd(payment.payee), payment.count, total);
      return;
    }
    const link = mode === 'link';
    const payer = link ? this.intern(payment.payer) : this.accountIndex.get(payment.payer);
    const payee = link ? this.intern(payment.payee) : this.accountIndex.get(payment.payee);
    if (payer === undefined || payee === undefined) return;
    this.keepTransfer(payer, payee, payment.count, total, link);
  }

  /** The transfers of funnels (funnels.ts funnelLegs): in `triangle` mode they link their ends. Call before build(). */
  setFunnels(
    legs: ReadonlySet<string>,
    paidBack: ReadonlySet<string> = new Set(),
    fed: ReadonlySet<string> = new Set(),
  ): void {
    if (this.phase === 'built') throw new Error('ProjectionBuilder.setFunnels was called after build().');
    this.funnels = legs;
    this.paidBack = paidBack;
    this.fed = fed;
  }

  /** Freezes everything into a `Projection`; the builder cannot be used afterwards. */
  build(): Projection {
    if (this.settings.paymentEdges === 'triangle') this.resolveTriangles();
    this.phase = 'built';
    const order = this.accountIds.length;
    const adjacency = adjacencyFromEdges(this.accountIds, this.edgeU, this.edgeV, this.edgeW, this.edgeCount);
    const identifierCount = this.identKeys.length;
    const identStarts = this.identStarts.slice(0, identifierCount + 1);
    const identMembers = this.identMembers.slice(0, this.memberCount);
    const accountIdentifiers = invert(order, identifierCount, identStarts, identMembers);
    const payments = this.paymentCount;
    const paymentEnds = new Int32Array(payments * 2);
    for (let p = 0; p < payments; p++) {
      paymentEnds[2 * p] = this.payPayer[p];
      paymentEnds[2 * p + 1] = this.payPayee[p];
    }
    const accountTransfers = invertPairs(order, paymentEnds);
    this.stats.accounts = order;
    this.stats.edges = this.edgeCount;
    const projection = new Projection({
      adjacency,
      accountIndex: this.accountIndex,
      identKinds: this.identKinds.slice(0, identifierCount),
      identSharers: this.identSharers.slice(0, identifierCount),
      identKeys: this.identKeys,
      identStarts,
      identMembers,
      accountIdentifiers,
      paymentEnds,
      paymentCounts: this.payCount.slice(0, payments),
      paymentTotals: this.payTotal.slice(0, payments),
      accountTransfers,
      transferLinks: this.payLinks.slice(0, payments),
      paymentsMade: this.paymentsMade,
      refundsReceived: this.refundsReceived,
      crowds: this.crowds,
      excluded: this.excluded,
      stats: { ...this.stats },
    });
    this.edgeU = this.edgeV = new Int32Array(0);
    this.edgeW = new Float64Array(0);
    return projection;
  }

  /** A transfer end before build(): the account's index, or −1 − its index among accounts sharing no identifier. */
  private pendingEnd(id: string): number {
    const index = this.accountIndex.get(id);
    if (index !== undefined) return index;
    let outsider = this.outsiders.get(id);
    if (outsider === undefined) {
      outsider = this.outsiderIds.length;
      this.outsiders.set(id, outsider);
      this.outsiderIds.push(id);
    }
    return -1 - outsider;
  }

  private pushTransfer(payer: number, payee: number, count: number, total: number): number {
    const n = this.paymentCount++;
    this.payPayer = grown(this.payPayer, n + 1);
    this.payPayee = grown(this.payPayee, n + 1);
    this.payCount = grown(this.payCount, n + 1);
    this.payTotal = grown(this.payTotal, n + 1);
    this.payLinks = grown(this.payLinks, n + 1);
    this.payLinks[n] = 0;
    this.payPayer[n] = payer;
    this.payPayee[n] = payee;
    this.payCount[n] = count;
    this.payTotal[n] = total;
    return n;
  }

  /** Records a transfer between projected accounts and adds its weight (creating the edge when `create`). */
  private keepTransfer(payer: number, payee: number, count: number, total: number, create: boolean): void {
    const n = this.pushTransfer(payer, payee, count, total);
    if (create) this.payLinks[n] = 1;
    this.stats.paymentsKept++;
    const weight = this.settings.paymentWeight * Math.log2(1 + count);
    if (weight > 0 && this.addWeight(payer, payee, weight, create)) this.stats.paymentsWeighted++;
  }

  /**
   * `triangle` mode: replays the buffered transfers; those between linked accounts reinforce, the legs of a relay
   * a → x → b between linked a and b create an edge (projecting x if need be), the rest between projected accounts
   * are kept as evidence only, and the rest are dropped.
   */
  private resolveTriangles(): void {
    const projected = this.accountIds.length;
    const node = (end: number): number => (end >= 0 ? end : projected - 1 - end);
    const all = new Int32Array(this.paymentCount * 2);
    for (let t = 0; t < this.paymentCount; t++) {
      all[2 * t] = node(this.payPayer[t]);
      all[2 * t + 1] = node(this.payPayee[t]);
    }
    const ends = this.dropReversals(all, projected + this.outsiderIds.length);
    const count = this.paymentCount;
    const linked = (a: number, b: number): boolean => {
      const edge = this.pairs.get(a, b);
      return edge >= 0 && this.edgeW[edge] >= this.settings.triangleMinWeight;
    };
    const closing = closingTransfers(ends, projected + this.outsiderIds.length, projected, linked);
    const crossed = this.crossings(ends, linked);
    const payer = this.payPayer;
    const payee = this.payPayee;
    const counts = this.payCount;
    const totals = this.payTotal;
    // Transfers into and out of pass-through accounts (relays.ts) link their ends as well.
    const nodes = projected + this.outsiderIds.length;
    // Settling up (money back and forth between two accounts) and household money (between accounts that share an
    // identifier) pass nothing on.
    const ignored = reciprocalTransfers(ends, nodes);
    for (let t = 0; t < count; t++) if (payer[t] >= 0 && payee[t] >= 0 && linked(payer[t], payee[t])) ignored[t] = 1;
    const relays = relayTransfers(
      ends,
      counts.subarray(0, count),
      relayNodes(ends, counts.subarray(0, count), totals.subarray(0, count), nodes, undefined, ignored),
      undefined,
      ignored,
    );

    this.payPayer = new Int32Array(1 << 10);
    this.payPayee = new Int32Array(1 << 10);
    this.payCount = new Float64Array(1 << 10);
    this.payTotal = new Float64Array(1 << 10);
    this.payLinks = new Uint8Array(1 << 10);
    this.paymentCount = 0;
    const resolve = (end: number): number => (end >= 0 ? end : this.intern(this.outsiderIds[-1 - end]));
    const idOf = (end: number): string => (end >= 0 ? this.accountIds[end] : this.outsiderIds[-1 - end]);
    for (let t = 0; t < count; t++) {
      const inside = payer[t] >= 0 && payee[t] >= 0;
      const relayed = !closing[t] && relays[t] === 1;
      const crossing = crossed[t] === 1;
      const funneled = this.funnels.size > 0 && this.funnels.has(`${idOf(payer[t])}\u0000${idOf(payee[t])}`);
      // The payee paying one of its paid-back payers back (funnels.ts paybackLegs) links them too.
      const payback = this.paidBack.size > 0 && this.paidBack.has(`${idOf(payee[t])}\u0000${idOf(payer[t])}`);
      if (!closing[t] && !relayed && !funneled && !payback && !crossing && !inside) continue;
      if (closing[t]) this.stats.paymentsClosing++;
      if (crossing) this.stats.paymentsCrossed++;
      if (relayed) this.stats.paymentsRelayed++;
      if (funneled) this.stats.paymentsFunneled++;
      if (payback) this.stats.paymentsPaidBack++;
      const create = closing[t] === 1 || relayed || funneled || payback || crossing;
      this.keepTransfer(resolve(payer[t]), resolve(payee[t]), counts[t], totals[t], create);
      if (crossing && !closing[t] && !relayed && !funneled && !payback)
        this.payLinks[this.paymentCount - 1] = CROSSED_LEG;
      if (funneled) {
        const key = `${idOf(payer[t])}\u0000${idOf(payee[t])}`;
        this.payLinks[this.paymentCount - 1] = this.paidBack.has(key)
          ? PAID_BACK_LEG
          : this.fed.has(key)
            ? FED_LEG
            : FUNNEL_LEG;
      }
    }
    this.outsiders.clear();
    this.outsiderIds.length = 0;
  }

  /**
   * The repeated transfers that cross between two pairs of accounts tied by an identifier worth at least
   * crossMinWeight (crossed-transfers.ts); `ends` as resolveTriangles numbers them (accounts below the projected count).
   */
  private crossings(ends: Int32Array, household: (a: number, b: number) => boolean): Uint8Array {
    const { crossMinPayments, crossMinWeight } = this.settings;
    const projected = this.accountIds.length;
    let strong: Rows | null = null;
    const neighbours = (a: number): Int32Array => {
      strong ??= this.strongRows(projected, crossMinWeight);
      return strong.items.subarray(strong.starts[a], strong.starts[a + 1]);
    };
    const tied = (a: number, b: number): boolean => {
      const edge = this.pairs.get(a, b);
      return edge >= 0 && this.edgeW[edge] >= crossMinWeight;
    };
    const nodes = projected + this.outsiderIds.length;
    return crossedTransfers(ends, this.payCount, nodes, projected, crossMinPayments, tied, neighbours, household);
  }

  /** For each projected account, the accounts an edge of at least `minWeight` ties it to (identifier weight only). */
  private strongRows(projected: number, minWeight: number): Rows {
    // Each strong edge both ways, as the pairs transfer-triangles.ts rows() reads.
    let strong = 0;
    for (let e = 0; e < this.edgeCount; e++) if (this.edgeW[e] >= minWeight) strong++;
    const ends = new Int32Array(strong * 4);
    let k = 0;
    for (let e = 0; e < this.edgeCount; e++) {
      if (this.edgeW[e] < minWeight) continue;
      const u = this.edgeU[e];
      const v = this.edgeV[e];
      ends[k] = ends[k + 3] = u;
      ends[k + 1] = ends[k + 2] = v;
      k += 4;
    }
    return rows(ends, projected, 0);
  }

  /** Removes the buffered transfers that are reversals (reversals.ts); `ends` (their node pairs) is compacted alongside. */
  private dropReversals(ends: Int32Array, nodes: number): Int32Array {
    const count = this.paymentCount;
    const reversal = reversalTransfers(ends, nodes, this.settings.merchantMinPayers);
    const projected = this.accountIds.length;
    this.paymentsMade = new Float64Array(projected);
    this.refundsReceived = new Float64Array(projected);
    let kept = 0;
    for (let t = 0; t < count; t++) {
      const [payer, payee] = [ends[2 * t], ends[2 * t + 1]];
      if (reversal[t] && payee < projected) this.refundsReceived[payee] += this.payCount[t];
      if (!reversal[t] && payer < projected) this.paymentsMade[payer] += this.payCount[t];
      if (reversal[t]) continue;
      this.payPayer[kept] = this.payPayer[t];
      this.payPayee[kept] = this.payPayee[t];
      this.payCount[kept] = this.payCount[t];
      this.payTotal[kept] = this.payTotal[t];
      ends[2 * kept] = ends[2 * t];
      ends[2 * kept + 1] = ends[2 * t + 1];
      kept++;
    }
    this.stats.paymentsReversed += count - kept;
    this.paymentCount = kept;
    return ends.subarray(0, 2 * kept);
  }

  private intern(id: string): number {
    let index = this.accountIndex.get(id);
    if (index === undefined) {
      index = this.accountIds.length;
      if (index >= MAX_PAIR_NODES) throw new Error(`The projection supports at most ${MAX_PAIR_NODES} accounts.`);
      this.accountIndex.set(id, index);
      this.accountIds.push(id);
    }
    return index;
  }

  private recordIdentifier(kindIndex: number, key: string, members: readonly number[], sharers: number): void {
    const id = this.identKeys.length;
    this.identKeys.push(key);
    this.identKinds = grown(this.identKinds, id + 1);
    this.identKinds[id] = kindIndex;
    this.identSharers = grown(this.identSharers, id + 1);
    this.identSharers[id] = sharers;
    this.identMembers = grown(this.identMembers, this.memberCount + members.length);
    this.identMembers.set(members, this.memberCount);
    this.memberCount += members.length;
    this.identStarts = grown(this.identStarts, id + 2);
    this.identStarts[id + 1] = this.memberCount;
  }

  /** Adds weight to the pair's edge, creating it when `create`; returns whether an edge received the weight. */
  private addWeight(a: number, b: number, weight: number, create: boolean): boolean {
    const next = this.edgeCount;
    const edge = create ? this.pairs.getOrInsert(a, b, next) : this.pairs.get(a, b);
    if (edge < 0) return false;
    if (edge === next) {
      this.edgeU = grown(this.edgeU, next + 1);
      this.edgeV = grown(this.edgeV, next + 1);
      this.edgeW = grown(this.edgeW, next + 1);
      this.edgeU[next] = a;
      this.edgeV[next] = b;
      this.edgeW[next] = weight;
      this.edgeCount++;
    } else {
      this.edgeW[edge] += weight;
    }
    return true;
  }
}

/** The ids without repeats, in first-seen order; the array itself when it has none (most groups are 2–5 accounts). */
function distinctIds(ids: readonly string[]): readonly string[] {
  if (ids.length > 16) return [...new Set(ids)];
  for (let i = 1; i < ids.length; i++) {
    for (let j = 0; j < i; j++) if (ids[i] === ids[j]) return [...new Set(ids)];
  }
  return ids;
}

/** Transposes identifier → members rows into account → identifiers rows (each row ascending). */
function invert(order: number, rowCount: number, starts: Int32Array, members: Int32Array): Rows {
  const outStarts = new Int32Array(order + 1);
  for (const member of members) outStarts[member + 1]++;
  for (let i = 0; i < order; i++) outStarts[i + 1] += outStarts[i];
  const cursor = outStarts.slice(0, order);
  const items = new Int32Array(members.length);
  for (let row = 0; row < rowCount; row++) {
    for (let k = starts[row]; k < starts[row + 1]; k++) items[cursor[members[k]]++] = row;
  }
  return { starts: outStarts, items };
}

/** For pairs stored as ends[2p], ends[2p + 1]: the pair indices p touching each node. */
function invertPairs(order: number, ends: Int32Array): Rows {
  const starts = new Int32Array(order + 1);
  for (const end of ends) starts[end + 1]++;
  for (let i = 0; i < order; i++) starts[i + 1] += starts[i];
  const cursor = starts.slice(0, order);
  const items = new Int32Array(ends.length);
  for (let k = 0; k < ends.length; k++) items[cursor[ends[k]]++] = k >> 1;
  return { starts, items };
}

/**
 * Ring risk scoring: features of one community, a 0–100 score that is a documented capped sum of points (see
 * `ScoreWeights` in settings.ts for the formula), one short sentence per scoring term, and the identifier/transfer
 * evidence behind it. Nothing is learned: an investigator can recompute every point from the reasons.
 */
import { bannedSet, isBanned } from './banned.ts';
import { NodeMarks } from './adjacency.ts';
import { IDENTIFIER_KINDS, type AccountInfo, type IdentifierKind } from './input.ts';
import type { Projection } from './projection-graph.ts';
import { summariseMembers, transferCycle } from './ring-signals.ts';
import {
  associationReason,
  coincidence,
  coResidentHomes,
  fraudLinks,
  operatedMembers,
  oneWayTransfers,
  relayMembers,
  round2,
  roundBreakdown,
  scoreFromPoints,
  sittingTakeovers,
  softCap,
  takeoverMembers,
  templateShape,
} from './score-terms.ts';
import { TEMPLATE_PREFIX, familyNameMembers, sameNameMembers, sequentialPhoneMembers } from './templates.ts';
import { joinGroups } from './join-groups.ts';
import { reentryMembers } from './reentry.ts';
import { strongTie } from './partition.ts';
import { pairKey, passesMoneyOn, type MemberFlows, type PaymentEventMap } from './forwarding.ts';

export { scoreFromPoints, softCap } from './score-terms.ts';
import type { DetectionSettings } from './settings.ts';
import type { RingEvidence, ScoreBreakdown, RingFeatures, RingAssessment } from './score-types.ts';

export type {
  EvidenceKind,
  RingEvidence,
  SharedIdentifier,
  ScoreBreakdown,
  FraudLink,
  RingFeatures,
  FindingKind,
  RingAssessment,
} from './score-types.ts';

const LISTED_IDENTIFIERS = 50;
const LISTED_LINKS = 20;

/** Singular and plural of each identifier kind, as reasons name them. */
export const NOUNS: Record<IdentifierKind, [string, string]> = {
  device: ['device', 'devices'],
  payment: ['card', 'cards'],
  ip: ['IP', 'IPs'],
  email: ['email address', 'email addresses'],
  phone: ['phone number', 'phone numbers'],
  address: ['address', 'addresses'],
};

interface Shared {
  identifier: number;
  members: number[];
  points: number;
  /** An email address its members wrote in different ways: the distinct spellings (lower case), sorted. */
  spellings?: string[];
}

interface Reason {
  points: number;
  text: string;
}

/** Scores communities of one projection; reuses its scratch memory across rings. */
export class RingScorer {
  private readonly marks: NodeMarks;
  private readonly banned: ReadonlySet<string>;
  private readonly roles: ReadonlySet<string>;
  /** The payments of the transfers forwardingPairs named (forwarding.ts), once the pipeline has read them. */
  private events: PaymentEventMap | null = null;

  constructor(
    private readonly projection: Projection,
    private readonly settings: DetectionSettings,
  ) {
    this.marks = new NodeMarks(projection.order);
    this.banned = bannedSet(settings.bannedStatuses);
    this.roles = new Set(settings.roleTypes.map((t) => t.trim().toLowerCase()));
  }

  /** `members` are node indices of the projection; `accounts` may lack some (they count as unlabelled). */
  assess(members: readonly number[], accounts: ReadonlyMap<string, AccountInfo>): RingAssessment {
    const p = this.projection;
    const weights = this.settings.scoreWeights;
    const n = members.length;
    this.marks.mark(members);

    const shared = this.sharedIdentifiers(members, accounts);
    const operated = operatedMembers(p, members, shared, accounts);
    // The household discount assumes several people. Accounts with no device of their own, opened within days of
    // each other, are one operator's (a promo farm, a buyer's sock puppets at their own address): no discount. Not
    // for two: a couple may open accounts the same week on the living-room tablet.
    const operatedBurst = summariseMembers(
      operated.map((node) => accounts.get(p.accountId(node))),
      weights.burstWindowDays,
    ).burst;
    const oneOperator =
      operated.length * 2 >= n && operatedBurst !== null && operatedBurst.members >= this.settings.minRingSize;
    // Living together: members at one place, and members whose mailboxes carry one family name with different
    // first names (templates.ts familyNameMembers): a family, wherever each of them lives. Homes and families that
    // share a member are one household.
    const emails = members.map((m) => accounts.get(p.accountId(m))?.emails ?? []);
    const family = familyNameMembers(emails, weights.coResidentMaxMembers, weights.familyNameLetters);
    // A family opens its accounts over months and years: accounts of one surname opened within days of each other
    // are one operator's names, not relatives. And a known-fraud or banned account's "relative" on its card is how a
    // banned user comes back: no discount for that family.
    const relatives = family.families.filter((f) => {
      const infos = f.map((i) => accounts.get(p.accountId(members[i]!)));
      if (infos.some((a) => a?.label === 'known_fraud' || isBanned(a, this.banned))) return false;
      return !openedTogether(infos, weights.burstWindowDays);
    });
    // Victims an intruder logged into and wrote its drop address into, one sitting each: that address is no home.
    const sitting = sittingTakeovers(p, shared, accounts, this.settings);
    // Homes and families that share a member are one household (member → its household's members).
    const household = joinGroups([
      ...coResidentHomes(p, members, accounts, weights.coResidentMaxMembers, sitting?.dropAddresses),
      ...relatives.map((f) => f.map((i) => members[i]!)),
    ]);
    const residents = household.size;
    const livingTogether = n > 0 ? residents / n : 0;
    // Living together explains sharing a card, a phone and money; it does not explain two members who each get most
    // of what they pay refunded (refund abuse from one home): no discount then.
    const refunders = this.refunders(members);
    // A welcome offer taken twice: the two accounts of a pair each paid exactly once.
    const welcome =
      n === 2 && weights.welcomePoints > 0 && members.every((node) => this.projection.refunds(node).made === 1);
    const coResident = oneOperator || refunders.length >= 2 ? 0 : livingTogether;
    const discount = 1 - weights.coResidentDiscount * coResident;
    if (discount < 1) {
      // An identifier used inside one household only is the family's (its card, its tablet): discounted as a whole
      // household's would be; one that reaches outside it, by the share of members living together; one used in two
      // households or more (a phone number an intruder put on the accounts of two families) is no family's: in full.
      const inHousehold = 1 - weights.coResidentDiscount;
      // What each household's own cards and devices are worth: several families, each on its own family card, are
      // no more one operator than one family is; only the household whose own identifiers weigh most counts them.
      const own = new Map<number[], Shared[]>();
      for (const s of shared) {
        const homes = new Set<number[] | undefined>(s.members.map((m) => household.get(m)));
        homes.delete(undefined);
        const outside = s.members.some((m) => !household.has(m));
        const inside = homes.size === 1 && !outside;
        if (weights.coResidentKinds.includes(p.identifierKind(s.identifier)))
          s.points *= homes.size >= 2 ? 1 : inside ? inHousehold : discount;
        if (inside) {
          const home = [...homes][0]!;
          own.set(home, [...(own.get(home) ?? []), s]);
        }
      }
      if (own.size >= 2) {
        // Ranked by weight (rounded: the sum's order must not matter), ties by the household's first account id, so
        // that the input's order changes nothing.
        const ranked = [...own].map(([home, list]) => ({
          list,
          weight: Math.round(list.reduce((a, s) => a + s.points, 0) * 1e6),
          first: home.map((m) => p.accountId(m)).reduce((a, b) => (b < a ? b : a)),
        }));
        ranked.sort((a, b) => b.weight - a.weight || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
        for (const { list } of ranked.slice(1)) for (const s of list) s.points *= weights.otherHouseholdsFactor;
      }
      shared.sort((a, b) => b.points - a.points || b.members.length - a.members.length);
    }
    let kinds = this.summariseKinds(shared);
    const { internalEdges, internalWeight } = this.internalEdges(members);
    const transfers = this.internalTransfers(members);
    const payments = { pairs: transfers.length, count: 0, total: 0 };
    for (const t of transfers) {
      payments.count += p.transferCount(t);
      payments.total += p.transferTotal(t);
    }
    const people = summariseMembers(
      members.map((node) => accounts.get(p.accountId(node))),
      weights.burstWindowDays,
    );
    // Money only counts as going round or being passed on when it does not just go back to where it came from.
    const onward = oneWayTransfers(p, transfers);
    const cycle = transferCycle(
      members,
      onward.map((t) => [p.transferPayer(t), p.transferPayee(t)] as const),
    );
    const crossing = cycle ? null : this.crossing(transfers);
    const burstMin = Math.min(this.settings.minRingSize, n);
    const burst = people.burst !== null && people.burst.members >= burstMin ? people.burst : null;
    const links = fraudLinks(p, this.settings, members, accounts);
    const nearby = summariseMembers(
      members.map((node) => accounts.get(p.accountId(node))),
      weights.proximityWindowDays,
    ).burst;
    const near = nearby !== null && nearby.members >= burstMin ? nearby : null;
    const { relays, timed } = this.forwarders(relayMembers(p, members, onward), onward);
    const windowed = takeoverMembers(p, shared, accounts, this.settings);
    // Taken over within days of each other on one device, or one sitting each (sittingTakeovers): both count.
    const takeovers = { ...windowed, members: new Set([...windowed.nodes, ...(sitting?.members ?? [])]).size };
    const windowedCount = windowed.nodes.length;
    const reentries =
      this.settings.reentryMaxSharers >= 2
        ? reentryMembers(
            p,
            shared,
            accounts,
            this.banned,
            this.settings.reentryMaxSharers,
            this.settings.reentryOverlapDays,
          )
        : [];
    const sequential = sequentialPhoneMembers(members.map((m) => accounts.get(p.accountId(m))?.phones ?? []));
    const feeders = this.funnelFeeders(transfers);
    const named = sameNameMembers(
      emails,
      members.map((m) => accounts.get(p.accountId(m))?.type),
    );
    const roles =
      transfers.length === 0 && links.length === 0 && reentries.length === 0 && takeovers.members === 0
        ? this.twoRoles(members, accounts)
        : null;
    const rolesFactor = roles ? 1 - weights.twoRolesDiscount : 1;
    if (rolesFactor < 1) {
      for (const s of shared) s.points *= rolesFactor;
      kinds = this.summariseKinds(shared);
    }
    // What one person (or family) doing ordinary things explains: discounted for living together and for two roles.
    const personal = discount * rolesFactor;

    const identifierRaw = [...kinds.points.values()].reduce((a, b) => a + b, 0);
    const identifierPoints = softCap(identifierRaw, weights.identifierCap);
    const breakdown: ScoreBreakdown = {
      identifiers: identifierPoints,
      knownFraud: softCap(weights.knownFraudPoints * people.knownFraud, weights.knownFraudCap),
      association: softCap(links.reduce((a, l) => a + l.points, 0) * personal, weights.associationCap),
      burst: burst ? ((weights.burstPoints * burst.members) / n) * coincidence(burst.members) * personal : 0,
      proximity: near ? ((weights.proximityPoints * near.members) / n) * coincidence(near.members) * personal : 0,
      operated: softCap(weights.operatedPoints * operated.length, weights.operatedCap) * personal,
      relay: softCap(weights.relayPoints * relays.length, weights.relayCap) * discount,
      sequence: (weights.sequencePoints * sequential.length) / n,
      name: ((weights.namePoints * named.members.length) / n) * personal,
      refunds: refunders.length >= 2 ? (weights.refundPoints * refunders.length) / n : 0,
      welcome: welcome ? weights.welcomePoints * personal : 0,
      funnel:
        feeders.payers.length > 0
          ? ((weights.funnelPoints * feeders.payers.length) / Math.max(1, n - 1)) *
            coincidence(feeders.payers.length) *
            discount
          : 0,
      takeover: ((weights.takeoverPoints * takeovers.members) / n) * discount,
      // Not discounted for living together: a successor goes on living where the banned account did.
      reentry: weights.reentryPoints * Math.min(1, reentries.length / Math.max(1, n - people.knownFraud)),
      payments: softCap(weights.paymentPoints * payments.pairs, weights.paymentCap) * discount,
      cycle: cycle ? weights.cyclePoints * discount : 0,
      // Money between two households, not within one: living together explains none of it.
      crossing: crossing ? weights.cyclePoints : 0,
      // Members living together are a family's size, not an operation's: discounted like the money they pay each other.
      size: softCap(weights.sizePoints * Math.max(0, n - this.settings.minRingSize), weights.sizeCap) * discount,
    };

    const reasons: Reason[] = [];
    const scale = identifierRaw > 0 ? identifierPoints / identifierRaw : 0;
    for (const kind of IDENTIFIER_KINDS) {
      const ofKind = shared.filter((s) => p.identifierKind(s.identifier) === kind);
      if (ofKind.length > 0)
        reasons.push({ points: (kinds.points.get(kind) ?? 0) * scale, text: this.identifierReason(kind, ofKind) });
    }
    if (people.knownFraud > 0) {
      const k = people.knownFraud;
      const banned = members
        .map((node) => accounts.get(p.accountId(node)))
        .filter((info) => info?.label === 'known_fraud' && isBanned(info, this.banned))
        .map((info) => `${info!.id} (status ${info!.status})`);
      const bans =
        banned.length === 0
          ? ''
          : `; banned by the platform: ${banned.slice(0, 3).join(', ')}${banned.length > 3 ? ', …' : ''}`;
      reasons.push({
        points: breakdown.knownFraud,
        text: (k === 1 ? '1 member is known fraud' : `${k} members are known fraud`) + bans,
      });
    }
    if (links.length > 0) reasons.push({ points: breakdown.association, text: associationReason(links) });
    if (burst) {
      const days = Math.max(1, Math.ceil(burst.days));
      const text = `${burst.members} accounts were created within ${days} ${days === 1 ? 'day' : 'days'}`;
      reasons.push({ points: breakdown.burst, text });
    }
    if (near) {
      const text = `${near.members} accounts were created within ${weights.proximityWindowDays} days of each other`;
      reasons.push({ points: breakdown.proximity, text });
    }
    if (sequential.length > 0) {
      const numbers = sequential
        .flatMap((i) => accounts.get(p.accountId(members[i]))?.phones ?? [])
        .sort()
        .slice(0, 3);
      const text = `${sequential.length} accounts have consecutive phone numbers (${numbers.join(', ')}${sequential.length > 3 ? ', …' : ''})`;
      reasons.push({ points: breakdown.sequence, text });
    }
    if (feeders.payers.length > 0)
      reasons.push({ points: breakdown.funnel, text: this.funnelReason(feeders, accounts) });
    if (refunders.length >= 2) {
      const shown = refunders
        .slice(0, 3)
        .map((r) => `${p.accountId(r.node)}: ${r.refunded} of ${r.made}`)
        .join('; ');
      const share = Math.round(weights.refundMinShare * 100);
      const text = `${refunders.length} of ${n} accounts got at least ${share} % of their payments refunded (${shown}${refunders.length > 3 ? '; …' : ''}): refund abuse's pattern`;
      reasons.push({ points: breakdown.refunds, text });
    }
    if (welcome) {
      const [a, b] = members.map((node) => p.accountId(node));
      const text = `${a} and ${b} each paid exactly once: a welcome offer taken twice, one customer's second account`;
      reasons.push({ points: breakdown.welcome, text });
    }
    if (named.members.length > 0) {
      const k = named.members.length;
      const shown = named.mailboxes.slice(0, 3).join(', ') + (named.mailboxes.length > 3 ? ', …' : '');
      const text = `${k} of ${n} accounts carry one name in different mailboxes (${shown}): one person's accounts`;
      reasons.push({ points: breakdown.name, text });
    }
    if (sitting && sitting.members.length > windowedCount) {
      const days = Math.max(1, Math.ceil(sitting.days));
      const what = sitting.kind === 'address' ? `address ${sitting.key}` : `phone number ${sitting.key}`;
      const text =
        `${sitting.members.length} accounts opened long before each took device ${sitting.device} and ${what} in one ` +
        `sitting (within ${this.settings.takeover.sittingHours} hours), over ${days} ${days === 1 ? 'day' : 'days'}: ` +
        `a takeover's pattern, an intruder writing its own ${sitting.kind === 'address' ? 'drop address' : 'number'} into each account` +
        (takeovers.members > sitting.members.length
          ? `; ${takeovers.members - sitting.members.length} more first seen on a shared device within days`
          : '');
      reasons.push({ points: breakdown.takeover, text });
    } else if (takeovers.members > 0) {
      const days = Math.max(1, Math.ceil(takeovers.days));
      const span = `${days} ${days === 1 ? 'day' : 'days'}`;
      let text: string;
      if (takeovers.kind === 'device')
        text =
          `${windowedCount} accounts opened long before were first seen on device ${takeovers.key} within ${span} (a takeover's pattern)` +
          (takeovers.members > windowedCount
            ? `; ${takeovers.members - windowedCount} more taken in one sitting each`
            : '');
      else if (takeovers.handover)
        text = `${windowedCount} accounts opened long before each changed hands onto IP ${takeovers.key} (over ${span}): from one day on, none of the devices or networks they had used before was seen again, and a known-fraud account is among them — accounts sold, rented out or taken over by one operator`;
      else
        text = `${windowedCount} accounts opened long before were first seen on IP ${takeovers.key} within ${span}, a known-fraud account among them: an intruder's network (a takeover's or a rented account's pattern)`;
      reasons.push({ points: breakdown.takeover, text });
    }
    if (reentries.length > 0) {
      const r = reentries[0];
      const more = reentries.length > 1 ? ` (and ${reentries.length - 1} more)` : '';
      const text =
        `${r.member} took ${NOUNS[r.kind][0]} ${r.key} over from banned account ${r.fraud}: first seen ` +
        `${isoDay(r.memberFirst)}, ${r.fraud} last seen ${isoDay(r.fraudLast)}${more} (a successor account's pattern)`;
      reasons.push({ points: breakdown.reentry, text });
    }
    if (operated.length > 0) {
      const names = operated.slice(0, 3).map((node) => p.accountId(node));
      const who = `${names.join(', ')}${operated.length > 3 ? ', …' : ''}`;
      const together =
        oneOperator && livingTogether > 0
          ? `, ${operatedBurst!.members} of them opened within ${weights.burstWindowDays} days: one operator, not a household`
          : '';
      const text = `${operated.length} of ${n} accounts use no device but the ones they share (${who})${together}`;
      reasons.push({ points: breakdown.operated, text });
    }
    if (relays.length > 0) {
      const names = relays.slice(0, 3).map((node) => p.accountId(node));
      const who = `${names.join(', ')}${relays.length > 3 ? ', …' : ''}`;
      const text = timed
        ? relays.length === 1
          ? `1 member passes money on: pays other members what others paid it, within ${this.settings.forwarding.windowDays} days (${who})`
          : `${relays.length} members pass money on: pay other members what others paid them, within ${this.settings.forwarding.windowDays} days (${who})`
        : relays.length === 1
          ? `1 member passes money on: receives from and pays other members repeatedly (${who})`
          : `${relays.length} members pass money on: receive from and pay other members repeatedly (${who})`;
      reasons.push({ points: breakdown.relay, text });
    }
    if (payments.pairs > 0) {
      const verb = payments.count === 1 ? 'payment circulates' : 'payments circulate';
      const pairs = payments.pairs === 1 ? '1 payer→payee pair' : `${payments.pairs} payer→payee pairs`;
      const where = n === 2 ? 'between the pair' : 'inside the ring';
      const text = `${payments.count} ${verb} ${where} (${pairs}, total ${formatAmount(payments.total)})`;
      reasons.push({ points: breakdown.payments, text });
    }
    if (cycle) {
      const names = cycle.map((node) => p.accountId(node));
      const path = [...(names.length > 4 ? [...names.slice(0, 3), '…'] : names), names[0]].join(' → ');
      reasons.push({ points: breakdown.cycle, text: `Money goes round a loop of ${names.length} members (${path})` });
    }
    if (crossing) {
      const [first, second] = crossing;
      const times = (t: number) => (p.transferCount(t) === 1 ? 'once' : `${p.transferCount(t)} times`);
      const [a, b, c, d] = [
        p.transferPayer(first),
        p.transferPayee(first),
        p.transferPayer(second),
        p.transferPayee(second),
      ].map((node) => p.accountId(node));
      reasons.push({
        points: breakdown.crossing,
        text: `Money crosses between two sides that each share identifiers: ${a} paid ${b} ${times(first)}, and ${c} (tied to ${b}) paid ${d} (tied to ${a}) ${times(second)}`,
      });
    }
    if (breakdown.size > 0) reasons.push({ points: breakdown.size, text: `The ring links ${n} accounts` });
    if (relatives.length > 0 && !oneOperator) {
      const kin = relatives.flat();
      const boxes = family.mailboxes.filter((key) => kin.some((i) => emails[i]!.includes(key)));
      const shown = boxes.slice(0, 3).join(', ') + (boxes.length > 3 ? ', …' : '');
      const text =
        `${kin.length} of ${n} accounts carry one family name with different first names (${shown}): ` +
        `relatives, who share devices, cards and money (counted as living together)`;
      reasons.push({ points: 0, text });
    }
    if (roles) {
      const [a, b] = roles;
      const text =
        `${a.id} (${a.type}) and ${b.id} (${b.type}) are one person's accounts on two sides of the platform, with ` +
        `no money between them: not a duplicate account (points × ${round2(rolesFactor)})`;
      reasons.push({ points: 0, text });
    }
    reasons.sort((a, b) => b.points - a.points);
    const reasonPoints = reasons.map((r) => round2(r.points));
    const points = round2(reasonPoints.reduce((a, b) => a + b, 0));
    const score = Math.round(scoreFromPoints(points) * 10) / 10;

    const { evidence, truncated } = this.evidence(shared, transfers);
    return {
      kind: n === 2 ? 'pair' : 'ring',
      score,
      flagged: score >= this.settings.alertThreshold,
      reasons: reasons.map((r) => r.text),
      reasonPoints,
      evidence,
      evidenceTruncated: truncated,
      features: {
        size: n,
        internalEdges,
        density: n > 1 ? internalEdges / ((n * (n - 1)) / 2) : 0,
        internalWeight,
        sharedIdentifierCount: shared.length,
        sharedIdentifiers: shared.slice(0, LISTED_IDENTIFIERS).map((s) => ({
          kind: p.identifierKind(s.identifier),
          key: p.identifierKey(s.identifier),
          members: s.members.length,
          sharers: p.identifierSharers(s.identifier),
          points: Math.round(s.points * 100) / 100,
        })),
        byKind: kinds.byKind,
        exclusivity: kinds.exclusivity,
        knownFraud: people.knownFraud,
        legit: people.legit,
        creationSpreadDays: people.creationSpreadDays,
        burst: people.burst,
        internalPayments: payments,
        paymentCycle: cycle ? cycle.map((node) => p.accountId(node)) : null,
        fraudLinks: links.slice(0, LISTED_LINKS),
        scoreBreakdown: roundBreakdown(breakdown),
        points,
      },
    };
  }

  /**
   * The two accounts of a pair when they declare two different roles of settings.roleTypes and neither is known fraud
   * or banned (see ScoreWeights.twoRolesDiscount; the caller checks the money, association, successor and takeover conditions);
   * else null.
   */
  private twoRoles(
    members: readonly number[],
    accounts: ReadonlyMap<string, AccountInfo>,
  ): [AccountInfo, AccountInfo] | null {
    if (members.length !== 2 || this.settings.scoreWeights.twoRolesDiscount === 0 || this.roles.size < 2) return null;
    const [a, b] = members.map((m) => accounts.get(this.projection.accountId(m)));
    const [ra, rb] = [a?.type?.trim().toLowerCase(), b?.type?.trim().toLowerCase()];
    if (!a || !b || !ra || !rb || ra === rb || !this.roles.has(ra) || !this.roles.has(rb)) return null;
    for (const info of [a, b]) if (info.label === 'known_fraud' || isBanned(info, this.banned)) return null;
    return [a, b];
  }

  /** Per kind: identifiers, members reached and points; and the mean exclusivity over all shared identifiers. */
  private summariseKinds(shared: Shared[]): {
    byKind: RingFeatures['byKind'];
    points: Map<IdentifierKind, number>;
    exclusivity: number;
  } {
    const p = this.projection;
    const byKind = Object.fromEntries(
      IDENTIFIER_KINDS.map((k) => [k, { identifiers: 0, members: 0 }]),
    ) as RingFeatures['byKind'];
    const reached = new Map<IdentifierKind, Set<number>>();
    const points = new Map<IdentifierKind, number>();
    let exclusivity = 0;
    for (const s of shared) {
      const kind = p.identifierKind(s.identifier);
      byKind[kind].identifiers++;
      const set = reached.get(kind) ?? new Set<number>();
      s.members.forEach((m) => set.add(m));
      reached.set(kind, set);
      points.set(kind, (points.get(kind) ?? 0) + s.points);
      exclusivity += s.members.length / p.identifierSharers(s.identifier);
    }
    for (const [kind, set] of reached) byKind[kind].members = set.size;
    return { byKind, points, exclusivity: shared.length > 0 ? exclusivity / shared.length : 0 };
  }

  /** Identifiers used by ≥ 2 members, most points first; members of each sorted by account id. */
  private sharedIdentifiers(members: readonly number[], accounts: ReadonlyMap<string, AccountInfo>): Shared[] {
    const p = this.projection;
    const byIdentifier = new Map<number, number[]>();
    for (const node of members) {
      for (const identifier of p.identifiersOf(node)) {
        const list = byIdentifier.get(identifier);
        if (list) list.push(node);
        else byIdentifier.set(identifier, [node]);
      }
    }
    const weights = this.settings.scoreWeights;
    const shared: Shared[] = [];
    for (const [identifier, list] of byIdentifier) {
      if (list.length < 2 || p.isGeneric(identifier)) continue;
      list.sort((a, b) => compare(p.accountId(a), p.accountId(b)));
      const kind = p.identifierKind(identifier);
      const share = list.length / p.identifierSharers(identifier);
      const crowding = weights.crowdedKinds.includes(kind)
        ? Math.min(weights.crowdingCap, 1 + weights.crowdingStep * (list.length - 2))
        : 1;
      const spellings = kind === 'email' ? spelledApart(p.identifierKey(identifier), list, p, accounts) : undefined;
      const apart = spellings ? weights.spelledApartFactor : 1;
      shared.push({
        identifier,
        members: list,
        points: weights.identifierPoints[kind] * share * crowding * apart,
        ...(spellings && { spellings }),
      });
    }
    return shared.sort(
      (a, b) =>
        b.points - a.points ||
        b.members.length - a.members.length ||
        compare(p.identifierKind(a.identifier), p.identifierKind(b.identifier)) ||
        compare(p.identifierKey(a.identifier), p.identifierKey(b.identifier)),
    );
  }

  private internalEdges(members: readonly number[]): { internalEdges: number; internalWeight: number } {
    const { offsets, targets, weights } = this.projection.adjacency;
    let internalEdges = 0;
    let internalWeight = 0;
    for (const u of members) {
      for (let k = offsets[u]; k < offsets[u + 1]; k++) {
        if (targets[k] > u && this.marks.has(targets[k])) {
          internalEdges++;
          internalWeight += weights[k];
        }
      }
    }
    return { internalEdges, internalWeight };
  }

  /** Transfers whose payer and payee are both members, ordered by payer then payee id. */
  /** Members with refundMinPayments payments or more, at least refundMinShare of them refunded (in member order). */
  private refunders(members: readonly number[]): Array<{ node: number; made: number; refunded: number }> {
    const weights = this.settings.scoreWeights;
    const out: Array<{ node: number; made: number; refunded: number }> = [];
    for (const node of members) {
      const { made, refunded } = this.projection.refunds(node);
      if (made >= weights.refundMinPayments && refunded >= weights.refundMinShare * made)
        out.push({ node, made, refunded });
    }
    return out;
  }

  /** What the feeders of a funnel (funnelFeeders) are, in words: fed with known fraud, paid back, opened together, or regulars. */
  private funnelReason(
    feeders: { payee: number; payers: number[]; paidBack: number; fed: number; regulars: number; alsoPaid: number[] },
    accounts: ReadonlyMap<string, AccountInfo>,
  ): string {
    const p = this.projection;
    const { windowDays, paidBackMinShare, regularTransfers } = this.settings.funnel;
    const listed = (nodes: readonly number[]): string =>
      `${nodes
        .slice(0, 3)
        .map((node) => p.accountId(node))
        .join(', ')}${nodes.length > 3 ? ', …' : ''}`;
    const n = feeders.payers.length;
    const who = listed(feeders.payers);
    const payee = p.accountId(feeders.payee);
    const share = Math.round(paidBackMinShare * 100);
    if (feeders.fed > 0) {
      const known = feeders.payers.filter((node) => accounts.get(p.accountId(node))?.label === 'known_fraud');
      return (
        `${n} accounts pay ${payee} again and again, most of the money each of them pays (${who}), and ` +
        `${known.length} of them ${known.length === 1 ? 'is' : 'are'} known fraud (${listed(known)}): mules paying a collector`
      );
    }
    if (feeders.paidBack === n)
      return (
        `${n} accounts pay ${payee} again and again, and ${payee} pays each of them back for at least ${share} % of ` +
        `those payments (${who}); they pay nobody who does not pay them back the same way: made-up custom — bought ` +
        `reviews or ratings`
      );
    if (feeders.paidBack === 0) {
      // Regulars (funnels.ts regularLegs) may have been opened whenever and may pay two accounts: say so.
      const opened = feeders.payers
        .map((node) => Date.parse(accounts.get(p.accountId(node))?.createdAt ?? ''))
        .filter(Number.isFinite);
      const days = opened.length > 0 ? (Math.max(...opened) - Math.min(...opened)) / 86_400_000 : 0;
      if (feeders.alsoPaid.length === 0 && opened.length === n && days <= windowDays)
        return `${n} accounts opened within ${windowDays} days pay ${payee} and nobody else, again and again (${who}): they exist to feed one account`;
      const payees = [payee, ...feeders.alsoPaid.map((node) => p.accountId(node))].join(' and ');
      const within = Math.max(1, Math.ceil(days));
      const one = feeders.alsoPaid.length === 0;
      return (
        `${n} accounts pay ${payees} and nobody else, again and again (${who}); ${feeders.regulars} of them ` +
        `${regularTransfers} times or more, opened within ${within} day${within === 1 ? '' : 's'}: regulars of ${one ? 'one account' : 'these accounts'} ` +
        `alone, they exist to feed ${one ? 'it' : 'them'}`
      );
    }
    return (
      `${n} accounts pay ${payee} and nobody else, again and again (${who}): ${n - feeders.paidBack} opened within ` +
      `${windowDays} days, ${feeders.paidBack} paid back for at least ${share} % of those payments: they exist to feed one account`
    );
  }

  /**
   * Two crossing legs among `transfers` (crossed-transfers.ts): x → y and x' → y' with x' tied to y and y' tied to x
   * by a strong identifier, or null.
   */
  private crossing(transfers: readonly number[]): [number, number] | null {
    const p = this.projection;
    const legs = transfers.filter((t) => p.transferCrossed(t));
    const tied = (a: number, b: number) => strongTie(p, a, b, this.settings);
    for (const first of legs) {
      for (const second of legs) {
        if (second === first) continue;
        const [x, y, xPrime, yPrime] = [
          p.transferPayer(first),
          p.transferPayee(first),
          p.transferPayer(second),
          p.transferPayee(second),
        ];
        if (xPrime !== y && yPrime !== x && tied(xPrime, y) && tied(yPrime, x)) return [first, second];
      }
    }
    return null;
  }

  /**
   * The payee of the funnel legs among `transfers` with the most feeders (funnels.ts), and those feeders, sorted; the
   * other payees of their funnel legs (regulars of two accounts: funnels.ts regularLegs), and how many of them paid
   * those payees at least funnel.regularTransfers times in all.
   */
  private funnelFeeders(transfers: readonly number[]): {
    payee: number;
    payers: number[];
    paidBack: number;
    fed: number;
    regulars: number;
    alsoPaid: number[];
  } {
    const p = this.projection;
    const byPayee = new Map<number, number[]>();
    const paidBack = new Set<number>();
    const fed = new Set<number>();
    const funnel: number[] = [];
    for (const t of transfers) {
      if (!p.transferFunnel(t)) continue;
      funnel.push(t);
      if (p.transferPaidBack(t)) paidBack.add(t);
      if (p.transferFed(t)) fed.add(t);
      const list = byPayee.get(p.transferPayee(t));
      if (list) list.push(t);
      else byPayee.set(p.transferPayee(t), [t]);
    }
    let best = { payee: -1, legs: [] as number[] };
    for (const [payee, legs] of byPayee) if (legs.length > best.legs.length) best = { payee, legs };
    const payers = best.legs.map((t) => p.transferPayer(t)).sort((a, b) => compare(p.accountId(a), p.accountId(b)));
    const feeding = new Set(payers);
    const also = new Set<number>();
    const paid = new Map<number, number>();
    for (const t of funnel) {
      if (!feeding.has(p.transferPayer(t))) continue;
      if (p.transferPayee(t) !== best.payee) also.add(p.transferPayee(t));
      paid.set(p.transferPayer(t), (paid.get(p.transferPayer(t)) ?? 0) + p.transferCount(t));
    }
    const regular = this.settings.funnel.regularTransfers;
    return {
      payee: best.payee,
      payers,
      paidBack: best.legs.filter((t) => paidBack.has(t)).length,
      fed: best.legs.filter((t) => fed.has(t)).length,
      regulars: regular > 0 ? payers.filter((node) => paid.get(node)! >= regular).length : 0,
      alsoPaid: [...also].sort((a, b) => compare(p.accountId(a), p.accountId(b))),
    };
  }

  /**
   * The payer → payee pairs (account ids) whose payments the forwarding test needs for these members: the one-way
   * transfers into and out of each member that receives from and pays other members repeatedly. Empty when the test
   * is off.
   */
  forwardingPairs(members: readonly number[]): Array<[string, string]> {
    if (this.settings.forwarding.windowDays <= 0) return [];
    const p = this.projection;
    this.marks.mark(members);
    const onward = oneWayTransfers(p, this.internalTransfers(members));
    const candidates = new Set(relayMembers(p, members, onward));
    if (candidates.size === 0) return [];
    return onward
      .filter((t) => candidates.has(p.transferPayer(t)) || candidates.has(p.transferPayee(t)))
      .map((t) => [p.accountId(p.transferPayer(t)), p.accountId(p.transferPayee(t))]);
  }

  /** Gives the payments the pipeline read for forwardingPairs' pairs (every asked pair present, [] if none). */
  usePaymentEvents(events: PaymentEventMap): void {
    this.events = events;
  }

  /**
   * Of the members that receive from and pay other members repeatedly, those that forward what they receive
   * (forwarding.ts). Without payments read (the test off, or no lookup given) and for a member some of whose
   * transfers' payments were not read, the repeated flows alone count; `timed` says every one kept was tested.
   */
  private forwarders(candidates: number[], onward: readonly number[]): { relays: number[]; timed: boolean } {
    const events = this.events;
    if (candidates.length === 0 || events === null) return { relays: candidates, timed: false };
    const p = this.projection;
    let timed = true;
    const relays = candidates.filter((m) => {
      const flows = { ins: [] as MemberFlows['ins'][number][], outs: [] as MemberFlows['outs'][number][] };
      for (const t of onward) {
        const payer = p.transferPayer(t);
        const payee = p.transferPayee(t);
        if (payer !== m && payee !== m) continue;
        const list = events.get(pairKey(p.accountId(payer), p.accountId(payee)));
        if (list === undefined) {
          timed = false;
          return true;
        }
        if (payee === m) flows.ins.push({ from: p.accountId(payer), events: list });
        else flows.outs.push({ to: p.accountId(payee), events: list });
      }
      return passesMoneyOn(flows, this.settings.forwarding);
    });
    return { relays, timed: timed && relays.length > 0 };
  }

  private internalTransfers(members: readonly number[]): number[] {
    const p = this.projection;
    const found: number[] = [];
    for (const u of members) {
      for (const t of p.transfersOf(u)) {
        if (p.transferPayer(t) === u && this.marks.has(p.transferPayee(t))) found.push(t);
      }
    }
    const name = (t: number): string => `${p.accountId(p.transferPayer(t))}\u0000${p.accountId(p.transferPayee(t))}`;
    return found.sort((a, b) => compare(name(a), name(b)));
  }

  private identifierReason(kind: IdentifierKind, ofKind: Shared[]): string {
    const p = this.projection;
    const templated = ofKind.filter((s) => p.identifierKey(s.identifier).startsWith(TEMPLATE_PREFIX));
    if (templated.length > 0) {
      const plain = ofKind.filter((s) => !templated.includes(s));
      const accounts = new Set<number>();
      templated.forEach((s) => s.members.forEach((m) => accounts.add(m)));
      const shapes = templated.slice(0, 2).map((s) => templateShape(p.identifierKey(s.identifier)));
      const text = `${accounts.size} accounts use email addresses made from one template (${shapes.join(', ')})`;
      return plain.length > 0 ? `${text}; ${this.identifierReason(kind, plain)}` : text;
    }
    const apart = ofKind.filter((s) => s.spellings);
    if (apart.length > 0) {
      const rest = ofKind.filter((s) => !s.spellings);
      const s = apart[0]!;
      const ways = s.spellings!;
      const shown = ways.slice(0, 3).join(', ') + (ways.length > 3 ? ', …' : '');
      const more = apart.length > 1 ? ` (and ${apart.length - 1} more mailbox${apart.length > 2 ? 'es' : ''})` : '';
      const text = `${s.members.length} accounts use one mailbox, ${p.identifierKey(s.identifier)}, written ${ways.length} ways (${shown}): one person's accounts${more}`;
      return rest.length > 0 ? `${text}; ${this.identifierReason(kind, rest)}` : text;
    }
    const [one, many] = NOUNS[kind];
    if (ofKind.length === 1) {
      const s = ofKind[0];
      const outside = p.identifierSharers(s.identifier) - s.members.length;
      const tail =
        outside > 0 ? ` (also used by ${outside} ${outside === 1 ? 'account' : 'accounts'} outside the ring)` : '';
      const verb = kind === 'payment' ? 'use' : 'share';
      return `${s.members.length} accounts ${verb} ${one} ${p.identifierKey(s.identifier)}${tail}`;
    }
    const accounts = new Set<number>();
    ofKind.forEach((s) => s.members.forEach((m) => accounts.add(m)));
    const keys = ofKind.slice(0, 3).map((s) => p.identifierKey(s.identifier));
    const more = ofKind.length > 3 ? ', …' : '';
    const verb = kind === 'payment' ? 'used' : 'shared';
    return `${ofKind.length} ${many} are ${verb} across ${accounts.size} accounts (${keys.join(', ')}${more})`;
  }

  /**
   * A star per shared identifier (first member by id → each other member: k − 1 rows instead of k(k − 1)/2), most
   * points first, then internal transfers; at most maxEvidencePerRing rows, a quarter of them kept for transfers.
   */
  private evidence(shared: Shared[], transfers: number[]): { evidence: RingEvidence[]; truncated: boolean } {
    const p = this.projection;
    const cap = this.settings.maxEvidencePerRing;
    const identifierCap = cap - Math.min(transfers.length, Math.floor(cap / 4));
    const evidence: RingEvidence[] = [];
    let needed = 0;
    for (const s of shared) {
      const kind = p.identifierKind(s.identifier);
      const key = p.identifierKey(s.identifier);
      const anchor = p.accountId(s.members[0]);
      for (let i = 1; i < s.members.length; i++) {
        needed++;
        if (evidence.length < identifierCap) evidence.push({ a: anchor, b: p.accountId(s.members[i]), kind, key });
      }
    }
    for (const t of transfers) {
      needed++;
      if (evidence.length >= cap) continue;
      const a = p.accountId(p.transferPayer(t));
      const b = p.accountId(p.transferPayee(t));
      evidence.push({
        a,
        b,
        kind: 'transfer',
        key: `${a}->${b}`,
        count: p.transferCount(t),
        total: p.transferTotal(t),
      });
    }
    return { evidence, truncated: needed > evidence.length };
  }
}

/**
 * The distinct ways (lower case, sorted) the members using email `key` wrote it, when there are at least two; else
 * undefined. A member without a spelling on file wrote the key itself. Case alone does not count: people capitalise
 * their own address differently from one form to the next.
 */
function spelledApart(
  key: string,
  members: readonly number[],
  p: Projection,
  accounts: ReadonlyMap<string, AccountInfo>,
): string[] | undefined {
  let first: string | undefined;
  let ways: Set<string> | undefined;
  for (const node of members) {
    const way = (accounts.get(p.accountId(node))?.emailSpellings?.[key] ?? key).toLowerCase();
    if (first === undefined) first = way;
    else if (way !== first) (ways ??= new Set([first])).add(way);
  }
  return ways && [...ways].sort();
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function formatAmount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether accounts were all opened within `days` of each other (false when a creation date is unknown). */
function openedTogether(infos: ReadonlyArray<AccountInfo | undefined>, days: number): boolean {
  const times = infos.map((a) => (a?.createdAt ? Date.parse(a.createdAt) : NaN));
  if (times.some((t) => Number.isNaN(t))) return false;
  return Math.max(...times) - Math.min(...times) <= days * 86_400_000;
}

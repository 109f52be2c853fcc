/**
 * The terms of the ring score beyond shared identifiers (score.ts): guilt by association, co-residence, accounts run
 * from shared devices, pass-through money, takeovers, and the soft caps and the points→score mapping that keep the queue ordered.
 * Pure functions of one finding's rows of the projection.
 */
import type { AccountInfo, IdentifierKind } from './input.ts';
import type { Projection } from './projection-graph.ts';
import type { FraudLink, ScoreBreakdown } from './score.ts';
import type { DetectionSettings } from './settings.ts';
import { networkTakeover } from './networks.ts';
import { seenKey } from './reentry.ts';
import { lateOnDevice, sittingAt, takeoverOf } from './takeover.ts';
import { TEMPLATE_PREFIX, canonicalAddress } from './templates.ts';

/** A shared identifier and the finding's members using it. */
export interface SharedMembers {
  identifier: number;
  members: number[];
}

/**
 * A term capped softly: unchanged up to half its cap, then approaching the cap (slope 1 at the knee), so rings that
 * exceed a cap still differ instead of tying at it.
 */
export function softCap(x: number, cap: number): number {
  const knee = cap / 2;
  if (x <= knee || knee <= 0) return Math.min(x, Math.max(cap, 0));
  return cap - knee * Math.exp(-(x - knee) / knee);
}

/**
 * The 0–100 score of P points (the sum of the reason points): P itself up to 80, then 80 + 20 · (1 − e^(−(P − 80)/40)),
 * so the score never saturates at 100 and the queue keeps an order among the strongest rings.
 */
export function scoreFromPoints(points: number): number {
  if (points <= 80) return Math.max(0, points);
  return 80 + 20 * (1 - Math.exp(-(points - 80) / 40));
}

/** Two accounts opened the same fortnight is a weaker coincidence than three or more: half the points. */
export function coincidence(members: number): number {
  return members >= 3 ? 1 : 0.5;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function roundBreakdown(b: ScoreBreakdown): ScoreBreakdown {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, round2(v)])) as unknown as ScoreBreakdown;
}

/** `~template:mark.s#2:1@example.com` → `mark.s##@example.com`. */
export function templateShape(key: string): string {
  const body = key.slice(TEMPLATE_PREFIX.length);
  return body.replace(/#(\d+):\d+@/, (_m, width: string) => `${'#'.repeat(Number(width))}@`);
}

export function associationReason(links: readonly FraudLink[]): string {
  const noun: Record<IdentifierKind, string> = {
    device: 'device',
    payment: 'card',
    ip: 'IP',
    email: 'email address',
    phone: 'phone number',
    address: 'address',
  };
  const one = (l: FraudLink): string =>
    `${l.member} shares ${noun[l.kind]} ${l.key} with known-fraud account ${l.fraud}`;
  if (links.length === 1) return one(links[0]);
  const listed = links.slice(0, 2).map(one).join('; ');
  return `${links.length} members are tied to known-fraud accounts (${listed}${links.length > 2 ? '; …' : ''})`;
}
/**
 * Guilt by association (one hop, weighted by rarity): for each member not labelled known_fraud, its best tie by a
 * strong, non-generic identifier to an account labelled known_fraud, worth associationPoints / (k − 1) for an
 * identifier of k users. Ordered by points, then member id.
 */
export function fraudLinks(
  p: Projection,
  settings: DetectionSettings,
  members: readonly number[],
  accounts: ReadonlyMap<string, AccountInfo>,
): FraudLink[] {
  const perLink = settings.scoreWeights.associationPoints;
  if (perLink <= 0) return [];
  const links: FraudLink[] = [];
  for (const m of members) {
    const id = p.accountId(m);
    if (accounts.get(id)?.label === 'known_fraud') continue;
    let best: FraudLink | null = null;
    for (const i of p.identifiersOf(m)) {
      if (p.isGeneric(i) || !(settings.strongKinds.includes(p.identifierKind(i)) || p.isIntruderNetwork(i))) continue;
      const points = perLink / Math.max(1, p.identifierSharers(i) - 1);
      if (best && best.points > points) continue;
      // Ties go to the first identifier by kind and key, and to the first known-fraud account by id: the reason must
      // not depend on the order the input came in (incremental detection reads it in another order than a full run).
      const kind = p.identifierKind(i);
      const key = p.identifierKey(i);
      if (best && best.points === points && (compare(kind, best.kind) || compare(key, best.key)) >= 0) continue;
      let fraud: string | undefined;
      for (const f of p.membersOf(i)) {
        if (f === m) continue;
        const other = p.accountId(f);
        if (accounts.get(other)?.label === 'known_fraud' && (fraud === undefined || other < fraud)) fraud = other;
      }
      if (fraud !== undefined) best = { member: id, fraud, kind, key, points };
    }
    if (best) links.push(best);
  }
  return links.sort((a, b) => b.points - a.points || compare(a.member, b.member));
}

/** Address keys too widely shared to be projected (crowds), per projection. */
const crowdedAddresses = new WeakMap<Projection, ReadonlySet<string>>();

/**
 * The homes among the members: per place, the members (nodes) that live there, when at least two do. A place is an address however it is
 * written (templates.ts canonicalAddress, over the lookup's address keys and the projected ones); one where more than
 * `maxMembers` accounts live in all (every spelling's sharers, outsiders included; a crowd counts as too many) is not a
 * home but a drop address, and does not count.
 */
export function coResidentHomes(
  p: Projection,
  members: readonly number[],
  accounts: ReadonlyMap<string, AccountInfo>,
  maxMembers: number,
  dropAddresses?: ReadonlyMap<number, ReadonlySet<string>>,
): number[][] {
  let crowded = crowdedAddresses.get(p);
  if (!crowded) {
    crowded = new Set(p.crowds.filter((c) => c.kind === 'address').map((c) => c.key));
    crowdedAddresses.set(p, crowded);
  }
  // Per place: its members here, and per spelling how many of them wrote it.
  const places = new Map<string, { members: number[]; keys: Map<string, number> }>();
  const projectedSharers = new Map<string, number>();
  for (const m of members) {
    const own = new Set(accounts.get(p.accountId(m))?.addresses);
    for (const i of p.identifiersOf(m)) {
      if (p.identifierKind(i) !== 'address') continue;
      own.add(p.identifierKey(i));
      projectedSharers.set(p.identifierKey(i), p.identifierSharers(i));
    }
    // An address an intruder wrote into the account (sittingTakeovers) is no home of its owner's.
    for (const key of dropAddresses?.get(m) ?? []) own.delete(key);
    const counted = new Set<string>();
    for (const key of own) {
      const canonical = canonicalAddress(key);
      let place = places.get(canonical);
      if (!place) places.set(canonical, (place = { members: [], keys: new Map() }));
      place.keys.set(key, (place.keys.get(key) ?? 0) + 1);
      if (!counted.has(canonical)) {
        counted.add(canonical);
        place.members.push(m);
      }
    }
  }
  const homes: number[][] = [];
  for (const place of places.values()) {
    if (place.members.length < 2) continue;
    // Every spelling's sharers: the projected count, more than maxMembers for a crowd, else (a key nobody outside
    // uses is not projected) the members that wrote it.
    let all = 0;
    for (const [key, writers] of place.keys)
      all += crowded.has(key) ? maxMembers + 1 : Math.max(projectedSharers.get(key) ?? 0, writers);
    if (all <= maxMembers) homes.push(place.members);
  }
  return homes;
}

/** Members whose every device (AccountInfo.devices) is one they share with other members. */
export function operatedMembers(
  p: Projection,
  members: readonly number[],
  shared: readonly SharedMembers[],
  accounts: ReadonlyMap<string, AccountInfo>,
): number[] {
  const sharedDevices = new Map<number, number>();
  for (const s of shared) {
    if (p.identifierKind(s.identifier) !== 'device') continue;
    for (const m of s.members) sharedDevices.set(m, (sharedDevices.get(m) ?? 0) + 1);
  }
  return members.filter((m) => {
    const total = accounts.get(p.accountId(m))?.devices;
    const inside = sharedDevices.get(m) ?? 0;
    return total !== undefined && inside > 0 && inside >= total;
  });
}

/** Members that both receive from and pay to other members, at least twice each way. */
export function relayMembers(p: Projection, members: readonly number[], transfers: readonly number[]): number[] {
  const received = new Map<number, number>();
  const paid = new Map<number, number>();
  for (const t of transfers) {
    const payer = p.transferPayer(t);
    const payee = p.transferPayee(t);
    paid.set(payer, (paid.get(payer) ?? 0) + p.transferCount(t));
    received.set(payee, (received.get(payee) ?? 0) + p.transferCount(t));
  }
  return members.filter((m) => (paid.get(m) ?? 0) >= 2 && (received.get(m) ?? 0) >= 2);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Members on a shared device that turned up on them within days, long after they were opened (takeover.ts). */
export function takeoverMembers(
  p: Projection,
  shared: readonly SharedMembers[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): { nodes: number[]; days: number; key: string; kind: 'device' | 'ip'; handover: boolean } {
  const taken = new Set<number>();
  let first: { days: number; key: string; kind: 'device' | 'ip'; handover: boolean } | null = null;
  for (const s of shared) {
    const network = p.isIntruderNetwork(s.identifier);
    if (p.identifierKind(s.identifier) !== 'device' && !network) continue;
    const key = p.identifierKey(s.identifier);
    const infos = s.members.map((m) => accounts.get(p.accountId(m)));
    // An intruder's network (networks.ts) by its sightings or its sharers' fresh starts, a device by when each account
    // was first seen on it.
    const device = network ? null : takeoverOf(key, infos, settings.takeover);
    const found = network ? networkTakeover(key, infos, settings) : device && { ...device, handover: false };
    if (!found) continue;
    found.accounts.forEach((i) => taken.add(s.members[i]));
    first ??= { days: found.days, key, kind: network ? 'ip' : 'device', handover: found.handover };
  }
  return {
    nodes: [...taken],
    days: first?.days ?? 0,
    key: first?.key ?? '',
    kind: first?.kind ?? 'device',
    handover: first?.handover ?? false,
  };
}

/** Members taken over in one sitting each (sittingTakeovers), and what the intruder wrote into their accounts. */
export interface SittingTakeover {
  /** The members (nodes). */
  members: number[];
  /** Per member, the address keys it took in its sitting: a drop address, not a home. */
  dropAddresses: Map<number, Set<string>>;
  /** The first device and the identifier taken with it (kind and key), for the reason. */
  device: string;
  kind: 'address' | 'phone';
  key: string;
  /** Days between the first and the last sitting. */
  days: number;
}

/**
 * Members that each took a shared address or phone number in one sitting with a device they share with another
 * member — both first seen on the account within `takeover.sittingHours` of each other, `takeover.establishedDays` or
 * more after it was opened (takeover.ts sittingAt) — at least `takeover.minAccounts` of them on one address or phone:
 * an intruder logging into its victims' accounts one after another, from one or two browsers, and writing its drop
 * address, or its own phone number to lock the owner out, into each. Unlike takeover.ts's window the sittings may
 * lie weeks apart; each account's own sitting is the evidence. Needs the members' sightings of the address or phone
 * (AccountInfo.identifierSeen) and deviceFirstSeen.
 */
export function sittingTakeovers(
  p: Projection,
  shared: readonly SharedMembers[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): SittingTakeover | null {
  const { sittingHours, minAccounts } = settings.takeover;
  if (!(sittingHours > 0)) return null;
  // Per member, the devices it shares with another member.
  const devicesOf = new Map<number, string[]>();
  for (const s of shared) {
    if (p.identifierKind(s.identifier) !== 'device') continue;
    const key = p.identifierKey(s.identifier);
    for (const m of s.members) {
      const keys = devicesOf.get(m);
      if (keys) keys.push(key);
      else devicesOf.set(m, [key]);
    }
  }
  if (devicesOf.size < minAccounts) return null;
  const taken = new Set<number>();
  const dropAddresses = new Map<number, Set<string>>();
  let first: Omit<SittingTakeover, 'members' | 'dropAddresses'> | null = null;
  for (const x of shared) {
    const kind = p.identifierKind(x.identifier);
    if ((kind !== 'address' && kind !== 'phone') || x.members.length < minAccounts) continue;
    const key = p.identifierKey(x.identifier);
    const id = seenKey(kind, key);
    const sittings: Array<{ member: number; at: number; device: string }> = [];
    for (const m of x.members) {
      const info = accounts.get(p.accountId(m));
      for (const device of devicesOf.get(m) ?? []) {
        const at = sittingAt(info, device, id, settings.takeover);
        if (Number.isFinite(at)) {
          sittings.push({ member: m, at, device });
          break;
        }
      }
    }
    if (sittings.length < minAccounts) continue;
    for (const { member } of sittings) {
      taken.add(member);
      if (kind === 'address') {
        let keys = dropAddresses.get(member);
        if (!keys) dropAddresses.set(member, (keys = new Set()));
        keys.add(key);
      }
    }
    if (!first) {
      const times = sittings.map((s) => s.at);
      first = { device: sittings[0].device, kind, key, days: (Math.max(...times) - Math.min(...times)) / 86_400_000 };
    }
  }
  if (!first) return null;
  return { members: [...taken].sort((a, b) => a - b), dropAddresses, ...first };
}

/**
 * The members whose sightings sittingTakeovers needs before they are known: of each address or phone number shared by
 * at least `takeover.minAccounts` of them, its sharers that turned up, `takeover.establishedDays` or more after they
 * were opened, on a device they share with another member (deviceFirstSeen) — when there are that many. Only they can
 * have taken it in one sitting. A database run asks for their sightings (pipeline.ts).
 */
export function sittingSightingMembers(
  p: Projection,
  members: readonly number[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): number[] {
  const { sittingHours, establishedDays, minAccounts } = settings.takeover;
  if (!(sittingHours > 0) || members.length < minAccounts) return [];
  const sharers = new Map<number, number[]>();
  for (const m of members)
    for (const i of p.identifiersOf(m)) {
      const kind = p.identifierKind(i);
      if ((kind !== 'device' && kind !== 'address' && kind !== 'phone') || p.isGeneric(i)) continue;
      const list = sharers.get(i);
      if (list) list.push(m);
      else sharers.set(i, [m]);
    }
  const late = new Set<number>();
  for (const [i, list] of sharers) {
    if (p.identifierKind(i) !== 'device' || list.length < 2) continue;
    const key = p.identifierKey(i);
    for (const m of list) if (lateOnDevice(accounts.get(p.accountId(m)), key, establishedDays)) late.add(m);
  }
  if (late.size < minAccounts) return [];
  const wanted = new Set<number>();
  for (const [i, list] of sharers) {
    if (p.identifierKind(i) === 'device' || list.length < minAccounts) continue;
    const candidates = list.filter((m) => late.has(m));
    if (candidates.length >= minAccounts) for (const m of candidates) wanted.add(m);
  }
  return [...wanted].sort((a, b) => a - b);
}

/** The transfers (among `transfers`) whose payee does not also pay the payer among them: money not settled back. */
export function oneWayTransfers(p: Projection, transfers: readonly number[]): number[] {
  const pairs = new Set(transfers.map((t) => `${p.transferPayer(t)}>${p.transferPayee(t)}`));
  return transfers.filter((t) => !pairs.has(`${p.transferPayee(t)}>${p.transferPayer(t)}`));
}

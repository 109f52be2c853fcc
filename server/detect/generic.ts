/**
 * Generic identifiers, recognised from the data: the default fingerprint of a popular phone model or browser build,
 * an office's shared card reader — shared by many accounts that have nothing else in common. Below the crowd
 * threshold they would otherwise join strangers into one "ring".
 *
 * Test (see `DetectionSettings.genericKinds` and after): an identifier of a genericKinds kind (devices) used by k ≥
 * genericMinSharers projected accounts is generic when
 *   1. its sharers are not tied by anything else: they fall into c groups when joined by their other strong
 *      identifiers, by IPs and addresses used by ≤ genericTieMaxSharers accounts, and by transfers between them, and
 *      the cohesion 1 − (c − 1)/(k − 1) is below genericMaxCohesion (sleepers share a card as well as the device:
 *      cohesion 1; 25 strangers with two couples among them: ≈ 0.1); and
 *   2. they are not operated from it: fewer than a quarter of them use no other device, or fewer than half do and
 *      they were not opened together (fewer than half within genericWindowDays of each other).
 * A farm whose accounts share nothing but one device and a proxy yet were opened within weeks stays a ring; the
 * office PC or library kiosk that a handful of strangers used over a year or two does not. Nor is a device generic
 * when it turned up on most of its sharers within days, long after they were opened: an intruder's (takeover.ts); nor
 * when at least takeover.minAccounts of its sharers each took one address or phone number in one sitting with it,
 * long after they were opened, however far apart the sittings (sittingOn: an intruder writing its drop address into
 * every victim's account).
 */
import type { AccountInfo } from './input.ts';
import type { Projection } from './projection-graph.ts';
import { summariseMembers } from './ring-signals.ts';
import type { DetectionSettings } from './settings.ts';
import { seenKey } from './reentry.ts';
import { lateOnDevice, sittingAt, takeoverOf } from './takeover.ts';

/** Identifiers (indices) worth testing, ascending: a genericKinds kind, at least genericMinSharers projected members. */
export function genericCandidates(projection: Projection, settings: DetectionSettings): number[] {
  const out: number[] = [];
  for (let i = 0; i < projection.identifierCount; i++) {
    if (!settings.genericKinds.includes(projection.identifierKind(i)) || projection.isGeneric(i)) continue;
    if (projection.membersOf(i).length >= settings.genericMinSharers) out.push(i);
  }
  return out;
}

/** Accounts whose creation date and country the test needs (the sharers of the candidates), sorted. */
export function genericLookupIds(projection: Projection, candidates: readonly number[]): string[] {
  const ids = new Set<string>();
  for (const i of candidates) for (const node of projection.membersOf(i)) ids.add(projection.accountId(node));
  return [...ids].sort();
}

export interface GenericVerdict {
  identifier: number;
  sharers: number;
  groups: number;
  cohesion: number;
  burstShare: number;
  countries: number;
  /** Share of the sharers whose every device is shared (null when device counts are unknown). */
  dedicated: number | null;
  /**
   * Most sharers were first seen on it within days, long after they were opened (takeover.ts), or some took one
   * address or phone in one sitting with it (sittingOn): never generic.
   */
  takeover: boolean;
  generic: boolean;
}

/**
 * Share of `members` that use no device of their own: every device they use (AccountInfo.devices) is a projected,
 * shared one. Null when the counts are unknown for most of them.
 */
export function dedicatedShare(
  projection: Projection,
  members: ArrayLike<number>,
  infos: ReadonlyArray<AccountInfo | undefined>,
): number | null {
  let known = 0;
  let dedicated = 0;
  for (let i = 0; i < members.length; i++) {
    const total = infos[i]?.devices;
    if (total === undefined) continue;
    known++;
    let shared = 0;
    for (const id of projection.identifiersOf(members[i])) if (projection.identifierKind(id) === 'device') shared++;
    if (shared >= total) dedicated++;
  }
  return known * 2 >= members.length && known > 0 ? dedicated / known : null;
}

/** Tests one candidate identifier. */
export function judgeIdentifier(
  projection: Projection,
  identifier: number,
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): GenericVerdict {
  const members = projection.membersOf(identifier);
  const k = members.length;
  const local = new Map<number, number>();
  members.forEach((node, i) => local.set(node, i));
  const parent = Int32Array.from({ length: k }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  let groups = k;
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
    groups--;
  };
  members.forEach((node, i) => {
    for (const other of projection.identifiersOf(node)) {
      if (other === identifier || projection.isGeneric(other)) continue;
      // Another strong identifier ties its sharers; an IP or an address only when hardly anyone else uses it (the
      // office PC's users all sit behind the office IP, which says nothing about who they are).
      const strong = settings.strongKinds.includes(projection.identifierKind(other));
      if (!strong && projection.identifierSharers(other) > settings.genericTieMaxSharers) continue;
      for (const peer of projection.membersOf(other)) {
        const j = local.get(peer);
        if (j !== undefined && j !== i) union(i, j);
      }
    }
    for (const t of projection.transfersOf(node)) {
      const peer = projection.transferPayer(t) === node ? projection.transferPayee(t) : projection.transferPayer(t);
      const j = local.get(peer);
      if (j !== undefined) union(i, j);
    }
  });
  const cohesion = k > 1 ? 1 - (groups - 1) / (k - 1) : 1;
  const infos = Array.from(members, (node) => accounts.get(projection.accountId(node)));
  const people = summariseMembers(infos, settings.genericWindowDays);
  const burstShare = people.burst ? people.burst.members / k : 0;
  const countries = new Set(infos.flatMap((info) => (info?.country ? [info.country] : []))).size;
  // Countries are reported but not used: the catalogue's rings (and real ones, behind proxies) span as many
  // countries as strangers do, so country spread told them apart from nothing (docs/quality.md).
  const apart = burstShare < 0.5;
  const dedicated =
    projection.identifierKind(identifier) === 'device' ? dedicatedShare(projection, members, infos) : null;
  // Accounts whose only device is this one are operated from it (a controller, a farm); people at a kiosk or with a
  // popular phone have devices of their own.
  const ownDevices = dedicated === null ? apart : dedicated < 0.25 || (apart && dedicated < 0.5);
  const takeover =
    projection.identifierKind(identifier) === 'device' &&
    (takeoverOf(projection.identifierKey(identifier), infos, settings.takeover) !== null ||
      sittingOn(projection, identifier, accounts, settings));
  return {
    identifier,
    sharers: k,
    groups,
    cohesion,
    burstShare,
    countries,
    dedicated,
    takeover,
    generic: cohesion < settings.genericMaxCohesion && ownDevices && !takeover,
  };
}

/**
 * Whether at least takeover.minAccounts sharers of device `identifier` each took one address or phone number (a
 * projected identifier they share) in one sitting with the device (takeover.ts sittingAt). Needs their sightings.
 */
export function sittingOn(
  projection: Projection,
  identifier: number,
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): boolean {
  const { minAccounts, sittingHours } = settings.takeover;
  if (!(sittingHours > 0)) return false;
  const device = projection.identifierKey(identifier);
  for (const [other, sharers] of writtenTogether(projection, identifier, minAccounts)) {
    const id = seenKey(projection.identifierKind(other), projection.identifierKey(other));
    let sat = 0;
    for (const node of sharers)
      if (Number.isFinite(sittingAt(accounts.get(projection.accountId(node)), device, id, settings.takeover))) sat++;
    if (sat >= minAccounts) return true;
  }
  return false;
}

/** Addresses and phone numbers (identifier → the device's sharers using it) shared by `min` or more of its sharers. */
function writtenTogether(projection: Projection, device: number, min: number): Map<number, number[]> {
  const by = new Map<number, number[]>();
  for (const node of projection.membersOf(device))
    for (const other of projection.identifiersOf(node)) {
      const kind = projection.identifierKind(other);
      if (kind !== 'address' && kind !== 'phone') continue;
      const list = by.get(other);
      if (list) list.push(node);
      else by.set(other, [node]);
    }
  for (const [other, list] of by) if (list.length < min) by.delete(other);
  return by;
}

/**
 * The sharers whose sightings sittingOn needs, sorted: of each device candidate with at least takeover.minAccounts
 * sharers that turned up on it long after they were opened (deviceFirstSeen, from `accounts`) and share an address or
 * phone number with as many, those sharers.
 */
export function sittingLookupIds(
  projection: Projection,
  candidates: readonly number[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): string[] {
  const { minAccounts, sittingHours, establishedDays } = settings.takeover;
  if (!(sittingHours > 0)) return [];
  const ids = new Set<string>();
  for (const i of candidates) {
    if (projection.identifierKind(i) !== 'device') continue;
    const key = projection.identifierKey(i);
    const late = (node: number) => lateOnDevice(accounts.get(projection.accountId(node)), key, establishedDays);
    for (const sharers of writtenTogether(projection, i, minAccounts).values()) {
      const wanted = sharers.filter(late);
      if (wanted.length >= minAccounts) for (const node of wanted) ids.add(projection.accountId(node));
    }
  }
  return [...ids].sort();
}

/** Tests every candidate, marks the generic ones on the projection and lists them in `projection.excluded`. */
export function markGenericIdentifiers(
  projection: Projection,
  candidates: readonly number[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): number {
  let marked = 0;
  for (const identifier of candidates) {
    if (!judgeIdentifier(projection, identifier, accounts, settings).generic) continue;
    projection.generic[identifier] = 1;
    projection.excluded.push({
      kind: projection.identifierKind(identifier),
      key: projection.identifierKey(identifier),
      sharers: projection.identifierSharers(identifier),
      reason: 'generic',
    });
    marked++;
  }
  return marked;
}

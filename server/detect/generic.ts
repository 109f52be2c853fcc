/**
 * Generic identifiers, recognised from the data: the default fingerprint of a popular phone model or browser build,
 * an office's shared card reader — shared by many accounts that have nothing else in common. Below the crowd
 * threshold they would otherwise join strangers into one "ring".
 *
 * Test (see `DetectionSettings.genericMinSharers` and after): an identifier of a strong kind used by k ≥
 * genericMinSharers projected accounts is generic when
 *   1. its sharers are not tied by anything else: they fall into c groups when joined by their other rare identifiers
 *      (used by ≤ genericTieMaxSharers accounts) and transfers between them, and the cohesion 1 − (c − 1)/(k − 1) is
 *      below genericMaxCohesion (a device farm's accounts also share proxies, chained devices, cards: cohesion ≈ 1;
 *      25 strangers with two couples among them: ≈ 0.1); and
 *   2. they were not opened together — fewer than half of them within burstWindowDays of each other — or they come
 *      from at least genericMinCountries countries.
 * A farm whose accounts share nothing but one device yet were opened in a burst stays a ring.
 */
import type { AccountInfo } from './input.ts';
import type { Projection } from './projection-graph.ts';
import { summariseMembers } from './ring-signals.ts';
import type { DetectionSettings } from './settings.ts';

/** Identifiers (indices) worth testing, ascending: strong kind, at least genericMinSharers projected members. */
export function genericCandidates(projection: Projection, settings: DetectionSettings): number[] {
  const out: number[] = [];
  for (let i = 0; i < projection.identifierCount; i++) {
    if (!settings.strongKinds.includes(projection.identifierKind(i))) continue;
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
  generic: boolean;
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
      if (other === identifier || projection.identifierSharers(other) > settings.genericTieMaxSharers) continue;
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
  const people = summariseMembers(infos, settings.scoreWeights.burstWindowDays);
  const burstShare = people.burst ? people.burst.members / k : 0;
  const countries = new Set(infos.flatMap((info) => (info?.country ? [info.country] : []))).size;
  const apart = burstShare < 0.5 || countries >= settings.genericMinCountries;
  return {
    identifier,
    sharers: k,
    groups,
    cohesion,
    burstShare,
    countries,
    generic: cohesion < settings.genericMaxCohesion && apart,
  };
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

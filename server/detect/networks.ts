/**
 * Intruders' networks: an IP address that turned up on several long-standing accounts within weeks of each other —
 * most of the accounts that ever used it — one of them known fraud. A buyer of rented or stolen accounts, a takeover
 * crew, an insider's friends betting on a fixed match work from their own network: the accounts were opened over
 * months or years by different people, and then, together, start to come from one address. People do that too (a
 * family moves, flatmates get a new line), but not with a fraudster among them; the known-fraud member is what makes
 * the shared network a tie worth following.
 *
 * Such an IP is a strong tie (partition.ts isStrongIdentifier) among its users, and its takeover is scored like a
 * device's (score-terms.ts takeoverMembers). It is marked on the projection in the array of generic marks, with its
 * own value (INTRUDER_MARK), so worker threads (shared-projection.ts) see it too.
 *
 * The test is takeover.ts's, on each sharer's first sighting of the IP (AccountInfo.identifierSeen), with
 * `networkTakeover.windowDays`, `.minAccounts` and `.minShare` (1 by default: every account that ever used the IP
 * started on it within the window, long after it was opened, so an IP does not tie a crew to the one outsider who
 * also passed through it) and the device test's `establishedDays`. Only IPs with a known-fraud sharer are looked at, so the lookup stays small.
 */
import type { AccountInfo } from './input.ts';
import type { Projection } from './projection-graph.ts';
import { seenKey } from './reentry.ts';
import type { DetectionSettings } from './settings.ts';
import { takeoverOf, type TakeoverOptions } from './takeover.ts';

/** Value of Projection.generic for an intruder's network (1 is generic). */
export const INTRUDER_MARK = 2;

/** When the account was first seen on IP `key` (its sightings), if known. */
export function ipFirstSeen(info: AccountInfo | undefined, key: string): string | undefined {
  return info?.identifierSeen?.[seenKey('ip', key)]?.[0];
}

/** The takeover test's options for an IP. */
export function networkOptions(settings: DetectionSettings): TakeoverOptions {
  return {
    windowDays: settings.networkTakeover.windowDays,
    minAccounts: settings.networkTakeover.minAccounts,
    minShare: settings.networkTakeover.minShare,
    establishedDays: settings.takeover.establishedDays,
  };
}

/** Projected IPs (neither generic nor otherwise marked) with at least minAccounts sharers, one of them in `fraud`. */
export function networkCandidates(
  projection: Projection,
  fraud: ReadonlySet<string>,
  settings: DetectionSettings,
): number[] {
  const min = settings.networkTakeover.minAccounts;
  if (min < 2 || fraud.size === 0) return [];
  const out: number[] = [];
  for (let i = 0; i < projection.identifierCount; i++) {
    if (projection.identifierKind(i) !== 'ip' || projection.generic[i] !== 0) continue;
    const members = projection.membersOf(i);
    if (members.length < min) continue;
    if (members.some((node) => fraud.has(projection.accountId(node)))) out.push(i);
  }
  return out;
}

/** The sharers of the candidates, sorted: whose labels, creation dates and sightings the test needs. */
export function networkLookupIds(projection: Projection, candidates: readonly number[]): string[] {
  const ids = new Set<string>();
  for (const i of candidates) for (const node of projection.membersOf(i)) ids.add(projection.accountId(node));
  return [...ids].sort();
}

/**
 * Marks the candidates that are an intruder's network: the takeover test holds on the sharers' first sightings of the
 * IP and a known-fraud account is among the accounts it took over. Returns how many.
 */
export function markIntruderNetworks(
  projection: Projection,
  candidates: readonly number[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): number {
  const options = networkOptions(settings);
  let marked = 0;
  for (const i of candidates) {
    const infos = Array.from(projection.membersOf(i), (node) => accounts.get(projection.accountId(node)));
    const found = takeoverOf(projection.identifierKey(i), infos, options, ipFirstSeen);
    if (!found || !found.accounts.some((k) => infos[k]?.label === 'known_fraud')) continue;
    projection.generic[i] = INTRUDER_MARK;
    marked++;
  }
  return marked;
}

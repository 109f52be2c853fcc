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
 *
 * Handovers (`networkTakeover.handoverMinAccounts`, 2 by default; 0 turns them off): a buyer takes the accounts it
 * bought or rented over one by one, over weeks, so their first sightings on its network fall further apart than the
 * window. What marks them instead is that each account changed hands whole: from some day on, long after it was
 * opened, it used none of the devices and networks it had used before (AccountInfo.freshStarts), and the IP is among
 * what it used from then on. A family that moves house keeps its phones; a person who replaces a phone keeps the home
 * line. The same share of the sharers (`minShare`) and a known-fraud account among them are asked for.
 */
import type { AccountInfo } from './input.ts';
import type { Projection } from './projection-graph.ts';
import { seenKey } from './reentry.ts';
import type { DetectionSettings } from './settings.ts';
import { handoverOf, takeoverOf, type Takeover, type TakeoverOptions } from './takeover.ts';

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

/** The fewest sharers either test (the window's, the handover's) looks at; Infinity when both are off. */
export function networkMinAccounts(settings: DetectionSettings): number {
  const { minAccounts, handoverMinAccounts } = settings.networkTakeover;
  return Math.min(minAccounts >= 2 ? minAccounts : Infinity, handoverMinAccounts >= 2 ? handoverMinAccounts : Infinity);
}

/**
 * The accounts an IP took over, if any: first seen on it within the window (takeoverOf), or else each changed hands
 * onto it (takeover.ts handoverOf: a fresh start at or before its first sighting on the IP, however far apart).
 */
export function networkTakeover(
  key: string,
  infos: ReadonlyArray<AccountInfo | undefined>,
  settings: DetectionSettings,
  accept: (found: Takeover) => boolean = () => true,
): (Takeover & { handover: boolean }) | null {
  const { minAccounts, handoverMinAccounts, minShare } = settings.networkTakeover;
  const windowed = minAccounts >= 2 ? takeoverOf(key, infos, networkOptions(settings), ipFirstSeen) : null;
  if (windowed && accept(windowed)) return { ...windowed, handover: false };
  if (!(handoverMinAccounts >= 2)) return null;
  const options = { establishedDays: settings.takeover.establishedDays, minShare, minAccounts: handoverMinAccounts };
  const handed = handoverOf(key, infos, options, ipFirstSeen);
  return handed && accept(handed) ? { ...handed, handover: true } : null;
}

/** Projected IPs (neither generic nor otherwise marked) with enough sharers for a test, one of them in `fraud`. */
export function networkCandidates(
  projection: Projection,
  fraud: ReadonlySet<string>,
  settings: DetectionSettings,
): number[] {
  const min = networkMinAccounts(settings);
  if (!Number.isFinite(min) || fraud.size === 0) return [];
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
 * IP, or each of them changed hands onto it (networkTakeover), and a known-fraud account is among the accounts it
 * took over. Returns how many.
 */
export function markIntruderNetworks(
  projection: Projection,
  candidates: readonly number[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
): number {
  let marked = 0;
  for (const i of candidates) {
    const infos = Array.from(projection.membersOf(i), (node) => accounts.get(projection.accountId(node)));
    const withFraud = (found: Takeover) => found.accounts.some((k) => infos[k]?.label === 'known_fraud');
    if (!networkTakeover(projection.identifierKey(i), infos, settings, withFraud)) continue;
    projection.generic[i] = INTRUDER_MARK;
    marked++;
  }
  return marked;
}

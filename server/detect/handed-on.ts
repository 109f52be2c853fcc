/**
 * Handed-on identifiers: a phone sold second hand, a number the carrier gave to a new subscriber, a card passed to
 * its next holder. Two accounts that used one device or number **one after the other** — the first stopped, weeks
 * went by, the second started — and share nothing else are its successive owners, not one operator's accounts. Left
 * in, such a tie joins two unrelated households into one "ring" (the second-hand phone between two families, each
 * with its shared card and address, and a few payments around them), which then scores on the device it never shared.
 *
 * Test (settings.handedOn): an identifier of a `handedOn.kinds` kind used by exactly two accounts, which share no
 * other projected identifier, is handed on when both accounts' sightings on it are known and
 *   1. the later one's first sighting comes at least `handedOn.gapDays` after the earlier one's last: a change of
 *      hands, not use side by side (a farm's accounts, sleepers that share a card briefly, overlap in time);
 *   2. at least one of the two used it over a stretch of time (first and last sighting a day or more apart): two
 *      single sightings weeks apart say nothing about who held it (a chain's accounts, each seen once at sign-up);
 *   3. neither account is known fraud or banned (settings.bannedStatuses): a banned account's successor taking its
 *      phone over is re-entry (reentry.ts), and a tie to known fraud is evidence whatever the dates.
 * A handed-on identifier is left out like a generic one (no part, no points) and listed in the run with reason
 * `handed-on`. Without sightings (AccountInfo.identifierSeen) nothing is handed on. Pure, like the rest of detect/.
 */
import { isBanned } from './banned.ts';
import type { AccountInfo } from './input.ts';
import type { Projection } from './projection-graph.ts';
import { seenKey } from './reentry.ts';
import type { DetectionSettings } from './settings.ts';

const DAY_MS = 86_400_000;

/**
 * Identifiers (indices, ascending) worth testing: a handedOn kind, not already left out, used by exactly two accounts
 * (both projected) that share no other projected identifier.
 */
export function handedOnCandidates(projection: Projection, settings: DetectionSettings): number[] {
  const kinds = settings.handedOn.kinds;
  if (kinds.length === 0) return [];
  const out: number[] = [];
  for (let i = 0; i < projection.identifierCount; i++) {
    if (projection.isGeneric(i) || !kinds.includes(projection.identifierKind(i))) continue;
    const members = projection.membersOf(i);
    if (members.length !== 2 || projection.identifierSharers(i) !== 2) continue;
    const common = projection.commonIdentifiers(members[0], members[1]);
    if (common.every((other) => other === i || projection.isGeneric(other))) out.push(i);
  }
  return out;
}

/** Accounts whose labels, statuses and sightings the test needs (the sharers of the candidates), sorted. */
export function handedOnLookupIds(projection: Projection, candidates: readonly number[]): string[] {
  const ids = new Set<string>();
  for (const i of candidates) for (const node of projection.membersOf(i)) ids.add(projection.accountId(node));
  return [...ids].sort();
}

export interface HandedOn {
  identifier: number;
  /** The earlier and the later holder (account ids). */
  from: string;
  to: string;
  /** Days between the earlier holder's last sighting and the later one's first. */
  gapDays: number;
}

function sighting(info: AccountInfo, key: string): [number, number] | null {
  const seen = info.identifierSeen?.[key];
  if (!seen) return null;
  const first = Date.parse(seen[0]);
  const last = Date.parse(seen[1]);
  return Number.isFinite(first) && Number.isFinite(last) && first <= last ? [first, last] : null;
}

/** Whether the candidate identifier changed hands between its two accounts; null when it did not (or cannot tell). */
export function handedOnVerdict(
  projection: Projection,
  identifier: number,
  accounts: ReadonlyMap<string, AccountInfo>,
  banned: ReadonlySet<string>,
  settings: DetectionSettings,
): HandedOn | null {
  const members = projection.membersOf(identifier);
  if (members.length !== 2) return null;
  const infos = Array.from(members, (node) => accounts.get(projection.accountId(node)));
  if (infos.some((info) => !info || info.label === 'known_fraud' || isBanned(info, banned))) return null;
  const key = seenKey(projection.identifierKind(identifier), projection.identifierKey(identifier));
  const [a, b] = infos as [AccountInfo, AccountInfo];
  const sa = sighting(a, key);
  const sb = sighting(b, key);
  if (!sa || !sb || sa[0] === sb[0]) return null;
  const [[earlier, e], [later, l]] =
    sa[0] < sb[0]
      ? [
          [a, sa],
          [b, sb],
        ]
      : [
          [b, sb],
          [a, sa],
        ];
  const gap = l[0] - e[1];
  if (gap < settings.handedOn.gapDays * DAY_MS) return null;
  if (e[1] - e[0] < DAY_MS && l[1] - l[0] < DAY_MS) return null;
  return { identifier, from: earlier.id, to: later.id, gapDays: Math.floor(gap / DAY_MS) };
}

/** Tests every candidate, marks the handed-on ones on the projection and lists them in `projection.excluded`. */
export function markHandedOnIdentifiers(
  projection: Projection,
  candidates: readonly number[],
  accounts: ReadonlyMap<string, AccountInfo>,
  banned: ReadonlySet<string>,
  settings: DetectionSettings,
): number {
  let marked = 0;
  for (const identifier of candidates) {
    if (!handedOnVerdict(projection, identifier, accounts, banned, settings)) continue;
    projection.generic[identifier] = 1;
    projection.excluded.push({
      kind: projection.identifierKind(identifier),
      key: projection.identifierKey(identifier),
      sharers: projection.identifierSharers(identifier),
      reason: 'handed-on',
    });
    marked++;
  }
  return marked;
}

/**
 * Re-entry: a banned account's successor. A person thrown out of a platform opens a new account and goes on using
 * what they used before — the home IP, the address, the phone number — often nothing else. Such a tie is weak on its
 * own (a household shares a home IP too), and what tells the two apart is time and the ban:
 *
 * - only an account the platform shut (its status is one of settings.bannedStatuses) has a successor; a member of a
 *   household with a chargeback on file is still on the platform, and the others live alongside it;
 *
 * - people who live together use the home IP, the tablet or the address side by side, for months at a time;
 * - a successor takes the identifier over: it starts using it late in the old account's use of it or after it
 *   stopped, and the old account was opened first.
 *
 * For an identifier both accounts were seen on over a stretch of time (an IP, a card), the successor's use must
 * start after the banned account's did, at most `overlapDays` before the banned account's last use of it: a
 * changeover of days, not months side by side. For an identifier seen at one moment only (an address or phone given at sign-up), the sightings say too little
 * (a spouse gives the same address a month later): the successor's first activity of any kind must come after the
 * banned account's last. The test needs AccountInfo.identifierSeen; without it nothing is a re-entry.
 *
 * Candidates (pipeline.ts) are pairs of a banned account and an account in no reported finding that share an
 * identifier used by at most `maxSharers` accounts; the scorer (score.ts) gives a finding the re-entry points when the
 * test holds. A recycled home IP whose previous holder was banned passes the test too: the reason names the dates,
 * so an investigator sees at once what the finding rests on. A successor that was banned in its turn (or is known
 * fraud) is a successor all the same: the user who came back and was caught again; the order in time says which of
 * the two came back. Pure, like the rest of detect/.
 */
import { isBanned } from './banned.ts';
import type { AccountInfo, IdentifierKind } from './input.ts';
import type { Projection } from './projection-graph.ts';

const DAY_MS = 86_400_000;

/** The key of AccountInfo.identifierSeen: kind and normalised key. */
export function seenKey(kind: IdentifierKind, key: string): string {
  return `${kind}\u0000${key}`;
}

export interface Succession {
  /** When the banned account was last seen (on the identifier, or at all for one-moment sightings). */
  fraudLast: number;
  /** When the successor was first seen (likewise). */
  memberFirst: number;
}

/** The first and last sighting of the account on anything (AccountInfo.activity); null when unknown. */
export function activityOf(info: AccountInfo): [number, number] | null {
  if (!info.activity) return null;
  const [first, last] = [Date.parse(info.activity[0]), Date.parse(info.activity[1])];
  return first <= last ? [first, last] : null;
}

/** Whether `member` took identifier (kind, key) over from the banned account `fraud`; null when it did not. */
export function succession(
  fraud: AccountInfo,
  member: AccountInfo,
  kind: IdentifierKind,
  key: string,
  overlapDays: number,
): Succession | null {
  const id = seenKey(kind, key);
  const f = fraud.identifierSeen?.[id];
  const m = member.identifierSeen?.[id];
  if (!f || !m) return null;
  const [f0, f1] = [Date.parse(f[0]), Date.parse(f[1])];
  const [m0, m1] = [Date.parse(m[0]), Date.parse(m[1])];
  if (!(m0 > f0)) return null;
  if (fraud.createdAt && member.createdAt && !(Date.parse(member.createdAt) > Date.parse(fraud.createdAt))) return null;
  if (f1 > f0 && m1 > m0) {
    return f1 - m0 <= overlapDays * DAY_MS ? { fraudLast: f1, memberFirst: m0 } : null;
  }
  const before = activityOf(fraud);
  const after = activityOf(member);
  if (!before || !after) return null;
  return after[0] > before[1] ? { fraudLast: before[1], memberFirst: after[0] } : null;
}

export interface ReentryCandidate {
  fraud: number;
  member: number;
  /** Identifiers the two share, used by at most maxSharers accounts, not generic. */
  identifiers: number[];
}

/**
 * Pairs of a banned account (`fraudIds`) and another account that share a rare identifier, neither of them in
 * `taken` (members of reported findings). Sorted by known-fraud then member account id.
 */
export function reentryCandidates(
  p: Projection,
  fraudIds: Iterable<string>,
  taken: ReadonlySet<string>,
  maxSharers: number,
): ReentryCandidate[] {
  if (maxSharers < 2) return [];
  const found = new Map<string, ReentryCandidate>();
  for (const id of fraudIds) {
    if (taken.has(id)) continue;
    const fraud = p.indexOf(id);
    if (fraud < 0) continue;
    for (const identifier of p.identifiersOf(fraud)) {
      if (p.isGeneric(identifier) || p.identifierSharers(identifier) > maxSharers) continue;
      for (const member of p.membersOf(identifier)) {
        if (member === fraud || taken.has(p.accountId(member))) continue;
        const key = `${id}\u0000${p.accountId(member)}`;
        const candidate = found.get(key);
        if (candidate) {
          if (!candidate.identifiers.includes(identifier)) candidate.identifiers.push(identifier);
        } else found.set(key, { fraud, member, identifiers: [identifier] });
      }
    }
  }
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/**
 * The candidates whose member took at least one of the identifiers over, each account in at most one: most
 * identifiers taken over first, then by member and known-fraud account id.
 */
export function chooseReentries(
  p: Projection,
  candidates: readonly ReentryCandidate[],
  accountOf: (id: string) => AccountInfo | undefined,
  banned: ReadonlySet<string>,
  overlapDays: number,
): ReentryCandidate[] {
  const passing: Array<{ candidate: ReentryCandidate; taken: number }> = [];
  for (const candidate of candidates) {
    const fraud = accountOf(p.accountId(candidate.fraud));
    const member = accountOf(p.accountId(candidate.member));
    if (!fraud || !member || !isBanned(fraud, banned)) continue;
    const taken = candidate.identifiers.filter(
      (i) => succession(fraud, member, p.identifierKind(i), p.identifierKey(i), overlapDays) !== null,
    ).length;
    if (taken > 0) passing.push({ candidate, taken });
  }
  const name = (c: ReentryCandidate): string => `${p.accountId(c.member)}\u0000${p.accountId(c.fraud)}`;
  passing.sort((a, b) => b.taken - a.taken || (name(a.candidate) < name(b.candidate) ? -1 : 1));
  const used = new Set<number>();
  const chosen: ReentryCandidate[] = [];
  for (const { candidate } of passing) {
    if (used.has(candidate.fraud) || used.has(candidate.member)) continue;
    used.add(candidate.fraud);
    used.add(candidate.member);
    chosen.push(candidate);
  }
  return chosen;
}

export interface Reentry {
  member: string;
  fraud: string;
  kind: IdentifierKind;
  key: string;
  fraudLast: number;
  memberFirst: number;
}

/**
 * Members of a finding that took an identifier they share with a banned member over from it (one entry per such
 * member: its first shared identifier, in the order given), for the scorer. Only identifiers used by at most
 * `maxSharers` accounts count, as for the candidates.
 */
export function reentryMembers(
  p: Projection,
  shared: ReadonlyArray<{ identifier: number; members: readonly number[] }>,
  accounts: ReadonlyMap<string, AccountInfo>,
  banned: ReadonlySet<string>,
  maxSharers: number,
  overlapDays: number,
): Reentry[] {
  if (banned.size === 0) return [];
  const found = new Map<number, Reentry>();
  for (const s of shared) {
    // Only what one person uses is taken over: a card a whole office uses is not a successor's.
    if (p.identifierSharers(s.identifier) > maxSharers) continue;
    const infos = s.members.map((node) => accounts.get(p.accountId(node)));
    const frauds = s.members.filter((_, i) => isBanned(infos[i], banned));
    if (frauds.length === 0) continue;
    const kind = p.identifierKind(s.identifier);
    const key = p.identifierKey(s.identifier);
    s.members.forEach((node, i) => {
      const member = infos[i];
      if (!member || found.has(node)) return;
      for (const f of frauds) {
        if (f === node) continue;
        const fraud = accounts.get(p.accountId(f))!;
        const took = succession(fraud, member, kind, key, overlapDays);
        if (!took) continue;
        found.set(node, { member: member.id, fraud: fraud.id, kind, key, ...took });
        return;
      }
    });
  }
  return [...found.values()];
}

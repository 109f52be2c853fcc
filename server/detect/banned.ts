/**
 * Accounts the platform has already banned count as known fraud (settings.bannedStatuses): a ban is the platform's
 * own verdict, and a new account on a banned user's card, device or phone is the classic re-entry. Applied once, where
 * the pipeline receives account information, so every rule that reads labels (members, guilt by association,
 * attachment) sees the same thing; the status stays on the record for the reasons to name it.
 */
import type { AccountInfo } from './input.ts';
import type { AccountLookup } from './pipeline.ts';

/** The ban statuses, compared case-insensitively. */
export function bannedSet(statuses: readonly string[]): ReadonlySet<string> {
  return new Set(statuses.map((status) => status.toLowerCase()));
}

export function isBanned(info: AccountInfo | undefined, banned: ReadonlySet<string>): boolean {
  return info?.status !== undefined && banned.has(info.status.toLowerCase());
}

function asKnownFraud(info: AccountInfo, banned: ReadonlySet<string>): AccountInfo {
  return info.label !== 'known_fraud' && isBanned(info, banned) ? { ...info, label: 'known_fraud' } : info;
}

/** The same accounts, banned ones labelled known_fraud; the input itself when nothing changes. */
export function withBans(
  accounts: ReadonlyMap<string, AccountInfo> | AccountLookup,
  statuses: readonly string[],
): ReadonlyMap<string, AccountInfo> | AccountLookup {
  if (statuses.length === 0) return accounts;
  const banned = bannedSet(statuses);
  if (typeof accounts === 'function') {
    return async (ids) => [...(await accounts(ids))].map((info) => asKnownFraud(info, banned));
  }
  let copy: Map<string, AccountInfo> | undefined;
  for (const [id, info] of accounts) {
    const seen = asKnownFraud(info, banned);
    if (seen === info) continue;
    copy ??= new Map(accounts);
    copy.set(id, seen);
  }
  return copy ?? accounts;
}

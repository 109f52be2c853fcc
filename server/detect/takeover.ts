/**
 * Takeovers: an intruder's device turns up on several long-standing accounts within days of each other. A kiosk, an
 * office PC or a popular phone build is picked up by its users over months, and a family tablet by accounts that
 * live together; an account takeover crew logs into its victims' accounts in one sitting or one week.
 *
 * The test needs, per account, when it was first seen on the device (AccountInfo.deviceFirstSeen) and when it was
 * opened. Of k accounts on a device, the largest group whose first sightings on it fall within `windowDays` is a
 * takeover when it has at least `minAccounts` accounts and at least `minShare` · k, and at least `minShare` of that
 * group had been open for `establishedDays` or more when the device first appeared on them.
 *
 * The same test on an IP address (its first sightings from AccountInfo.identifierSeen, `seenAt`) finds an intruder's network (networks.ts): a
 * buyer of rented accounts or a takeover crew works from its own proxy.
 */
import type { AccountInfo } from './input.ts';

const DAY_MS = 86_400_000;

export interface TakeoverOptions {
  windowDays: number;
  establishedDays: number;
  minShare: number;
  minAccounts: number;
}

export interface Takeover {
  /** Indices (into the given infos) of the accounts first seen on the device in the window. */
  accounts: number[];
  /** Days between the first and last of those sightings. */
  days: number;
}

/** The takeover on device `key` among the accounts `infos` (all the sharers looked at), or null. */
export function takeoverOf(
  key: string,
  infos: ReadonlyArray<AccountInfo | undefined>,
  options: TakeoverOptions,
  seenAt: (info: AccountInfo | undefined, key: string) => string | undefined = (info) => info?.deviceFirstSeen?.[key],
): Takeover | null {
  const k = infos.length;
  if (k < options.minAccounts) return null;
  const seen: { at: number; index: number }[] = [];
  infos.forEach((info, index) => {
    const raw = seenAt(info, key);
    const at = raw ? Date.parse(raw) : NaN;
    if (Number.isFinite(at)) seen.push({ at, index });
  });
  seen.sort((a, b) => a.at - b.at || a.index - b.index);
  const windowMs = options.windowDays * DAY_MS;
  let best = { start: 0, end: -1 };
  for (let start = 0, end = 0; end < seen.length; end++) {
    while (seen[end].at - seen[start].at > windowMs) start++;
    if (end - start > best.end - best.start) best = { start, end };
  }
  const group = seen.slice(best.start, best.end + 1);
  if (group.length < options.minAccounts || group.length < options.minShare * k) return null;
  const established = group.filter(({ at, index }) => {
    const created = infos[index]?.createdAt ? Date.parse(infos[index]!.createdAt!) : NaN;
    return Number.isFinite(created) && at - created >= options.establishedDays * DAY_MS;
  });
  if (established.length < options.minShare * group.length) return null;
  return {
    accounts: group.map((g) => g.index).sort((a, b) => a - b),
    days: (group[group.length - 1].at - group[0].at) / DAY_MS,
  };
}

/**
 * One sitting (settings.takeover.sittingHours): when the account took identifier `seenId` (a seenKey of its
 * AccountInfo.identifierSeen: an address or phone number) within `sittingHours` of first turning up on device
 * `device`, `establishedDays` or more after it was opened — an intruder logging in and writing its drop address or its
 * own phone number into the account — the earlier of the two times; otherwise NaN.
 */
export function sittingAt(
  info: AccountInfo | undefined,
  device: string,
  seenId: string,
  options: Pick<TakeoverOptions, 'establishedDays'> & { sittingHours: number },
): number {
  if (!(options.sittingHours > 0)) return NaN;
  const onIt = Date.parse(info?.deviceFirstSeen?.[device] ?? '');
  const took = Date.parse(info?.identifierSeen?.[seenId]?.[0] ?? '');
  const opened = Date.parse(info?.createdAt ?? '');
  if (!Number.isFinite(onIt) || !Number.isFinite(took) || !Number.isFinite(opened)) return NaN;
  const at = Math.min(onIt, took);
  return Math.abs(onIt - took) <= options.sittingHours * 3_600_000 && at - opened >= options.establishedDays * DAY_MS
    ? at
    : NaN;
}

/** Whether the account turned up on device `device` `establishedDays` or more after it was opened. */
export function lateOnDevice(info: AccountInfo | undefined, device: string, establishedDays: number): boolean {
  const onIt = Date.parse(info?.deviceFirstSeen?.[device] ?? '');
  const opened = Date.parse(info?.createdAt ?? '');
  return onIt - opened >= establishedDays * DAY_MS;
}

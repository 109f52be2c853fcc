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

/** A fresh start needs a device used for this many days or more before it, never seen again (freshStarts). */
export const FRESH_START_DEVICE_DAYS = 14;

/**
 * Fresh starts: the times (epoch ms, ascending) from which an account used none of the devices and networks it had
 * used before — each the first sighting of a device or IP that comes after the last sighting of every device and IP
 * first seen before it, one of those a device the account had used over FRESH_START_DEVICE_DAYS or more. `windows`
 * are the [first, last] sightings (epoch ms) of the account's devices and IPs, in any order, each flagged when it is a
 * device's. An account sold, rented out or taken over whole starts afresh: its new operator brings its own devices
 * and networks. A person rarely does: one who replaces a phone keeps the home line, one who moves house keeps the
 * phone. (Sightings of a single moment each — one login per device, one per network — would read as a fresh start at
 * every sighting; the device in use for weeks is what makes the old life a life.)
 */
export function freshStarts(windows: ReadonlyArray<readonly [number, number, boolean]>): number[] {
  const sorted = windows
    .filter(([first, last]) => Number.isFinite(first) && Number.isFinite(last))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  const lived = FRESH_START_DEVICE_DAYS * DAY_MS;
  let lastSeen = -Infinity;
  let hadDevice = false;
  for (const [first, last, device] of sorted) {
    if (hadDevice && lastSeen < first && out[out.length - 1] !== first) out.push(first);
    if (last > lastSeen) lastSeen = last;
    if (device && last - first >= lived) hadDevice = true;
  }
  return out;
}

/** freshStarts as ISO 8601, as AccountInfo.freshStarts holds them; undefined when there is none. */
export function freshStartsIso(windows: ReadonlyArray<readonly [number, number, boolean]>): string[] | undefined {
  const starts = freshStarts(windows);
  return starts.length > 0 ? starts.map((t) => new Date(t).toISOString()) : undefined;
}

/**
 * Accounts that changed hands onto identifier `key`: the sharers that made a fresh start (AccountInfo.freshStarts) at
 * or before their first sighting on it, `establishedDays` or more after they were opened — however far apart those
 * sightings are (a buyer takes over the accounts it bought one by one, over weeks). Like takeoverOf, the group counts
 * when it has at least `minAccounts` accounts and at least `minShare` · k of the k sharers.
 */
export function handoverOf(
  key: string,
  infos: ReadonlyArray<AccountInfo | undefined>,
  options: Pick<TakeoverOptions, 'establishedDays' | 'minShare' | 'minAccounts'>,
  seenAt: (info: AccountInfo | undefined, key: string) => string | undefined,
): Takeover | null {
  const k = infos.length;
  if (k < options.minAccounts || options.minAccounts < 1) return null;
  const group: { at: number; index: number }[] = [];
  infos.forEach((info, index) => {
    const at = Date.parse(seenAt(info, key) ?? '');
    const opened = Date.parse(info?.createdAt ?? '');
    if (!Number.isFinite(at) || !Number.isFinite(opened)) return;
    // The latest fresh start at or before the first sighting on `key`: the account's life on it began afresh.
    let start = NaN;
    for (const s of info?.freshStarts ?? []) {
      const t = Date.parse(s);
      if (t > at) break;
      start = t;
    }
    if (start - opened >= options.establishedDays * DAY_MS) group.push({ at, index });
  });
  if (group.length < options.minAccounts || group.length < options.minShare * k) return null;
  const times = group.map((g) => g.at);
  return {
    accounts: group.map((g) => g.index).sort((a, b) => a - b),
    days: (Math.max(...times) - Math.min(...times)) / DAY_MS,
  };
}

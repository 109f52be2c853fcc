// Who is who in the synthetic marketplace, decided before any row is written: which account indices form each fraud
// ring (and what they share), which form households, and which public IPs gather crowds. The plan is compact (typed
// arrays indexed by account) so that a million accounts fit comfortably; rows are then streamed from it.
import {
  CROWD_BLOCKS,
  Ipv4Allocator,
  PROXY_BLOCKS,
  deviceId,
  mailboxName,
  paymentMethod,
  phoneDigits,
  PHONE_SLOTS,
  type CrowdKind,
  type PaymentMethod,
} from './identifiers.ts';
import { Random, hash32 } from './rng.ts';
import { RING_PATTERNS, RING_SIZES, type RingPattern } from './patterns.ts';

const DAY = 86_400_000;
/** Seed-independent end of the activity window, so reruns are byte-identical whatever the clock says. */
export const WINDOW_END = Date.UTC(2026, 10, 1);
export const WINDOW_START = WINDOW_END - 730 * DAY;

/** One ring per this many accounts, with at least MIN_RINGS_PER_PATTERN of every pattern. */
const ACCOUNTS_PER_RING = 400;
const MIN_RINGS_PER_PATTERN = 3;
const HOUSEHOLD_SHARE = 0.2;
const ACCOUNTS_PER_CROWD = 800;

export interface IdentityBase {
  mailbox: string;
  domain: 'gmail.com' | 'outlook.com';
  phone: string;
}

export interface RingPlan {
  index: number;
  id: string;
  pattern: RingPattern;
  members: number[];
  /** Members are created within [windowStart, windowStart + windowMs). */
  windowStart: number;
  windowMs: number;
  labelled: Set<number>;
  devices: string[];
  cards: PaymentMethod[];
  ips: string[];
  identities: IdentityBase[];
  /** A member that also uses the home IP of one background account (a real-world leak into the legit graph). */
  bridge?: { member: number; background: number };
}

export interface HouseholdPlan {
  members: number[];
  sharedDevice?: string;
}

export interface CrowdPlan {
  kind: CrowdKind;
  ip: string;
  weight: number;
  members: number;
}

export interface Plan {
  seed: number;
  accounts: number;
  /** Per-purpose keys for the identifier permutations. */
  keys: { id: number; email: number; phone: number; ip: number; address: number };
  /** Accounts below this index may have a phone number of their own (phoneSlots). */
  ownPhones: number;
  /** ringOf[i] = ring index or -1; householdOf[i] = household index or -1. */
  ringOf: Int32Array;
  householdOf: Int32Array;
  rings: RingPlan[];
  households: HouseholdPlan[];
  crowds: CrowdPlan[];
  /** Cumulative crowd weights, for weighted picks by binary search. */
  crowdCumulative: Float64Array;
}

/**
 * Phone slots: accounts own the slots of their index, ring identities the two slots per ring after them. The 555
 * numbers (PHONE_SLOTS) run out past ~7M accounts; then only the accounts below `ownPhones` get a number of their own
 * and the identities take the last slots, so no number is ever shared by chance. Smaller marketplaces are unchanged.
 */
export function phoneSlots(accounts: number): { ownPhones: number; identityBase: number } {
  const identities = 2 * ringCount(accounts);
  if (accounts + identities <= PHONE_SLOTS) return { ownPhones: accounts, identityBase: accounts };
  return { ownPhones: PHONE_SLOTS - identities, identityBase: PHONE_SLOTS - identities };
}

export function ringCount(accounts: number): number {
  return Math.max(RING_PATTERNS.length * MIN_RINGS_PER_PATTERN, Math.round(accounts / ACCOUNTS_PER_RING));
}

function drawFree(rng: Random, taken: Int32Array, ringOf: Int32Array): number {
  for (;;) {
    const index = rng.int(0, taken.length - 1);
    if (taken[index] === -1 && ringOf[index] === -1) return index;
  }
}

export function planMarketplace(seed: number, accounts: number): Plan {
  const rng = new Random(hash32(seed, 1));
  const keys = {
    id: hash32(seed, 11),
    email: hash32(seed, 12),
    phone: hash32(seed, 13),
    ip: hash32(seed, 14),
    address: hash32(seed, 15),
  };
  const ringOf = new Int32Array(accounts).fill(-1);
  const householdOf = new Int32Array(accounts).fill(-1);
  const proxies = new Ipv4Allocator(PROXY_BLOCKS);
  const phones = phoneSlots(accounts);

  const rings: RingPlan[] = [];
  const total = ringCount(accounts);
  // Ring members never exceed ~15% of the marketplace, whatever the size.
  const sizeScale = Math.min(1, (0.15 * accounts) / (total * 14));
  for (let r = 0; r < total; r++) {
    const pattern = RING_PATTERNS[r % RING_PATTERNS.length]!;
    const [lo, hi] = RING_SIZES[pattern];
    const size = Math.max(3, Math.round((lo + Math.floor((hi - lo + 1) * rng.float() ** 2)) * sizeScale));
    const members: number[] = [];
    for (let m = 0; m < size; m++) {
      const index = drawFree(rng, householdOf, ringOf);
      ringOf[index] = r;
      members.push(index);
    }
    rings.push(buildRing(r, pattern, members, rng, proxies, accounts, phones.identityBase, keys));
  }
  // Bridges are drawn once every ring exists, so the background account really is background.
  for (const ring of rings) {
    if (!rng.chance(0.5)) continue;
    let background = rng.int(0, accounts - 1);
    while (ringOf[background] !== -1) background = rng.int(0, accounts - 1);
    ring.bridge = { member: ring.members[rng.int(0, ring.members.length - 1)]!, background };
  }

  const households: HouseholdPlan[] = [];
  const target = Math.floor(accounts * HOUSEHOLD_SHARE);
  for (let placed = 0; placed < target;) {
    const size = rng.int(2, 5);
    const members: number[] = [];
    for (let m = 0; m < size; m++) {
      const index = drawFree(rng, householdOf, ringOf);
      householdOf[index] = households.length;
      members.push(index);
    }
    members.sort((a, b) => a - b);
    households.push(rng.chance(0.3) ? { members, sharedDevice: deviceId(rng) } : { members });
    placed += size;
  }

  const allocators = Object.fromEntries(
    Object.entries(CROWD_BLOCKS).map(([kind, blocks]) => [kind, new Ipv4Allocator(blocks)]),
  ) as Record<CrowdKind, Ipv4Allocator>;
  const crowds: CrowdPlan[] = [];
  const crowdTotal = Math.max(6, Math.round(accounts / ACCOUNTS_PER_CROWD));
  for (let c = 0; c < crowdTotal; c++) {
    const kind = rng.weighted<CrowdKind>([
      ['cafe_wifi', 5],
      ['corporate_nat', 3],
      ['carrier_nat', 2],
    ]);
    const weight = { cafe_wifi: 1, corporate_nat: 3, carrier_nat: 6 }[kind] * (0.5 + rng.float());
    crowds.push({ kind, ip: allocators[kind].next(), weight, members: 0 });
  }
  const crowdCumulative = new Float64Array(crowds.length);
  crowds.reduce((sum, crowd, i) => (crowdCumulative[i] = sum + crowd.weight), 0);

  return {
    seed,
    accounts,
    keys,
    ownPhones: phones.ownPhones,
    ringOf,
    householdOf,
    rings,
    households,
    crowds,
    crowdCumulative,
  };
}

function buildRing(
  index: number,
  pattern: RingPattern,
  members: number[],
  rng: Random,
  proxies: Ipv4Allocator,
  accounts: number,
  identityPhones: number,
  keys: Plan['keys'],
): RingPlan {
  const n = members.length;
  const windowMs = rng.int(1, 10) * DAY;
  // Whole seconds, like every timestamp in the output files.
  const windowStart = WINDOW_START + 1000 * Math.floor((rng.float() * (WINDOW_END - WINDOW_START - 90 * DAY)) / 1000);
  const labelled = new Set<number>();
  if (rng.chance(0.6)) {
    const share = 0.2 + 0.3 * rng.float();
    for (const member of members) if (rng.chance(share)) labelled.add(member);
    if (labelled.size === 0) labelled.add(members[0]!);
  }
  const ring: RingPlan = {
    index,
    id: `ring-${String(index + 1).padStart(4, '0')}`,
    pattern,
    members,
    windowStart,
    windowMs,
    labelled,
    devices: [],
    cards: [],
    ips: [],
    identities: [],
  };
  const devices = (count: number) => Array.from({ length: count }, () => deviceId(rng));
  switch (pattern) {
    case 'device_farm':
      ring.devices = devices(Math.min(4, Math.max(1, Math.round(n / 10))));
      ring.ips = Array.from({ length: rng.int(1, 3) }, () => proxies.next());
      break;
    case 'card_sharing':
      ring.cards = Array.from({ length: rng.int(1, 3) }, () => paymentMethod(rng));
      break;
    case 'ip_rotation':
      ring.ips = Array.from({ length: n + 2 }, () => proxies.next());
      ring.devices = devices(Math.max(1, Math.ceil(n / 4)));
      break;
    case 'identity_reuse':
      // Identity bases live in identifier slots past the last owned one (for phones: phoneSlots), so they never
      // collide with an owned one.
      ring.identities = Array.from({ length: n >= 6 ? 2 : 1 }, (_, b) => {
        const slot = index * 2 + b;
        return {
          mailbox: mailboxName(accounts + slot, keys.email, rng),
          domain: rng.chance(0.7) ? 'gmail.com' : 'outlook.com',
          phone: phoneDigits(identityPhones + slot, keys.phone),
        };
      });
      break;
    case 'collusion':
      ring.devices = devices(1);
      ring.ips = [proxies.next()];
      break;
  }
  return ring;
}

/** Index of the crowd a uniform draw in [0, total weight) falls into. */
export function crowdAt(plan: Plan, roll: number): number {
  const cumulative = plan.crowdCumulative;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > roll) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// The five planted fraud-ring patterns: what each member links to. Shared pools are chained (member p uses pool item
// p and, for the first few members, p + 1), so every ring is one connected component on the identifiers of its
// pattern; that is the ground truth a detector should recover, and the generator tests check it from the files.
import { emailAlias, ipSpelling, phoneVariant, type PaymentMethod } from './identifiers.ts';
import type { Random } from './rng.ts';
import type { RingPlan } from './plan.ts';

export const RING_PATTERNS = ['device_farm', 'card_sharing', 'ip_rotation', 'identity_reuse', 'collusion'] as const;
export type RingPattern = (typeof RING_PATTERNS)[number];

/**
 * The typology of each pattern in the vocabulary the evaluation shares with the catalogue generator
 * (server/scenarios/typologies.ts), so figures per typology compare across generators. Colluders paying round a loop
 * and sharing a device are the catalogue's collusion mesh; the others have no counterpart there and keep their name.
 */
export const PATTERN_TYPOLOGY = {
  device_farm: 'device_farm',
  card_sharing: 'card_sharing',
  ip_rotation: 'ip_rotation',
  identity_reuse: 'identity_reuse',
  collusion: 'collusion_mesh',
} as const satisfies Record<RingPattern, string>;

/** Member count range per pattern, before scaling down for very small marketplaces. */
export const RING_SIZES: Record<RingPattern, readonly [number, number]> = {
  device_farm: [8, 60],
  card_sharing: [5, 30],
  ip_rotation: [5, 25],
  identity_reuse: [3, 12],
  collusion: [3, 10],
};

/** What a pattern can make a member do; implemented by the marketplace, which owns ids and timestamps. */
export interface MemberTools {
  rng: Random;
  device(id: string): void;
  card(card: PaymentMethod): void;
  ip(value: string): void;
  email(value: string): void;
  phone(value: string): void;
  address(value: string): void;
  ownDevice(): void;
  ownCard(): void;
  ownEmail(domain?: string): void;
  ownPhone(): void;
  homeIp(): void;
}

/** Items of `pool` member `position` uses: its own slot, plus the next one for the first members (chains the pool). */
function chained<T>(pool: readonly T[], position: number): T[] {
  const first = pool[position % pool.length]!;
  return position < pool.length - 1 ? [first, pool[position + 1]!] : [first];
}

function sometimesRespelled(ip: string, rng: Random): string {
  return rng.chance(0.25) ? ipSpelling(ip, rng) : ip;
}

export function memberLinks(ring: RingPlan, position: number, t: MemberTools): void {
  const { rng } = t;
  switch (ring.pattern) {
    case 'device_farm':
      // Many accounts, few devices, behind the farm's proxies; throwaway mailboxes, rarely a phone.
      for (const device of chained(ring.devices, position)) t.device(device);
      for (const ip of chained(ring.ips, position)) t.ip(sometimesRespelled(ip, rng));
      t.ownEmail(rng.pick(['example.net', 'example.org']));
      if (rng.chance(0.6)) t.ownCard();
      break;
    case 'card_sharing':
      // A handful of cards paying for many otherwise ordinary-looking accounts.
      for (const card of chained(ring.cards, position)) t.card(card);
      if (rng.chance(0.3)) t.ownCard();
      t.ownDevice();
      t.homeIp();
      t.ownEmail();
      if (rng.chance(0.5)) t.ownPhone();
      break;
    case 'ip_rotation': {
      // Rotating proxies: overlapping windows of a pool of exit IPs, on a few reused devices.
      const uses = rng.int(3, 5);
      for (let j = 0; j < uses; j++) t.ip(sometimesRespelled(ring.ips[(2 * position + j) % ring.ips.length]!, rng));
      for (const device of chained(ring.devices, position)) t.device(device);
      t.ownEmail();
      t.ownCard();
      break;
    }
    case 'identity_reuse': {
      // One or two identities, spelled differently by each member so that only normalisation reveals the reuse.
      const base = ring.identities[position % ring.identities.length]!;
      t.email(emailAlias(base.mailbox, base.domain, position, rng));
      t.phone(phoneVariant(base.phone, position));
      // The first member holds both identities, so the two halves of the ring are one component.
      if (position === 0 && ring.identities.length > 1) t.phone(phoneVariant(ring.identities[1]!.phone, position + 1));
      t.ownDevice();
      t.homeIp();
      t.ownCard();
      break;
    }
    case 'collusion':
      // Colluders mostly look legit; they pay each other (see collusionPayees) and share a device and an IP here and
      // there.
      t.ownDevice();
      t.homeIp();
      t.ownEmail();
      t.ownCard();
      if (rng.chance(0.7)) t.ownPhone();
      if (position % 2 === 0) t.device(ring.devices[0]!);
      if (position % 3 === 0) t.ip(ring.ips[0]!);
      break;
  }
}

/** Ring-internal payees of member `position`: a cycle through the ring plus a few random extra partners. */
export function collusionPayees(ring: RingPlan, position: number, rng: Random): number[] {
  const n = ring.members.length;
  const payees = [ring.members[(position + 1) % n]!];
  const extra = rng.int(1, 3);
  for (let k = 0; k < extra; k++) {
    const other = rng.int(0, n - 1);
    if (other !== position) payees.push(ring.members[other]!);
  }
  return payees;
}

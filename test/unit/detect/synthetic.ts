/**
 * Seeded generator of a marketplace-like background for detection tests: households of 2–5 accounts sharing a home
 * IP (most also a device, some an address), carrier-NAT IPs shared by 8–20 random accounts (which glue a large part
 * of the background into one component, as real IP data does), and friend trios sharing an address.
 */
import type { IdentifierGroup } from '../../../server/detect/input.ts';
import { mulberry32 } from '../../../server/detect/rng.ts';

export interface Background {
  groups: IdentifierGroup[];
  accounts: string[];
  /** Keys of the carrier-NAT IPs, each used by 8–20 background accounts. */
  natIps: string[];
}

export function background(size: number, seed: number): Background {
  const rng = mulberry32(seed);
  const pick = (n: number): number => Math.floor(rng() * n);
  const accounts = Array.from({ length: size }, (_, i) => `bg-${i}`);
  const groups: IdentifierGroup[] = [];
  let i = 0;
  for (let h = 0; i < size * 0.6; h++) {
    const members = accounts.slice(i, i + 2 + pick(4));
    i += members.length;
    groups.push({ kind: 'ip', key: `home-${h}`, accounts: members });
    if (rng() < 0.6) groups.push({ kind: 'device', key: `tablet-${h}`, accounts: members });
    if (rng() < 0.3) groups.push({ kind: 'address', key: `addr-${h}`, accounts: members });
  }
  for (let f = 0; i + 3 <= size * 0.8; f++, i += 3) {
    groups.push({ kind: 'address', key: `shared-flat-${f}`, accounts: accounts.slice(i, i + 3) });
  }
  const natIps: string[] = [];
  for (let n = 0; n < Math.floor((size * 0.4) / 12); n++) {
    const members = new Set<string>();
    const want = 8 + pick(13);
    while (members.size < want) members.add(accounts[pick(size)]);
    natIps.push(`cgnat-${n}`);
    groups.push({ kind: 'ip', key: `cgnat-${n}`, accounts: [...members] });
  }
  return { groups, accounts, natIps };
}

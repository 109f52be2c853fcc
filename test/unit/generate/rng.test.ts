import { describe, expect, it } from 'vitest';
import {
  ADDRESS_CAPACITY,
  ADDRESS_SLOTS,
  homeIpv4,
  Ipv4Allocator,
  phoneDigits,
  postalAddress,
  PHONE_SLOTS,
  PROXY_BLOCKS,
} from '../../../server/generate/identifiers.ts';
import { phoneSlots, ringCount } from '../../../server/generate/plan.ts';
import { Random, permute32 } from '../../../server/generate/rng.ts';
import { normalizeIdentifier } from '../../../server/ingest/normalize.ts';

const distinct = (values: Iterable<unknown>) => new Set(values).size;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('Random', () => {
  it('repeats its sequence for a seed and changes with the seed', () => {
    const draw = (seed: number) => {
      const rng = new Random(seed);
      return range(5).map(() => rng.u32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws integers in the inclusive range, covering both ends', () => {
    const rng = new Random(1);
    const values = range(2000).map(() => rng.int(3, 7));
    expect(Math.min(...values)).toBe(3);
    expect(Math.max(...values)).toBe(7);
  });
});

describe('collision-free identifier slots', () => {
  it('permute32 never maps two indices to one value', () => {
    expect(distinct(range(200_000).map((i) => permute32(i, 0xdeadbeef)))).toBe(200_000);
    expect(permute32(0, 12345)).not.toBe(0);
  });

  it('gives distinct home IPs, phone numbers and addresses to distinct slots', () => {
    const n = 150_000;
    expect(distinct(range(n).map((i) => homeIpv4(i, 99)))).toBe(n);
    expect(distinct(range(n).map((i) => phoneDigits(i, 99)))).toBe(n);
    expect(distinct(range(n).map((i) => postalAddress(i, 99)))).toBe(n);
    expect(PHONE_SLOTS).toBeGreaterThan(2_000_000);
  });

  it('has room for ten million accounts: addresses, home IPs, phones and ring proxies never repeat by chance', () => {
    // Addresses past the first 6.4M slots (the first set of towns) used to wrap around onto earlier homes.
    expect(ADDRESS_CAPACITY).toBeGreaterThanOrEqual(10_000_000);
    // Slots s and s + ADDRESS_SLOTS, and the slots on both sides of the boundary, all distinct.
    const slots = [...range(50_000), ...range(75_000).map((i) => ADDRESS_SLOTS - 25_000 + i)];
    expect(distinct(slots.map((i) => postalAddress(i, 99)))).toBe(125_000);
    expect(() => postalAddress(ADDRESS_CAPACITY, 99)).toThrow(/address pool exhausted/);
    expect(distinct([0, 9_999_999, 16_777_215].map((i) => homeIpv4(i, 99)))).toBe(3);
    // 10M accounts plan ~25k rings; their proxy IPs (~90k) used to exhaust the two documentation blocks (~33k).
    const proxies = new Ipv4Allocator(PROXY_BLOCKS);
    expect(distinct(range(150_000).map(() => proxies.next()))).toBe(150_000);
  });

  it('gives own phone numbers and ring identities separate slots below PHONE_SLOTS, whatever the size', () => {
    // Unchanged up to millions of accounts: every account owns the slot of its index.
    expect(phoneSlots(1_000_000)).toEqual({ ownPhones: 1_000_000, identityBase: 1_000_000 });
    for (const accounts of [2_000_000, 7_000_000, 10_000_000]) {
      const { ownPhones, identityBase } = phoneSlots(accounts);
      expect(ownPhones).toBeLessThanOrEqual(accounts);
      expect(identityBase).toBeGreaterThanOrEqual(ownPhones);
      expect(identityBase + 2 * ringCount(accounts)).toBeLessThanOrEqual(PHONE_SLOTS);
    }
    expect(phoneSlots(10_000_000).ownPhones).toBeGreaterThan(7_000_000);
  });

  it('writes phone numbers libphonenumber accepts as possible US numbers', () => {
    for (const slot of [0, 1, 77_777, PHONE_SLOTS - 1]) {
      expect(normalizeIdentifier('phone', `+1${phoneDigits(slot, 5)}`).key).toMatch(/^\+1\d{3}555\d{4}$/);
    }
  });
});

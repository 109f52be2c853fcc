import { describe, expect, it } from 'vitest';
import { homeIpv4, phoneDigits, postalAddress, PHONE_SLOTS } from '../../../server/generate/identifiers.ts';
import { Random, permute32 } from '../../../server/generate/rng.ts';
import { normalizeIdentifier } from '../../../server/ingest/normalize.ts';

const distinct = (values: Iterable<unknown>) => new Set(values).size;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('Random', () => {
  it('repeats its sequence for a seed and changes with the seed', () => {
    const draw = (seed: number) => {
      const rng = new Random(seed);
      return range(5).map(() => rng.uint32());
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

  it('writes phone numbers libphonenumber accepts as possible US numbers', () => {
    for (const slot of [0, 1, 77_777, PHONE_SLOTS - 1]) {
      expect(normalizeIdentifier('phone', `+1${phoneDigits(slot, 5)}`).key).toMatch(/^\+1\d{3}555\d{4}$/);
    }
  });
});

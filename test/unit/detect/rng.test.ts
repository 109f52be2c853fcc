import { describe, expect, it } from 'vitest';
import { fmix32, fnv1a32, mulberry32, mulberry32Uint } from '../../../server/detect/rng.ts';

describe('server/detect/rng (the one RNG/hash module)', () => {
  it('mulberry32 gives the published sequence for seed 1, as integers and as floats in [0, 1)', () => {
    const u = mulberry32Uint(1);
    expect([u(), u(), u()]).toEqual([2693262067, 11749833, 2265367787]);
    const f = mulberry32(1);
    expect([f(), f()]).toEqual([0.6270739405881613, 0.002735721180215478]);
    const g = mulberry32(2 ** 32 + 1); // only the low 32 bits of the seed count
    expect(g()).toBe(0.6270739405881613);
  });

  it('fmix32 is MurmurHash3’s finaliser (reference values) and a bijection on a sample', () => {
    expect([fmix32(0), fmix32(1), fmix32(0xdeadbeef)]).toEqual([0, 1364076727, 233162409]);
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(fmix32(i * 2654435761));
    expect(seen.size).toBe(100_000);
  });

  it('fnv1a32 matches the FNV-1a reference values and takes another basis', () => {
    expect([fnv1a32(''), fnv1a32('a'), fnv1a32('foobar')]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    expect(fnv1a32('a', 7)).not.toBe(fnv1a32('a'));
  });
});

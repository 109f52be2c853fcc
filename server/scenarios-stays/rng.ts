// The stays generator's own seeded random source: xoshiro128** seeded through splitmix32. Integer arithmetic only,
// so the same seed gives the same sequence on every platform and the same seed and size give byte-identical files.

import { AffinePool, RandomDraws } from '../generate/random-draws.ts';

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
    return (z ^ (z >>> 15)) >>> 0;
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

export class Rng extends RandomDraws {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** `stream` gives an independent sequence from the same seed (one per stage that must not disturb the others). */
  constructor(seed: number, stream = 0) {
    super();
    const mix = splitmix32((seed ^ Math.imul(stream + 0x51, 0x7feb352d)) >>> 0);
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix() | 1;
    for (let i = 0; i < 8; i++) this.u32();
  }

  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** `n` characters of lowercase base-36, never more than four digits in a row (nothing a card scanner would flag). */
  token(n: number): string {
    return this.base36(n, 4);
  }
}

/** Hands out 0 … size-1 once each, in a scrambled order (an affine permutation modulo size). */
export class Scrambled extends AffinePool {
  constructor(size: number, rng: Rng) {
    super(size, rng, 0.7548776, 499);
  }
}

// A small seeded random source (sfc32 seeded through splitmix32): the same seed always gives the same sequence, on
// every platform, so the same seed and size give byte-identical files.

import { AffinePool, RandomDraws } from '../generate/random-draws.ts';

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng extends RandomDraws {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    super();
    const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x632be5ab)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** `n` characters of lowercase base-36 with never more than five digits in a row (no digit run a scanner could take for a card number). */
  token(n: number): string {
    return this.base36(n, 5);
  }
}

/** Hands out the numbers 0 … size-1 once each, in a scrambled order (an affine permutation). */
export class UniquePool extends AffinePool {
  constructor(size: number, rng: Rng) {
    super(size, rng, 0.6180339, 997);
  }
}

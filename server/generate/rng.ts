// Seeded randomness for the synthetic data generator (the primitives are server/detect/rng.ts). Two tools:
// - `Random`: a sequential stream (mulberry32, Tommy Ettinger's 32-bit generator) for everything drawn in file order.
// - `mix32` / `permute32`: stateless hashing (MurmurHash3's fmix32 finaliser, a bijection on 32-bit integers), for
//   properties of account #i that must be computable from i alone, e.g. the creation date of a payee drawn at random.
// Both depend only on the seed, never on time or platform, so `--seed` reproduces a dataset byte for byte.
import { fmix32, mulberry32Uint } from '../detect/rng.ts';
import { RandomDraws } from './random-draws.ts';

/** MurmurHash3 fmix32: a bijective avalanche mix of a 32-bit integer. */
export const mix32 = fmix32;

/** Hash any number of integers into one 32-bit integer. */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) h = mix32(h ^ mix32(part + 0x7f4a7c15));
  return h;
}

/** A keyed permutation of [0, 2^32): distinct inputs give distinct outputs, so derived identifiers never collide. */
export function permute32(index: number, key: number): number {
  // Composition of bijections (xor with a constant, mix32, adding a constant mod 2^32, mix32) is a bijection.
  return mix32((mix32(index ^ key) + mix32(key + 1)) >>> 0);
}

/** Uniform float in [0, 1) from a 32-bit hash. */
export function unit(hash: number): number {
  return (hash >>> 0) / 4294967296;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

/**
 * The sequential stream: mulberry32 under RandomDraws's draws (uniform, whole numbers, choices, weights, shuffles).
 * Its hex, base62 and gaussian are its own (one word a character; 1 − u in Box–Muller), as the files it writes have
 * always been drawn.
 */
export class Random extends RandomDraws {
  private readonly next: () => number;

  constructor(seed: number) {
    super();
    this.next = mulberry32Uint(hash32(seed));
  }

  /** Next 32-bit unsigned integer (mulberry32). */
  u32(): number {
    return this.next();
  }

  /** Standard normal deviate (Box–Muller). */
  gaussian(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  override hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[this.u32() & 15];
    return out;
  }

  base62(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += BASE62[this.u32() % 62];
    return out;
  }
}

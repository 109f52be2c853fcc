/**
 * Seeded randomness and integer hashing, pure and platform-independent, shared by detection (server/detect/), the
 * data generator (server/generate/) and the benchmarks: the same seed gives the same numbers everywhere.
 * - mulberry32 (Tommy Ettinger, 2017): a small, fast 32-bit state generator, good enough for shuffles and synthetic
 *   data (not for anything secret);
 * - fmix32: MurmurHash3's finaliser, a bijective avalanche mix of a 32-bit integer;
 * - fnv1a32: FNV-1a over a string's UTF-16 code units, from a given basis.
 */

export type Rng = () => number;

/** A mulberry32 stream of unsigned 32-bit integers, fully determined by `seed` (only its low 32 bits count). */
export function mulberry32Uint(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A mulberry32 stream of floats in [0, 1), fully determined by `seed`. */
export function mulberry32(seed: number): Rng {
  const next = mulberry32Uint(seed);
  return () => next() / 4294967296;
}

/** MurmurHash3 fmix32: a bijective avalanche mix of a 32-bit integer (unsigned result). */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a (32-bit) of `text`, starting from `basis` (the standard offset basis unless given). */
export function fnv1a32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

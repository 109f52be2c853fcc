/**
 * Seeded randomness and integer hashing, pure and platform-independent: the one such module, used by detection
 * (every random choice in `detect/` goes through it, so the same seed and input always give the same rings), the
 * data generator (server/generate/rng.ts) and the benchmarks.
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

/**
 * Mixes a base seed with a string (FNV-1a) into a new 32-bit seed. Used to give each connected component its own
 * stream keyed by its smallest account id, so a component's communities do not depend on how many components were
 * processed before it (and therefore not on the order the database streamed them).
 */
export function deriveSeed(seed: number, salt: string): number {
  return fnv1a32(salt, 0x811c9dc5 ^ seed);
}

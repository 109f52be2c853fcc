/**
 * Seeded pseudo-random numbers for the detection pipeline.
 *
 * Method: mulberry32 (Tommy Ettinger, 2017), a 32-bit state generator that is fast, small and good enough for
 * shuffling Louvain's node visiting order. Every random choice in `detect/` goes through one of these so that the same
 * seed and the same input always give the same rings.
 */

export type Rng = () => number;

/** Returns a generator of floats in [0, 1) fully determined by `seed` (any integer; only the low 32 bits count). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a base seed with a string (FNV-1a) into a new 32-bit seed. Used to give each connected component its own
 * stream keyed by its smallest account id, so a component's communities do not depend on how many components were
 * processed before it (and therefore not on the order the database streamed them).
 */
export function deriveSeed(seed: number, salt: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < salt.length; i++) {
    h ^= salt.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

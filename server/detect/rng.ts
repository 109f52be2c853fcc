/**
 * Seeded pseudo-random numbers for the detection pipeline (the generator itself is server/lib/random.ts). Every
 * random choice in `detect/` goes through one of these so that the same seed and the same input always give the
 * same rings.
 */
import { fnv1a32 } from '../lib/random.ts';

export { mulberry32, type Rng } from '../lib/random.ts';

/**
 * Mixes a base seed with a string (FNV-1a) into a new 32-bit seed. Used to give each connected component its own
 * stream keyed by its smallest account id, so a component's communities do not depend on how many components were
 * processed before it (and therefore not on the order the database streamed them).
 */
export function deriveSeed(seed: number, salt: string): number {
  return fnv1a32(salt, 0x811c9dc5 ^ seed);
}

/**
 * Open-addressing hash map from an unordered pair of account indices to a dense edge index.
 *
 * Projecting identifier groups yields millions of account pairs; a `Map<string, …>` keyed by "a|b" would cost a string
 * and a boxed entry per pair. Here a pair is packed into one float64 (`lo · 2^26 + hi + 1`, exact below 2^53) and the
 * table is two typed arrays with linear probing, kept at most half full: about 24 bytes per pair.
 */
import { fmix32 } from './rng.ts';

export const MAX_PAIR_NODES = 2 ** 26;
const EMPTY = 0;

export class PairIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expectedPairs = 1024) {
    let capacity = 1024;
    while (capacity < expectedPairs * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The edge index stored for the pair, or -1. */
  get(a: number, b: number): number {
    const key = packPair(a, b);
    let slot = hashPair(a, b) & this.mask;
    for (;;) {
      const found = this.keys[slot];
      if (found === key) return this.values[slot];
      if (found === EMPTY) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The edge index stored for the pair; if there is none, stores `next` and returns it. */
  getOrInsert(a: number, b: number, next: number): number {
    const key = packPair(a, b);
    let slot = hashPair(a, b) & this.mask;
    for (;;) {
      const found = this.keys[slot];
      if (found === key) return this.values[slot];
      if (found === EMPTY) break;
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = key;
    this.values[slot] = next;
    this.count++;
    if (this.count * 2 > this.keys.length) this.grow();
    return next;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.values = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i];
      if (key === EMPTY) continue;
      const packed = key - 1;
      const lo = Math.floor(packed / MAX_PAIR_NODES);
      const hi = packed - lo * MAX_PAIR_NODES;
      let slot = hashPair(lo, hi) & this.mask;
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.values[slot] = oldValues[i];
    }
  }
}

function packPair(a: number, b: number): number {
  return a < b ? a * MAX_PAIR_NODES + b + 1 : b * MAX_PAIR_NODES + a + 1;
}

/** Symmetric in (a, b) because both halves are ordered first; murmur3-style finaliser for spread. */
function hashPair(a: number, b: number): number {
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  return fmix32(Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca77));
}

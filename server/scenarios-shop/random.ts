// Named random streams for the shop generator, on the project's one RNG module (server/detect/rng.ts): each part of
// the simulation draws from its own stream, so adding a draw in one part does not reshuffle every other part.
import { deriveSeed, mulberry32, type Rng } from '../detect/rng.ts';

export class Dice {
  private readonly next: Rng;

  constructor(seed: number, stream: string) {
    this.next = mulberry32(deriveSeed(seed, `shop:${stream}`));
  }

  float(): number {
    return this.next();
  }

  /** A whole number in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of `entries` with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries[entries.length - 1]![0];
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** `n` distinct items (all of them when there are fewer). */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle([...items]).slice(0, n);
  }

  /** A size in [lo, hi] skewed towards the small end: most groups are small, a few are large. */
  skewed(lo: number, hi: number): number {
    const u = this.next();
    return lo + Math.floor(u * u * (hi - lo + 1));
  }

  /** Failures before the first success of a trial with success probability 1 / (mean + 1). */
  geometric(mean: number, cap: number): number {
    const p = 1 / (mean + 1);
    let n = 0;
    while (n < cap && this.next() >= p) n++;
    return n;
  }

  /** A time in [from, to). */
  between(from: number, to: number): number {
    return from + Math.floor(this.next() * Math.max(0, to - from));
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += (Math.floor(this.next() * 0x10000) | 0x10000).toString(16).slice(1);
    return out.slice(0, length);
  }

  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

// The draws a generator makes from a stream of 32-bit words (uniform, whole numbers, choices, weights, normal,
// log-normal and Poisson counts, hex, shuffles, samples), shared by the generators whose random sources differ only
// in the core: each subclass supplies u32() — its own algorithm and seeding, so generators stay independent — and
// everything drawn from it here is the same arithmetic, in the same order, on every platform.
export abstract class RandomDraws {
  /** The next 32-bit word, as an unsigned number. */
  abstract u32(): number;

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Whole number in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  between(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** One of `items` with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.float() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Standard normal (Box–Muller, two draws). */
  normal(): number {
    const u = Math.max(this.float(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson-distributed count with mean `mean` (normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.float();
    } while (p > l);
    return k - 1;
  }

  /** `n` lowercase hexadecimal characters. */
  hex(n: number): string {
    let out = '';
    while (out.length < n) out += this.u32().toString(16).padStart(8, '0');
    return out.slice(0, n);
  }

  /**
   * `n` characters of lowercase base-36 with never more than `maxDigits` digits in a row (no digit run a scanner
   * could take for a card number).
   */
  protected base36(n: number, maxDigits: number): string {
    const all = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    let digits = 0;
    while (out.length < n) {
      const ch = digits >= maxDigits ? all[this.int(0, 25)]! : all[this.int(0, 35)]!;
      digits = ch >= '0' && ch <= '9' ? digits + 1 : 0;
      out += ch;
    }
    return out;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** `k` distinct items of `items`, in their original order (all of them when k ≥ length). */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return [...items];
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(this.float() * items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i]!);
  }
}

/**
 * Hands out the numbers 0 … size-1 once each, in a scrambled order: the affine permutation i → (stride·i + offset)
 * mod size, with a stride near `ratio`·size (plus up to `jitter`, drawn) made coprime to size and a drawn offset.
 */
export class AffinePool {
  private i = 0;
  private readonly stride: number;
  private readonly offset: number;

  constructor(
    readonly size: number,
    rng: RandomDraws,
    ratio: number,
    jitter: number,
  ) {
    const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
    let stride = Math.floor(size * ratio) + rng.int(1, jitter);
    while (gcd(stride, size) !== 1) stride++;
    this.stride = stride;
    this.offset = rng.int(0, size - 1);
  }

  get left(): number {
    return this.size - this.i;
  }

  next(): number {
    if (this.i >= this.size) throw new RangeError('identifier pool exhausted');
    const v = (this.stride * this.i + this.offset) % this.size;
    this.i++;
    return v;
  }
}

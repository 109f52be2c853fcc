// A small seeded random source (sfc32 seeded through splitmix32): the same seed always gives the same sequence, on
// every platform, so the same seed and size give byte-identical files.

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

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
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

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  lognormal(median: number, sigma: number): number {
    const u = Math.max(this.float(), 1e-12);
    const v = this.float();
    const n = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * n);
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

  normal(): number {
    const u = Math.max(this.float(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** `n` lowercase hexadecimal characters. */
  hex(n: number): string {
    let out = '';
    while (out.length < n) out += this.u32().toString(16).padStart(8, '0');
    return out.slice(0, n);
  }

  /** `n` characters of lowercase base-36 with never more than five digits in a row (no digit run a scanner could take for a card number). */
  token(n: number): string {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const all = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    let digits = 0;
    while (out.length < n) {
      const ch = digits >= 5 ? letters[this.int(0, 25)]! : all[this.int(0, 35)]!;
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

  /** `k` distinct items of `items` (all of them when k ≥ length). */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return [...items];
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(this.float() * items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i]!);
  }
}

/** Hands out the numbers 0 … size-1 once each, in a scrambled order (an affine permutation). */
export class UniquePool {
  private i = 0;
  private readonly stride: number;
  private readonly offset: number;

  constructor(
    readonly size: number,
    rng: Rng,
  ) {
    const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
    let stride = Math.floor(size * 0.6180339) + rng.int(1, 997);
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

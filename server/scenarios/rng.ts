// The catalogue generator's own randomness, independent of server/generate: sfc32 (Chris Doty-Humphrey's Small Fast
// Counting generator) seeded through splitmix32 from the run's seed and a label, so the same seed always gives the
// same files and differently labelled uses of one seed draw unrelated sequences.

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return [next, (z ^ (z >>> 15)) >>> 0];
}

/** FNV-1a over a label, so streams are named by text rather than magic numbers. */
function labelHash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label = '') {
    let s = (seed ^ labelHash(label)) >>> 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s);
      s = next;
      words.push(out);
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next unsigned 32-bit integer (sfc32). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  real(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.real() * (hi - lo + 1));
  }

  coin(p: number): boolean {
    return this.real() < p;
  }

  one<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.one: empty list');
    return items[Math.floor(this.real() * items.length)]!;
  }

  /** `k` distinct items of `items` (partial Fisher–Yates on a copy), in draw order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.real() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  shuffled<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  /** Text of `length` characters from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.next() % alphabet.length];
    return out;
  }
}

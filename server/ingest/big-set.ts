// A set of strings kept outside the garbage-collected heap: the text of each member in large typed arrays, found
// through an open-addressing hash table of typed arrays. The bulk converter keeps every identifier key and account id
// of a load (6.9 million keys at 1M accounts, ~70 million at 10M): as V8 strings in Sets, every major collection
// walks them all again, and a Set holds at most 2^24 entries. Here the collector sees a few dozen arrays whatever the
// size, and the only limit is memory. Membership is exact: equal hashes are confirmed by comparing the text.

/** Characters per text chunk: the first 64 Ki, each next one twice the last, up to 128 Mi (256 MiB of UTF-16). */
const FIRST_CHUNK = 1 << 16;
const CHUNK = 1 << 27;

export function hash(s: string): number {
  // FNV-1a over UTF-16 code units.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A BigSet's arrays (BigSet.export), as sent between threads. */
export interface BigSetData {
  size: number;
  used: number;
  table: Int32Array<ArrayBuffer>;
  hashes: Int32Array<ArrayBuffer>;
  chunkOf: Uint16Array<ArrayBuffer>;
  starts: Int32Array<ArrayBuffer>;
  lengths: Int32Array<ArrayBuffer>;
  chunks: Array<Uint16Array<ArrayBuffer>>;
}

export class BigSet {
  size = 0;
  /** Slot → member index + 1 (0: empty). Power-of-two length, at most half full. */
  private table = new Int32Array(1 << 12);
  /** Per member: its hash, text chunk, start in the chunk and length. */
  private hashes = new Int32Array(1 << 11);
  private chunkOf = new Uint16Array(1 << 11);
  private starts = new Int32Array(1 << 11);
  private lengths = new Int32Array(1 << 11);
  private readonly chunks: Array<Uint16Array<ArrayBuffer>> = [];
  /** Characters used in the last chunk. */
  private used = 0;

  /** Adds; true when it was not there. */
  add(s: string): boolean {
    const h = hash(s);
    const i = this.slot(s, h);
    const table = this.table;
    if (table[i] !== 0) return false;
    const m = this.size;
    if (m === this.hashes.length) this.growMembers();
    this.store(m, s, h);
    table[i] = m + 1;
    this.size = m + 1;
    if (this.size * 2 > table.length) this.rehash();
    return true;
  }

  /** True when `s` is a member. */
  has(s: string): boolean {
    return this.table[this.slot(s, hash(s))] !== 0;
  }

  /** The table slot that holds `s` (hash `h`), or the empty slot where it would go. */
  private slot(s: string, h: number): number {
    const table = this.table;
    const mask = table.length - 1;
    let i = h & mask;
    for (let e = table[i]!; e !== 0; e = table[i]!) {
      if (this.hashes[e - 1] === h && this.equals(e - 1, s)) return i;
      i = (i + 1) & mask;
    }
    return i;
  }

  /** True when member `m` of `other` is a member of this set (no string is made). */
  hasMemberOf(other: BigSet, m: number): boolean {
    const h = other.hashes[m]!;
    const n = other.lengths[m]!;
    const theirs = other.chunks[other.chunkOf[m]!]!;
    const at = other.starts[m]!;
    const table = this.table;
    const mask = table.length - 1;
    let i = h & mask;
    for (let e = table[i]!; e !== 0; e = table[i]!) {
      if (this.hashes[e - 1] === h && this.lengths[e - 1] === n) {
        const mine = this.chunks[this.chunkOf[e - 1]!]!;
        const from = this.starts[e - 1]!;
        let k = 0;
        while (k < n && mine[from + k] === theirs[at + k]) k++;
        if (k === n) return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  /** The `m`-th member added (0-based): members keep the order they were added in. */
  member(m: number): string {
    if (m < 0 || m >= this.size) throw new RangeError(`No member ${m} in a set of ${this.size}.`);
    const chunk = this.chunks[this.chunkOf[m]!]!;
    const at = this.starts[m]!;
    const n = this.lengths[m]!;
    // String.fromCharCode takes at most ~64k arguments at once; members are short, but stay safe.
    let out = '';
    for (let k = 0; k < n; k += 8192) out += String.fromCharCode(...chunk.subarray(at + k, at + Math.min(n, k + 8192)));
    return out;
  }

  /**
   * The set as plain typed arrays, to send to another thread: pass `transfer` as postMessage's transfer list and
   * the arrays move without a copy (this set must not be used afterwards). `BigSet.from` makes a set of them again.
   */
  export(): { data: BigSetData; transfer: ArrayBuffer[] } {
    const data: BigSetData = {
      size: this.size,
      used: this.used,
      table: this.table,
      hashes: this.hashes,
      chunkOf: this.chunkOf,
      starts: this.starts,
      lengths: this.lengths,
      chunks: this.chunks,
    };
    return { data, transfer: BigSet.transferList(data) };
  }

  /** The buffers of a set's arrays: postMessage's transfer list that moves them without a copy. */
  static transferList(data: BigSetData): ArrayBuffer[] {
    return [data.table, data.hashes, data.chunkOf, data.starts, data.lengths, ...data.chunks].map((a) => a.buffer);
  }

  static from(data: BigSetData): BigSet {
    const set = new BigSet();
    set.size = data.size;
    set.used = data.used;
    set.table = data.table;
    set.hashes = data.hashes;
    set.chunkOf = data.chunkOf;
    set.starts = data.starts;
    set.lengths = data.lengths;
    set.chunks.push(...data.chunks);
    return set;
  }

  private equals(m: number, s: string): boolean {
    const n = this.lengths[m]!;
    if (n !== s.length) return false;
    const chunk = this.chunks[this.chunkOf[m]!]!;
    const at = this.starts[m]!;
    for (let k = 0; k < n; k++) if (chunk[at + k] !== s.charCodeAt(k)) return false;
    return true;
  }

  private store(m: number, s: string, h: number): void {
    const n = s.length;
    if (n > CHUNK) throw new RangeError(`A set member of ${n} characters is too long.`);
    const last = this.chunks[this.chunks.length - 1];
    if (last === undefined || this.used + n > last.length) {
      const size = last === undefined ? FIRST_CHUNK : Math.min(CHUNK, last.length * 2);
      this.chunks.push(new Uint16Array(Math.max(size, n)));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    for (let k = 0; k < n; k++) chunk[this.used + k] = s.charCodeAt(k);
    this.hashes[m] = h;
    this.chunkOf[m] = this.chunks.length - 1;
    this.starts[m] = this.used;
    this.lengths[m] = n;
    this.used += n;
  }

  private growMembers(): void {
    const n = this.hashes.length * 2;
    const grow = <T extends Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.hashes = grow(this.hashes, (k) => new Int32Array(k));
    this.chunkOf = grow(this.chunkOf, (k) => new Uint16Array(k));
    this.starts = grow(this.starts, (k) => new Int32Array(k));
    this.lengths = grow(this.lengths, (k) => new Int32Array(k));
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let m = 0; m < this.size; m++) {
      let i = this.hashes[m]! & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = m + 1;
    }
    this.table = table;
  }
}

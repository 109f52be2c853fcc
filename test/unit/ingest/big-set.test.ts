import { describe, expect, it } from 'vitest';
import { BigSet, hash } from '../../../server/ingest/big-set.ts';

describe('BigSet (strings outside the collected heap)', () => {
  it('answers exactly as a Set on seeded random strings, across table growth and text chunks', () => {
    let seed = 99;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ours = new BigSet();
    const reference = new Set<string>();
    const alphabet = 'ab\u0000é日🙂'; // a NUL, non-ASCII and a surrogate pair
    for (let t = 0; t < 200_000; t++) {
      const len = Math.floor(rnd() * (t % 1000 === 0 ? 5000 : 12));
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const fresh = !reference.has(s);
      reference.add(s);
      expect(ours.add(s)).toBe(fresh);
    }
    expect(ours.size).toBe(reference.size);
    // Everything added is still there, and nothing else.
    for (const s of reference) expect(ours.add(s)).toBe(false);
    expect(ours.add('never added before: ' + 'x'.repeat(3))).toBe(true);
  });

  it('tells apart different strings with equal hashes', () => {
    // 300,000 ids give about ten pairs with the same 32-bit hash (birthday bound): find them, add both, see two.
    const byHash = new Map<number, string>();
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < 300_000; i++) {
      const s = `k${i}x${(i * 7919) % 1000}`;
      const other = byHash.get(hash(s));
      if (other !== undefined) pairs.push([other, s]);
      else byHash.set(hash(s), s);
    }
    expect(pairs.length).toBeGreaterThan(0);
    const ours = new BigSet();
    for (const [a, b] of pairs) {
      expect(hash(a)).toBe(hash(b));
      expect(ours.add(a)).toBe(true);
      expect(ours.add(b)).toBe(true);
      expect(ours.add(a)).toBe(false);
      expect(ours.add(b)).toBe(false);
    }
    expect(ours.size).toBe(pairs.length * 2);
  });
});

describe('BigSet across threads (the parallel bulk conversion)', () => {
  it('keeps members in order, answers has/hasMemberOf as a Set, and survives export → from', () => {
    const a = new BigSet();
    const b = new BigSet();
    const words = Array.from({ length: 30_000 }, (_, i) => `w${(i * 7919) % 20_000}·${i % 3 ? 'é' : '🙂'}`);
    const inA = new Set<string>();
    for (const w of words.slice(0, 20_000)) if (a.add(w)) inA.add(w);
    const order: string[] = [];
    for (const w of words.slice(10_000)) if (b.add(w)) order.push(w);
    expect(Array.from({ length: b.size }, (_, i) => b.member(i))).toEqual(order);
    const { data, transfer } = a.export();
    const sent = structuredClone(data, { transfer });
    expect(transfer.every((buf) => buf.byteLength === 0)).toBe(true); // moved, not copied
    const again = BigSet.from(sent);
    expect(again.size).toBe(inA.size);
    for (let i = 0; i < b.size; i++) {
      expect(again.hasMemberOf(b, i)).toBe(inA.has(order[i]!));
      expect(again.has(order[i]!)).toBe(inA.has(order[i]!));
    }
    expect(again.has('not there')).toBe(false);
    expect(again.add(order.find((w) => !inA.has(w))!)).toBe(true);
    expect(() => b.member(b.size)).toThrow(RangeError);
  });
});

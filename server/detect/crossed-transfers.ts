/**
 * Which transfers cross between two tied pairs of accounts (principle 43): x pays y again and again, and an account
 * tied to y by a strong identifier pays an account tied to x again and again. Each side is one person's (or one
 * household's) accounts, and each pays the other side's — the shape of self-dealing through a second account:
 * drivers riding with each other through their own rider accounts to lift ratings or earn trip bonuses, sellers
 * buying from each other through alternate buyer accounts to raise feedback, players passing chips to a partner's
 * second seat. Neither pair shares anything with the other, so only the money joins them; the closing-triangle test
 * (transfer-triangles.ts) needs the money to come back to the same pair's tie, which here it does not.
 *
 * Two households that settle up now and then do not cross: each direction must be repeated (`minPayments` payments
 * or more, the aggregated count), and money between the tied accounts themselves is household money, not crossing.
 * Counted on seven generators × 5 seeds before it was written (20,000 accounts each): the crossings of 5+ payments
 * each way between device-tied pairs were all rating-manipulation rings (18 of 25), none between honest accounts; at
 * 3+ payments eight carrier-NAT pairs of the wallet generator crossed too.
 */
import { rows } from './transfer-triangles.ts';

/**
 * `ends[2t]` pays `ends[2t + 1]` in transfer t (`counts[t]` payments), in a node space where nodes below `projected`
 * are accounts of the identifier projection. `tied(a, b)` (both < projected) says whether a and b share a strong
 * identifier; `neighbours(a)` lists the accounts tied to a so. `household(a, b)` says whether a and b share anything
 * at all (their money passes nothing on). Returns, per transfer, whether it is one leg of a crossing: x → y with both
 * directions repeated, x' → y' where y' is tied to x and x' is tied to y.
 */
export function crossedTransfers(
  ends: Int32Array,
  counts: ArrayLike<number>,
  nodeCount: number,
  projected: number,
  minPayments: number,
  tied: (a: number, b: number) => boolean,
  neighbours: (a: number) => Iterable<number>,
  household: (a: number, b: number) => boolean,
): Uint8Array {
  const transfers = ends.length >> 1;
  const out = new Uint8Array(transfers);
  if (!(minPayments > 0)) return out;
  // The repeated transfers between accounts that share nothing, by payee: their payers.
  const repeated: number[] = [];
  for (let t = 0; t < transfers; t++) {
    const x = ends[2 * t];
    const y = ends[2 * t + 1];
    if (counts[t] < minPayments || x === y || x >= projected || y >= projected || household(x, y)) continue;
    repeated.push(t);
  }
  if (repeated.length < 2) return out;
  const repeatedEnds = new Int32Array(repeated.length * 2);
  repeated.forEach((t, k) => {
    repeatedEnds[2 * k] = ends[2 * t];
    repeatedEnds[2 * k + 1] = ends[2 * t + 1];
  });
  const payersOf = rows(repeatedEnds, nodeCount, 1);
  for (const t of repeated) {
    const x = ends[2 * t];
    const y = ends[2 * t + 1];
    // y' tied to x, paid repeatedly by x' tied to y (x' ≠ y; y' ≠ x by the tie's definition).
    search: for (const yPrime of neighbours(x)) {
      for (let k = payersOf.starts[yPrime]; k < payersOf.starts[yPrime + 1]; k++) {
        const xPrime = payersOf.items[k];
        if (xPrime !== y && xPrime !== x && tied(xPrime, y)) {
          out[t] = 1;
          break search;
        }
      }
    }
  }
  return out;
}

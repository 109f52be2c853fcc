/**
 * Pass-through accounts: money in from a few accounts, about as much out to a few others, again and again — a money
 * mule forwarding funds hop by hop, or colluders passing the same sum round a loop. Ordinary marketplace money does
 * not look like this (buyers pay, sellers receive), so the transfers into and out of such a relay are strong ties
 * (partition.ts): the mule chain source → m1 → m2 → … → cash-out is one part although its accounts share nothing.
 *
 * A node is a relay when it receives from and pays to between 1 and `maxPartners` distinct accounts each, pays out
 * between `minRatio` and `maxRatio` times what it received, and at least one partner on each side sent or received
 * `minTransfers` payments (the same flow repeated, not one purchase and one sale). Only such repeated flows of a relay
 * link their ends (`relayTransfers`). The `ignored` transfers are left out of both tests: the caller marks flows between
 * two accounts that pay each other back and forth (`reciprocalTransfers`) and between accounts that already share an
 * identifier — settling up between people who know each other and a parent passing pay on to the family are not
 * money passed on to strangers.
 */
import { rows } from './transfer-triangles.ts';

export interface RelayOptions {
  maxPartners: number;
  minTransfers: number;
  minRatio: number;
  maxRatio: number;
}

export const DEFAULT_RELAY_OPTIONS: Readonly<RelayOptions> = Object.freeze({
  maxPartners: 4,
  minTransfers: 2,
  minRatio: 0.5,
  maxRatio: 1.5,
});

/**
 * `ends[2t]` pays `ends[2t + 1]` in aggregated transfer t (`counts[t]` payments, `totals[t]` in all), nodes below
 * `nodeCount`. Returns per node 1 when it is a relay.
 */
export function relayNodes(
  ends: Int32Array,
  counts: Float64Array,
  totals: Float64Array,
  nodeCount: number,
  options: RelayOptions = DEFAULT_RELAY_OPTIONS,
  ignored?: Uint8Array,
): Uint8Array {
  const transfers = ends.length >> 1;
  const inPartners = new Int32Array(nodeCount);
  const outPartners = new Int32Array(nodeCount);
  const inTotal = new Float64Array(nodeCount);
  const outTotal = new Float64Array(nodeCount);
  const inRepeated = new Uint8Array(nodeCount);
  const outRepeated = new Uint8Array(nodeCount);
  for (let t = 0; t < transfers; t++) {
    const payer = ends[2 * t];
    const payee = ends[2 * t + 1];
    outPartners[payer]++;
    inPartners[payee]++;
    if (ignored?.[t]) continue;
    outTotal[payer] += totals[t];
    inTotal[payee] += totals[t];
    if (counts[t] >= options.minTransfers) {
      outRepeated[payer] = 1;
      inRepeated[payee] = 1;
    }
  }
  const relay = new Uint8Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) {
    if (inPartners[n] < 1 || outPartners[n] < 1) continue;
    if (inPartners[n] > options.maxPartners || outPartners[n] > options.maxPartners) continue;
    if (inRepeated[n] === 0 || outRepeated[n] === 0) continue;
    if (!(inTotal[n] > 0)) continue;
    const ratio = outTotal[n] / inTotal[n];
    if (ratio >= options.minRatio && ratio <= options.maxRatio) relay[n] = 1;
  }
  return relay;
}

/** Transfers that link their ends: a repeated flow (≥ minTransfers payments) into or out of a relay. */
export function relayTransfers(
  ends: Int32Array,
  counts: Float64Array,
  relays: Uint8Array,
  options: RelayOptions = DEFAULT_RELAY_OPTIONS,
  ignored?: Uint8Array,
): Uint8Array {
  const transfers = ends.length >> 1;
  const out = new Uint8Array(transfers);
  for (let t = 0; t < transfers; t++) {
    if (ignored?.[t] || counts[t] < options.minTransfers) continue;
    if (relays[ends[2 * t]] === 1 || relays[ends[2 * t + 1]] === 1) out[t] = 1;
  }
  return out;
}

/**
 * Per transfer, 1 when its payee also pays its payer (one record per direction): money going back and forth
 * between the same two accounts is settling up between people who know each other — splitting bills, paying a
 * friend back — not money passed on to someone else.
 */
export function reciprocalTransfers(ends: Int32Array, nodeCount: number): Uint8Array {
  const transfers = ends.length >> 1;
  // Each payer's payees, each row sorted in place: a reverse transfer b → a is then a binary search in b's row. A set
  // of payer × nodeCount + payee keys did the same with numbers past 2³¹, which V8 hashes as heap numbers: 0.9 s at
  // 1M accounts against a few tens of ms here.
  const { starts, items: payees } = rows(ends, nodeCount, 0);
  for (let n = 0; n < nodeCount; n++)
    if (starts[n + 1] - starts[n] > 1) payees.subarray(starts[n], starts[n + 1]).sort();
  const out = new Uint8Array(transfers);
  for (let t = 0; t < transfers; t++) {
    const payer = ends[2 * t];
    const payee = ends[2 * t + 1];
    let lo = starts[payee];
    let hi = starts[payee + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = payees[mid];
      if (v === payer) {
        out[t] = 1;
        break;
      }
      if (v < payer) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return out;
}

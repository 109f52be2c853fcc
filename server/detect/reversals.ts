/**
 * Reversals: a payment back from a merchant to one of its own payers is a refund, not money going round.
 *
 * A shop's seller, a creator or a landlord is paid by many distinct accounts and now and then pays one of them back.
 * Read as transfers, that looks like circulation (buyer → seller → buyer) and, when two of its buyers share a phone
 * or a card, like a relay between linked accounts (transfer-triangles.ts): a popular seller would then glue every
 * linked pair it ever refunded into one part and "pass money on" in their ring. A colluder or a mule is paid by a
 * handful of accounts, so the test is by the payee's side: a transfer from an account paid by at least `minPayers`
 * distinct accounts to an account that paid it is a reversal, and counts as no transfer in detection.
 *
 * Transfers are aggregated per direction (one record per payer→payee), so an account's distinct payers are the
 * transfers into it.
 */

/** `ends[2t]` pays `ends[2t + 1]` in transfer t, nodes below `nodeCount`. Returns per transfer 1 when it is a reversal. */
export function reversalTransfers(ends: Int32Array, nodeCount: number, minPayers: number): Uint8Array {
  const transfers = ends.length >> 1;
  const out = new Uint8Array(transfers);
  if (!(minPayers > 0) || !Number.isFinite(minPayers)) return out;
  const payers = new Int32Array(nodeCount);
  for (let t = 0; t < transfers; t++) payers[ends[2 * t + 1]]++;
  // The payers of each merchant: only merchants pay back reversals, and there are few of them.
  const paidBy = new Map<number, Set<number>>();
  for (let t = 0; t < transfers; t++) {
    const payee = ends[2 * t + 1];
    if (payers[payee] < minPayers) continue;
    let set = paidBy.get(payee);
    if (!set) paidBy.set(payee, (set = new Set()));
    set.add(ends[2 * t]);
  }
  if (paidBy.size === 0) return out;
  for (let t = 0; t < transfers; t++) {
    const from = paidBy.get(ends[2 * t]);
    if (from?.has(ends[2 * t + 1])) out[t] = 1;
  }
  return out;
}

/**
 * Which transfers pass money between two accounts that share an identifier (the `triangle` payment-edge mode).
 *
 * Ordinary marketplace payments — clients paying freelancers — would glue the whole marketplace into one component if
 * every transfer became an edge, so by default a transfer only reinforces accounts that already share an identifier.
 * That misses the colluder who shares nothing and only relays money between two accounts that share a device: a pays
 * x and x pays b, where a and b are linked — a closed loop, the smallest cycle of the graph of identifiers and
 * transfers (cf. cycle detection in transaction graphs, e.g. Qiu et al. 2018, "Real-time constrained cycle detection
 * in large dynamic graphs"). Both transfers of such a relay create an edge. Direction matters: two members of a family
 * paying the same plumber (a → x ← b) is no relay, and neither is one account paying two linked ones.
 */

/**
 * `ends[2t]` pays `ends[2t + 1]` in transfer t, in a node space where accounts below `projected` are in the identifier
 * projection and the rest are not (they share no identifier). `linked(a, b)` (both < projected) says whether a and b
 * share an identifier. Returns, per transfer, whether it is one leg of a relay a → x → b between linked a and b.
 */
export function closingTransfers(
  ends: Int32Array,
  nodeCount: number,
  projected: number,
  linked: (a: number, b: number) => boolean,
): Uint8Array {
  const transfers = ends.length >> 1;
  const paid = rows(ends, nodeCount, 0); // per payer: its payees
  const received = rows(ends, nodeCount, 1); // per payee: its payers
  const out = new Uint8Array(transfers);
  for (let t = 0; t < transfers; t++) {
    const payer = ends[2 * t];
    const payee = ends[2 * t + 1];
    if (payer === payee) continue;
    // payer → payee → c with c linked to the payer, or c → payer → payee with c linked to the payee
    if (relays(paid, payee, payer, projected, linked) || relays(received, payer, payee, projected, linked)) out[t] = 1;
  }
  return out;
}

export interface Rows {
  starts: Int32Array;
  items: Int32Array;
}

/** For each node, the other end of the transfers where it is end `side` (0 payer, 1 payee). */
export function rows(ends: Int32Array, nodeCount: number, side: 0 | 1): Rows {
  const starts = new Int32Array(nodeCount + 1);
  for (let k = side; k < ends.length; k += 2) starts[ends[k] + 1]++;
  for (let i = 0; i < nodeCount; i++) starts[i + 1] += starts[i];
  const cursor = starts.slice(0, nodeCount);
  const items = new Int32Array(ends.length >> 1);
  for (let k = side; k < ends.length; k += 2) items[cursor[ends[k]]++] = ends[k + 1 - 2 * side];
  return { starts, items };
}

/** Whether `middle` has a counterpart (in `rows`) other than `end` that shares an identifier with `end`. */
function relays(
  { starts, items }: Rows,
  middle: number,
  end: number,
  projected: number,
  linked: (a: number, b: number) => boolean,
): boolean {
  if (end >= projected) return false;
  for (let k = starts[middle]; k < starts[middle + 1]; k++) {
    const c = items[k];
    if (c !== end && c < projected && linked(c, end)) return true;
  }
  return false;
}

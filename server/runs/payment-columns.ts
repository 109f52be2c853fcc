/**
 * The cached payments of incremental detection (runs/input-cache.ts), kept in columns rather than one small array per
 * payment: at 1M accounts a map of 585k payers' [payee, count, total] lists took 3.4 s to deserialise and weighed on
 * every garbage collection of the run; in columns it is a few arrays. Payers whose payments a load rewrote since the
 * columns were made sit in an overlay until the next `columns()`.
 *
 * Order: by payer, then payee (ids compared as strings, as `<` does), the order detection feeds payments in
 * (pipeline.ts inCanonicalOrder), so a run from the cache only checks it.
 */
import type { PaymentEdge } from '../detect/input.ts';

/** Payer i's payments are entries starts[i] … starts[i + 1] − 1. */
export interface PaymentColumns {
  payers: string[];
  starts: Int32Array;
  payees: string[];
  counts: Float64Array;
  totals: Float64Array;
}

export type PaidRow = [payee: string, count: number, total: number];

export function emptyColumns(): PaymentColumns {
  return {
    payers: [],
    starts: new Int32Array(1),
    payees: [],
    counts: new Float64Array(0),
    totals: new Float64Array(0),
  };
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class PaymentStore {
  /** Payers written since `base` was made: their whole list (empty: no payments any more). */
  private readonly overlay = new Map<string, PaidRow[]>();

  constructor(private base: PaymentColumns = emptyColumns()) {}

  /** Replaces `payer`'s payments (an empty list removes them). */
  set(payer: string, paid: readonly PaidRow[]): void {
    this.overlay.set(
      payer,
      [...paid].sort((a, b) => byString(a[0], b[0])),
    );
  }

  /** Every payment, by payer then payee. */
  *edges(): Generator<PaymentEdge> {
    for (const [payer, rows] of this.payersInOrder()) {
      if (Array.isArray(rows)) {
        for (const [payee, count, total] of rows) yield { payer, payee, count, total };
        continue;
      }
      const { payees, counts, totals, starts } = this.base;
      for (let e = starts[rows]!; e < starts[rows + 1]!; e++) {
        yield { payer, payee: payees[e]!, count: counts[e]!, total: totals[e]! };
      }
    }
  }

  /** The payments in columns (the overlay folded in); the store goes on from them. */
  columns(): PaymentColumns {
    if (this.overlay.size === 0) return this.base;
    let payerCount = 0;
    let entries = 0;
    for (const [, rows] of this.payersInOrder()) {
      const n = Array.isArray(rows) ? rows.length : this.base.starts[rows + 1]! - this.base.starts[rows]!;
      if (n === 0) continue;
      payerCount++;
      entries += n;
    }
    const out: PaymentColumns = {
      payers: new Array<string>(payerCount),
      starts: new Int32Array(payerCount + 1),
      payees: new Array<string>(entries),
      counts: new Float64Array(entries),
      totals: new Float64Array(entries),
    };
    let p = 0;
    let e = 0;
    for (const [payer, rows] of this.payersInOrder()) {
      const start = e;
      if (Array.isArray(rows)) {
        for (const [payee, count, total] of rows) {
          out.payees[e] = payee;
          out.counts[e] = count;
          out.totals[e++] = total;
        }
      } else {
        for (let b = this.base.starts[rows]!; b < this.base.starts[rows + 1]!; b++) {
          out.payees[e] = this.base.payees[b]!;
          out.counts[e] = this.base.counts[b]!;
          out.totals[e++] = this.base.totals[b]!;
        }
      }
      if (e === start) continue;
      out.payers[p] = payer;
      out.starts[++p] = e;
    }
    this.base = out;
    this.overlay.clear();
    return out;
  }

  /** Payers in order: from the overlay (their list) where written, else from the base (their row there). */
  private *payersInOrder(): Generator<[string, PaidRow[] | number]> {
    const written = [...this.overlay.keys()].sort(byString);
    const { payers } = this.base;
    let w = 0;
    for (let row = 0; row < payers.length; row++) {
      const payer = payers[row]!;
      while (w < written.length && written[w]! < payer) {
        const key = written[w++]!;
        yield [key, this.overlay.get(key)!];
      }
      if (w < written.length && written[w] === payer) {
        w++;
        yield [payer, this.overlay.get(payer)!];
        continue;
      }
      yield [payer, row];
    }
    for (; w < written.length; w++) yield [written[w]!, this.overlay.get(written[w]!)!];
  }
}

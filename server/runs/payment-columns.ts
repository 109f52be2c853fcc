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

/**
 * The columns as kept in the cache file: each id list joined into one string where no id holds the separator. V8
 * deserialises one long string and `split` makes the ids in a fraction of the time it takes to read 1.7M separate
 * strings (at 1M accounts 0.5 s against 1.2 s).
 */
export interface PackedPaymentColumns extends Omit<PaymentColumns, 'payers' | 'payees'> {
  payers: string | string[];
  payees: string | string[];
}

const SEPARATOR = '\u0000';

function packIds(ids: string[]): string | string[] {
  return ids.length > 0 && !ids.some((id) => id.includes(SEPARATOR)) ? ids.join(SEPARATOR) : ids;
}

function unpackIds(ids: string | string[]): string[] {
  return typeof ids === 'string' ? ids.split(SEPARATOR) : ids;
}

export function packColumns(c: PaymentColumns): PackedPaymentColumns {
  return { ...c, payers: packIds(c.payers), payees: packIds(c.payees) };
}

export function unpackColumns(c: PackedPaymentColumns): PaymentColumns {
  return { ...c, payers: unpackIds(c.payers), payees: unpackIds(c.payees) };
}

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
    const payers: string[] = [];
    const starts: number[] = [];
    const payees: string[] = [];
    const counts: number[] = [];
    const totals: number[] = [];
    // A payer with no payments left yields none, so it is dropped.
    for (const { payer, payee, count, total } of this.edges()) {
      if (payers[payers.length - 1] !== payer) {
        payers.push(payer);
        starts.push(payees.length);
      }
      payees.push(payee);
      counts.push(count);
      totals.push(total);
    }
    starts.push(payees.length);
    this.base = {
      payers,
      starts: Int32Array.from(starts),
      payees,
      counts: Float64Array.from(counts),
      totals: Float64Array.from(totals),
    };
    this.overlay.clear();
    return this.base;
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

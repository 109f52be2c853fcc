import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import {
  emptyColumns,
  packColumns,
  PaymentStore,
  unpackColumns,
  type PaidRow,
} from '../../../server/runs/payment-columns.ts';
import type { PaymentEdge } from '../../../server/detect/input.ts';

const edges = (store: PaymentStore): string[] => [...store.edges()].map((e) => `${e.payer}>${e.payee}:${e.count}`);

/** The payments of `byPayer` by payer, then payee, as detection orders them. */
function expected(byPayer: Map<string, PaidRow[]>): string[] {
  const out: PaymentEdge[] = [];
  for (const [payer, rows] of byPayer)
    for (const [payee, count, total] of rows) out.push({ payer, payee, count, total });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  out.sort((a, b) => cmp(a.payer, b.payer) || cmp(a.payee, b.payee));
  return out.map((e) => `${e.payer}>${e.payee}:${e.count}`);
}

describe('PaymentStore (the cached payments in columns)', () => {
  it('gives the payments by payer, then payee, whatever order they were written in', () => {
    const store = new PaymentStore();
    store.set('c', [
      ['z', 1, 10],
      ['a', 2, 20],
    ]);
    store.set('a', [['c', 3, 30]]);
    store.set('B', [['a', 4, 40]]); // upper case sorts first, as `<` compares
    expect(edges(store)).toEqual(['B>a:4', 'a>c:3', 'c>a:2', 'c>z:1']);
  });

  it('folds rewritten, new and emptied payers into new columns, the same as a store written from scratch', () => {
    const truth = new Map<string, PaidRow[]>();
    const store = new PaymentStore();
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const id = () => `acc_${rand(40).toString().padStart(2, '0')}`;
    const rowsFor = (): PaidRow[] => {
      const payees = new Map<string, PaidRow>();
      for (let k = rand(4); k > 0; k--) {
        const payee = id();
        payees.set(payee, [payee, 1 + rand(5), rand(1000)]);
      }
      return [...payees.values()];
    };
    for (let night = 0; night < 6; night++) {
      for (let k = 0; k < 15; k++) {
        const payer = id();
        const rows = rowsFor();
        store.set(payer, rows);
        if (rows.length > 0) truth.set(payer, rows);
        else truth.delete(payer);
      }
      expect(edges(store)).toEqual(expected(truth));
      const columns = store.columns();
      // Reopened from the columns alone (as the next night does from the file): the same payments.
      const reopened = new PaymentStore(columns);
      expect(edges(reopened)).toEqual(expected(truth));
      expect(columns.payers).toEqual([...truth.keys()].sort());
      expect(columns.starts.at(-1)).toBe(columns.payees.length);
    }
  });

  it('drops a payer whose payments are gone', () => {
    const store = new PaymentStore();
    store.set('a', [['b', 1, 1]]);
    store.set('b', [['a', 1, 1]]);
    const reopened = new PaymentStore(store.columns());
    reopened.set('a', []);
    expect(edges(reopened)).toEqual(['b>a:1']);
    expect(reopened.columns().payers).toEqual(['b']);
  });

  it('packs the id columns into strings for the cache file and unpacks them to the same columns', () => {
    const store = new PaymentStore();
    store.set('b', [
      ['a', 1, 10],
      ['c', 2, 20],
    ]);
    store.set('a', [['b', 3, 30]]);
    const columns = store.columns();
    const packed = packColumns(columns);
    expect(typeof packed.payers).toBe('string');
    expect(typeof packed.payees).toBe('string');
    expect(unpackColumns(deserialize(serialize(packed)))).toEqual(columns);
    // Nothing to join, and ids that hold the separator, stay lists
    expect(unpackColumns(packColumns(emptyColumns()))).toEqual(emptyColumns());
    const odd = new PaymentStore();
    odd.set('x\u0000y', [
      ['', 1, 1],
      ['z', 1, 1],
    ]);
    const oddColumns = odd.columns();
    expect(Array.isArray(packColumns(oddColumns).payers)).toBe(true);
    expect(unpackColumns(deserialize(serialize(packColumns(oddColumns))))).toEqual(oddColumns);
    expect([...new PaymentStore(unpackColumns(packColumns(oddColumns))).edges()].map((e) => e.payee)).toEqual([
      '',
      'z',
    ]);
  });
});

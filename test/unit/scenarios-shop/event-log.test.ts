import { describe, expect, it } from 'vitest';
import { EventLog } from '../../../server/scenarios-shop/event-log.ts';

const card = { token: 'tok_aaaa', bin: '431940', last4: '0042', issuer: 'US' };
const phone = { value: 'fp_p1', ua: 'UA-phone' };

describe('shop event log → RingLens rows', () => {
  it('keeps each (account, identifier) once, at its first sighting, whatever order the events arrive in', () => {
    const log = new EventLog();
    log.record({ type: 'session', at: 500, account: 1, device: phone, ip: '240.0.0.9' });
    log.record({ type: 'session', at: 100, account: 1, device: phone, ip: '100.64.0.1' });
    log.record({ type: 'session', at: 300, account: 1, device: phone, ip: '240.0.0.9' });
    log.record({ type: 'signup', at: 50, account: 1, email: 'a@example.com' });
    log.record({ type: 'profile_change', at: 700, account: 1, field: 'email', value: 'b@example.com' });
    const rows = log.links().map((r) => [r.kind, r.value, r.at]);
    expect(rows.sort()).toEqual(
      [
        ['device', 'fp_p1', 100],
        ['email', 'a@example.com', 50],
        ['email', 'b@example.com', 700],
        ['ip', '100.64.0.1', 100],
        ['ip', '240.0.0.9', 300],
      ].sort(),
    );
    expect(log.links().find((r) => r.kind === 'device')!.ua).toBe('UA-phone');
    expect(log.counts).toMatchObject({ session: 3, signup: 1, profile_change: 1 });
  });

  it('links an order to its card and shipping address and pays the seller; a refund pays the buyer back', () => {
    const log = new EventLog();
    log.record({ type: 'order', at: 10, account: 2, order: 'ord_1', card, shipTo: '1 Elm St', amount: 20, seller: 7 });
    log.record({ type: 'order', at: 20, account: 2, order: 'ord_2', card, shipTo: '1 Elm St', amount: 5 });
    log.record({ type: 'refund', at: 30, account: 2, order: 'ord_1', amount: 20, seller: 7 });
    log.record({ type: 'refund', at: 40, account: 2, order: 'ord_2', amount: 5 });
    log.record({ type: 'chargeback', at: 50, account: 2, order: 'ord_2', reason: 'item_not_received' });
    expect(log.payments).toEqual([
      { payer: 2, payee: 7, amount: 20, at: 10, ref: 'ord_1' },
      { payer: 7, payee: 2, amount: 20, at: 30, ref: 'ord_1-r' },
    ]);
    const links = log.links();
    expect(links.map((r) => [r.kind, r.value, r.at])).toEqual([
      ['payment', 'tok_aaaa', 10],
      ['address', '1 Elm St', 10],
    ]);
    expect(links[0]!.card).toEqual(card);
    expect(log.counts).toMatchObject({ order: 2, refund: 2, chargeback: 1 });
    expect(log.holders().get('address:1 Elm St')).toEqual([2]);
  });

  it('never turns an order from oneself into a payment', () => {
    const log = new EventLog();
    log.record({ type: 'order', at: 10, account: 3, order: 'o', card, shipTo: 'x', amount: 9, seller: 3 });
    expect(log.payments).toEqual([]);
  });
});

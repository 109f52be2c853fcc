// The shop's event log and its conversion to RingLens input. The simulation (background.ts, the fraud-*.ts files)
// only ever records what a shop's systems would log — sign-ups, sessions, profile changes, saved addresses and cards,
// orders, refunds, chargebacks — and this file folds the log into RingLens rows as it arrives, so the generator never
// holds every session in memory: each (account, identifier) pair is kept once, at its first sighting, and marketplace
// orders and their refunds become buyer→seller and seller→buyer payments. Chargebacks and refunds paid by the shop
// itself move no money between accounts; they only show in the event counts.
import type { IdentifierKind } from '../../contracts/vocabulary.ts';
import type { Card, Device } from './values.ts';

export type ShopEvent =
  | { type: 'signup'; at: number; account: number; email?: string; phone?: string }
  | { type: 'session'; at: number; account: number; device: Device; ip: string }
  | { type: 'profile_change'; at: number; account: number; field: 'email' | 'phone'; value: string }
  | { type: 'address_saved'; at: number; account: number; address: string }
  | { type: 'card_saved'; at: number; account: number; card: Card }
  | {
      type: 'order';
      at: number;
      account: number;
      order: string;
      card: Card;
      shipTo: string;
      amount: number;
      seller?: number;
    }
  | { type: 'refund'; at: number; account: number; order: string; amount: number; seller?: number }
  | { type: 'chargeback'; at: number; account: number; order: string; reason: ChargebackReason };

export type ChargebackReason = 'fraud_unauthorized' | 'item_not_received' | 'not_as_described' | 'duplicate';
export type ShopEventType = ShopEvent['type'];

export interface LinkRow {
  account: number;
  kind: IdentifierKind;
  value: string;
  at: number;
  card?: Card;
  ua?: string;
}

export interface PaymentRow {
  payer: number;
  payee: number;
  amount: number;
  at: number;
  ref: string;
}

export class EventLog {
  private readonly firstSeen = new Map<string, LinkRow>();
  readonly payments: PaymentRow[] = [];
  readonly counts: Record<ShopEventType, number> = {
    signup: 0,
    session: 0,
    profile_change: 0,
    address_saved: 0,
    card_saved: 0,
    order: 0,
    refund: 0,
    chargeback: 0,
  };

  record(event: ShopEvent): void {
    this.counts[event.type]++;
    const { account, at } = event;
    switch (event.type) {
      case 'signup':
        if (event.email) this.see({ account, at, kind: 'email', value: event.email });
        if (event.phone) this.see({ account, at, kind: 'phone', value: event.phone });
        break;
      case 'session':
        this.see({ account, at, kind: 'device', value: event.device.value, ua: event.device.ua });
        this.see({ account, at, kind: 'ip', value: event.ip });
        break;
      case 'profile_change':
        this.see({ account, at, kind: event.field, value: event.value });
        break;
      case 'address_saved':
        this.see({ account, at, kind: 'address', value: event.address });
        break;
      case 'card_saved':
        this.see({ account, at, kind: 'payment', value: event.card.token, card: event.card });
        break;
      case 'order':
        this.see({ account, at, kind: 'payment', value: event.card.token, card: event.card });
        this.see({ account, at, kind: 'address', value: event.shipTo });
        if (event.seller !== undefined && event.seller !== account)
          this.payments.push({ payer: account, payee: event.seller, amount: event.amount, at, ref: event.order });
        break;
      case 'refund':
        if (event.seller !== undefined && event.seller !== account)
          this.payments.push({
            payer: event.seller,
            payee: account,
            amount: event.amount,
            at,
            ref: `${event.order}-r`,
          });
        break;
      case 'chargeback':
        break;
    }
  }

  private see(row: LinkRow): void {
    const key = `${row.account}\u0000${row.kind}\u0000${row.value}`;
    const earlier = this.firstSeen.get(key);
    if (!earlier || row.at < earlier.at) this.firstSeen.set(key, row);
  }

  /** Every (account, identifier) pair once, at its first sighting. */
  links(): LinkRow[] {
    return [...this.firstSeen.values()];
  }

  /** Accounts holding each exact identifier value, by `kind:value`. */
  holders(): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const row of this.firstSeen.values()) {
      const key = `${row.kind}:${row.value}`;
      const list = out.get(key);
      if (list) list.push(row.account);
      else out.set(key, [row.account]);
    }
    return out;
  }
}

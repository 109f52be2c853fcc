// The dataset a catalogue scenario is built in: accounts by index, their identifier links and payments, all in memory
// (the catalogue generator is for evaluation sizes, up to a few hundred thousand accounts). Account ids are given
// only when the files are written, from a shuffled order, so nothing in an id or in file order betrays a group.
import type { IdentifierKind as LinkKind } from '../../contracts/vocabulary.ts';
import { addressRetyped, addressText, Identities, type Address, type Card } from './identity.ts';
import type { Rng } from './rng.ts';

export const DAY = 86_400_000;
/** Fixed window, independent of the clock, so the same seed gives the same files on any day. */
export const START = Date.UTC(2024, 0, 1);
export const END = Date.UTC(2026, 8, 30);

export type Label = 'known_fraud' | 'legit' | 'unknown';

export interface Account {
  createdAt: number;
  country: string;
  type: 'buyer' | 'seller';
  status: 'active' | 'suspended' | 'closed';
  label: Label;
  /** Set for background accounts only: what confounders may reuse. */
  background: boolean;
  homeIp?: string;
  address?: Address;
}

export interface Link {
  account: number;
  kind: LinkKind;
  value: string;
  at: number;
  card?: Card;
}

export interface Payment {
  payer: number;
  payee: number;
  amount: number;
  currency: string;
  at: number;
}

const CURRENCY: Record<string, string> = {
  GB: 'GBP',
  IN: 'INR',
  BR: 'BRL',
  CA: 'CAD',
  MX: 'MXN',
  AU: 'AUD',
  PL: 'PLN',
};
const EURO = new Set(['DE', 'FR', 'NL', 'ES']);

export function currencyOf(country: string): string {
  return EURO.has(country) ? 'EUR' : (CURRENCY[country] ?? 'USD');
}

export class World {
  readonly ids: Identities;
  readonly accounts: Account[] = [];
  readonly links: Link[] = [];
  readonly payments: Payment[] = [];

  constructor(readonly rng: Rng) {
    this.ids = new Identities(rng);
  }

  add(partial: Partial<Account> & { createdAt: number }): number {
    this.accounts.push({
      country: partial.country ?? this.ids.country(),
      type: partial.type ?? (this.rng.coin(0.3) ? 'seller' : 'buyer'),
      status: partial.status ?? 'active',
      label: partial.label ?? 'unknown',
      background: partial.background ?? false,
      ...partial,
    });
    return this.accounts.length - 1;
  }

  /** A time after the account was created (and before the window ends): when it was seen with an identifier. */
  after(account: number, maxDays = 30): number {
    const created = this.accounts[account]!.createdAt;
    return Math.min(END - DAY, created + Math.floor(this.rng.real() * maxDays * DAY));
  }

  link(account: number, kind: LinkKind, value: string, at = this.after(account)): void {
    this.links.push({ account, kind, value, at: Math.max(at, this.accounts[account]!.createdAt) });
  }

  useCard(account: number, card: Card, at = this.after(account)): void {
    this.links.push({
      account,
      kind: 'payment',
      value: card.token,
      at: Math.max(at, this.accounts[account]!.createdAt),
      card,
    });
  }

  pay(payer: number, payee: number, amount: number, at: number): void {
    const from = this.accounts[payer]!;
    const when = Math.min(END - 1000, Math.max(at, from.createdAt, this.accounts[payee]!.createdAt));
    this.payments.push({
      payer,
      payee,
      amount: Math.round(amount * 100) / 100,
      currency: currencyOf(from.country),
      at: when,
    });
  }

  // --- what one person has of their own ---------------------------------------------------------------------------

  ownEmail(account: number): string {
    const email = this.ids.email();
    this.link(account, 'email', email, this.accounts[account]!.createdAt);
    return email;
  }

  ownPhone(account: number): void {
    this.link(account, 'phone', this.ids.phone());
  }

  ownDevice(account: number, prefix?: string): string {
    const device = this.ids.device(prefix);
    this.link(account, 'device', device, this.accounts[account]!.createdAt);
    return device;
  }

  ownCard(account: number): Card {
    const card = this.ids.card(this.accounts[account]!.country);
    this.useCard(account, card);
    return card;
  }

  ownHomeIp(account: number): string {
    const ip = this.ids.ip('home');
    this.link(account, 'ip', ip);
    this.accounts[account]!.homeIp = ip;
    return ip;
  }

  ownAddress(account: number): Address {
    const address = this.ids.address();
    this.link(account, 'address', addressText(address));
    this.accounts[account]!.address = address;
    return address;
  }

  /** Joins an account to a household: the same address (retyped) and home IP as `head`. */
  shareHome(account: number, head: number): void {
    const h = this.accounts[head]!;
    const a = this.accounts[account]!;
    if (h.address) {
      this.link(account, 'address', this.rng.coin(0.5) ? addressText(h.address) : addressRetyped(h.address, this.rng));
      a.address = h.address;
    }
    if (h.homeIp) {
      this.link(account, 'ip', h.homeIp);
      a.homeIp = h.homeIp;
    }
  }

  /** An ordinary person's footprint: mailbox, devices, maybe a phone, a card, a home IP, an address, mobile data. */
  ordinaryProfile(account: number, opts: { home?: boolean; address?: boolean } = {}): void {
    const a = this.accounts[account]!;
    this.ownEmail(account);
    this.ownDevice(account);
    if (this.rng.coin(0.3)) this.ownDevice(account);
    if (this.rng.coin(0.7)) this.ownPhone(account);
    if (a.type === 'buyer' ? this.rng.coin(0.85) : this.rng.coin(0.4)) this.ownCard(account);
    if (opts.home ?? this.rng.coin(0.85)) this.ownHomeIp(account);
    if (opts.address ?? this.rng.coin(0.55)) this.ownAddress(account);
    if (this.rng.coin(0.4)) this.link(account, 'ip', this.ids.mobileIp());
  }

  backgroundAccounts(): number[] {
    const out: number[] = [];
    this.accounts.forEach((a, i) => a.background && out.push(i));
    return out;
  }
}

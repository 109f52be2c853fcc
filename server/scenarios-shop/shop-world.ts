// The shop's world: its accounts, the networks customers reach it through and the helpers every actor — honest
// customer or fraudster — uses to act in it (sign up, open a session, save a card, order, get refunded, dispute).
// Everything an actor does goes through the event log; the world itself only remembers who the accounts are and the
// shared infrastructure (homes and their broadband leases, mobile carriers' NAT pools, VPN exits, sellers).
import { EventLog, type ChargebackReason, type ShopEvent } from './event-log.ts';
import { Dice } from './random.ts';
import { defaultFingerprints, Identifiers, IpRange, ipv4, type Card, type Device } from './values.ts';

export const DAY = 86_400_000;
/** The event log covers eighteen months. */
export const START = Date.UTC(2025, 0, 1);
export const END = Date.UTC(2026, 6, 1);

export type AccountType = 'customer' | 'seller';
export type AccountStatus = 'active' | 'blocked' | 'closed' | 'locked';
export type AccountLabel = 'unknown' | 'legit' | 'known_fraud';

export interface Account {
  createdAt: number;
  type: AccountType;
  country: 'US' | 'CA';
  status: AccountStatus;
  label: AccountLabel;
  /** Set for accounts a fraud scenario made or used, so background draws (victims, gift recipients) avoid them. */
  planted?: string;
}

/** One home: its address and the broadband addresses its router held over time. */
export interface Home {
  address: string;
  leases: { from: number; ip: string }[];
  /** Dual-stack homes: the /64 their devices take privacy addresses from. */
  v6?: string;
  members: number[];
  tablet?: Device;
  familyCard?: Card;
}

/** A shared network egress (office, campus, library) and, for kiosks, its public computer. */
export interface Venue {
  kind: 'office_nat' | 'campus_nat' | 'library_kiosk';
  ip: string;
  kiosk?: Device;
  members: number[];
}

export interface Confounder {
  kind: string;
  values: { kind: string; value: string }[];
  /** When set, the group's members; otherwise every account holding one of the values. */
  members?: number[];
}

const CARRIERS = 4;

export class ShopWorld {
  readonly accounts: Account[] = [];
  readonly log = new EventLog();
  readonly ids: Identifiers;
  readonly homes: Home[] = [];
  readonly confounders: Confounder[] = [];
  readonly defaults = defaultFingerprints();
  private readonly dice: Dice;
  private readonly homeRange = new IpRange(ipv4(240, 0), 24);
  private readonly venueRange = new IpRange(ipv4(198, 51, 100), 8, 37);
  private readonly vpnExits: string[] = [];
  private readonly carrierPools: string[][] = [];
  private readonly hostingRange = new IpRange(ipv4(198, 19), 16);
  private orders = 0;
  private sellerList: number[] = [];
  private sellerCumulative: number[] = [];
  private v6 = 0;

  constructor(
    readonly seed: number,
    readonly size: number,
  ) {
    this.dice = new Dice(seed, 'world');
    this.ids = new Identifiers(new Dice(seed, 'identifiers'));
    // Carrier-grade NAT: each mobile carrier sends its customers out through a pool of a few hundred addresses.
    const perCarrier = Math.max(24, Math.ceil(size / 160));
    for (let c = 0; c < CARRIERS; c++) {
      const range = new IpRange(ipv4(100, 64 + c * 8), 19);
      this.carrierPools.push(Array.from({ length: perCarrier }, () => range.next()));
    }
    const vpn = new IpRange(ipv4(198, 18), 16);
    for (let i = 0; i < Math.max(30, Math.ceil(size / 250)); i++) this.vpnExits.push(vpn.next());
  }

  event(e: ShopEvent): void {
    this.log.record(e);
  }

  addAccount(createdAt: number, type: AccountType = 'customer', planted?: string): number {
    const country = this.dice.chance(0.88) ? 'US' : 'CA';
    this.accounts.push({
      createdAt,
      type,
      country,
      status: 'active',
      label: 'unknown',
      ...(planted ? { planted } : {}),
    });
    return this.accounts.length - 1;
  }

  /** A home with a broadband lease that changes every two to ten months. */
  addHome(address = this.ids.address()): Home {
    const leases = [{ from: START - 400 * DAY, ip: this.homeRange.next() }];
    for (let t = START + this.dice.int(20, 300) * DAY; t < END; t += this.dice.int(60, 300) * DAY)
      leases.push({ from: t, ip: this.homeRange.next() });
    const home: Home = { address, leases, members: [] };
    if (this.dice.chance(0.2)) home.v6 = `2001:db8:${(this.v6++).toString(16)}:${this.dice.hex(4)}`;
    this.homes.push(home);
    return home;
  }

  homeIp(home: Home, at: number): string {
    if (home.v6 && this.dice.chance(0.5)) return `${home.v6}::${this.dice.hex(4)}:${this.dice.hex(4)}`;
    let ip = home.leases[0]!.ip;
    for (const lease of home.leases) if (lease.from <= at) ip = lease.ip;
    return ip;
  }

  carrierIp(carrier: number): string {
    return this.dice.pick(this.carrierPools[carrier % CARRIERS]!);
  }

  carrier(): number {
    return this.dice.int(0, CARRIERS - 1);
  }

  vpnIp(): string {
    return this.dice.pick(this.vpnExits);
  }

  /** A fresh residential address, as a rotating proxy network hands out (they are other people's home lines). */
  proxyIp(): string {
    return this.homeRange.next();
  }

  /** A cloud or hosting provider's address. */
  hostingIp(): string {
    return this.hostingRange.next();
  }

  venueIp(): string {
    return this.venueRange.next();
  }

  carrierIps(): string[] {
    return this.carrierPools.flat();
  }

  vpnIps(): readonly string[] {
    return this.vpnExits;
  }

  session(account: number, at: number, device: Device, ip: string): void {
    this.event({ type: 'session', at, account, device, ip });
  }

  signup(account: number, email: string | undefined, phone: string | undefined): void {
    this.event({ type: 'signup', at: this.accounts[account]!.createdAt, account, email, phone });
  }

  /**
   * Places an order; a third go to a marketplace seller unless `seller` says otherwise (null: sold by the shop itself).
   * Returns the order id and the seller, who pays any refund.
   */
  order(
    account: number,
    at: number,
    card: Card,
    shipTo: string,
    amount: number,
    seller?: number | null,
  ): { id: string; seller?: number } {
    const id = `ord_${(++this.orders).toString(36).padStart(6, '0')}`;
    const to = seller === undefined ? (this.dice.chance(0.33) ? this.pickSeller(account) : undefined) : seller;
    this.event({ type: 'order', at, account, order: id, card, shipTo, amount, ...(to == null ? {} : { seller: to }) });
    return to == null ? { id } : { id, seller: to };
  }

  refund(account: number, at: number, order: string, amount: number, seller?: number): void {
    this.event({ type: 'refund', at, account, order, amount, ...(seller === undefined ? {} : { seller }) });
  }

  chargeback(account: number, at: number, order: string, reason: ChargebackReason): void {
    this.event({ type: 'chargeback', at, account, order, reason });
  }

  /** Sellers by popularity (Zipf: the k-th weighs 1/k): a few big shops take most of the marketplace's orders. */
  setSellers(sellers: number[]): void {
    this.sellerList = sellers;
    let total = 0;
    this.sellerCumulative = sellers.map((_, rank) => (total += 1 / (rank + 1)));
  }

  pickSeller(buyer: number): number | undefined {
    const cumulative = this.sellerCumulative;
    if (cumulative.length === 0) return undefined;
    // Binary search over the running totals: sellers grow with the shop, so a linear scan would make it quadratic.
    const r = this.dice.float() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    const seller = this.sellerList[lo]!;
    return seller === buyer ? undefined : seller;
  }

  /** A basket's value in dollars: mostly small, sometimes large. */
  amount(dice: Dice, scale = 1): number {
    return Math.round((8 + 220 * dice.float() ** 2.5) * scale * 100) / 100;
  }

  /** Times in [from, to), sorted. */
  times(dice: Dice, n: number, from: number, to: number): number[] {
    return Array.from({ length: n }, () => dice.between(from, Math.max(from + 1, to))).sort((a, b) => a - b);
  }

  /** Background customers that no scenario touched, signed up before `before`. */
  bystanders(before = END): number[] {
    const out: number[] = [];
    this.accounts.forEach((a, i) => {
      if (!a.planted && a.type === 'customer' && a.status === 'active' && a.createdAt < before) out.push(i);
    });
    return out;
  }
}

// The simulated lodging marketplace: accounts with their active life, the identifiers each is seen with (each
// sighting a row of links.csv) and money between accounts (bookings, refunds, split bills, co-host fees, transfers).
// Everyone, honest or not, starts from `person`; the typologies and look-alikes add what they share.
import { COUNTRIES, Identities, LISTING_COUNTRIES, PLACES, type Card, type Country, type Person } from './ids.ts';
import { Rng } from './rng.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Eighteen months of sign-ups, sightings and payments. */
export const WINDOW_START = Date.UTC(2025, 3, 1);
export const WINDOW_END = Date.UTC(2026, 9, 1);

export type AccountType = 'guest' | 'host' | 'business' | 'agency' | 'cohost';
export type Label = 'known_fraud' | 'legit' | 'unknown';
export type Kind = 'device' | 'payment' | 'ip' | 'email' | 'phone' | 'address';
/** Payment id prefixes: booking, refund, co-host fee, transfer between members (split bills, mules). */
export type PayKind = 'bk' | 'rf' | 'svc' | 'xfer';

export interface Use {
  kind: Kind;
  value: string;
  from: number;
  to: number;
  /** Sightings: the first, the last and n-2 between. */
  n: number;
  card?: Card;
}

export interface Listing {
  country: Country;
  address: string;
  /** The Wi-Fi guests use during a stay. */
  wifi: string;
  /** Nightly price in local money. */
  nightly: number;
  hostel: boolean;
  /** Relative share of background bookings. */
  pull: number;
}

export interface Acc {
  i: number;
  type: AccountType;
  country: Country;
  created: number;
  end: number;
  status: string;
  label: Label;
  uses: Use[];
  person: Person;
  /** Planted group (fraud) or look-alike group (benign) it belongs to. */
  group?: string;
  fraud: boolean;
  homeIp?: string;
  homeAddress?: string;
  device?: string;
  phone?: string;
  email?: string;
  card?: Card;
  bank?: string;
  listing?: Listing;
  /** Background bookings per year (guests). */
  trips: number;
  /** Background bookings go to these hosts first when set (repeat guests). */
  favourite?: Acc;
  /** Status and life are set by its scheme, not by settle. */
  fixed?: boolean;
}

export class World {
  readonly accounts: Acc[] = [];
  readonly ids: Identities;
  readonly payer: number[] = [];
  readonly payee: number[] = [];
  readonly cents: number[] = [];
  readonly at: number[] = [];
  readonly pkind: PayKind[] = [];
  readonly currency: string[] = [];
  /** Carrier-grade NAT addresses per country: a few dozen subscribers behind each. */
  readonly cgnat = new Map<Country, string[]>();
  readonly vpn: string[] = [];
  /** Popular handsets whose default fingerprint is the same from one unit to the next. */
  readonly generic: string[] = [];
  readonly airport = new Map<Country, string>();
  private venueNext = 1;
  /** Work that needs every host to exist (bookings with strangers): run after the background is filled. */
  readonly later: (() => void)[] = [];
  bookable = new Map<Country, { hosts: Acc[]; cumulative: number[] }>();

  constructor(
    readonly rng: Rng,
    readonly size: number,
  ) {
    this.ids = new Identities(rng);
    COUNTRIES.forEach((c, ci) => {
      const n = Math.max(10, Math.round((size * (PLACES[c].guests + PLACES[c].listings)) / 2 / 100 / 25));
      const ips: string[] = [];
      for (let k = 0; k < n; k++) {
        const x = k * 4099 + 17 + ci * 977;
        ips.push(`100.${64 + ci * 8 + ((x >> 16) & 7)}.${(x >> 8) & 255}.${x & 255}`);
      }
      this.cgnat.set(c, ips);
    });
    LISTING_COUNTRIES.forEach((c, k) => this.airport.set(c, `203.0.113.${20 + k}`));
    for (let k = 1; k <= 48; k++) this.vpn.push(`198.51.100.${k * 5}`);
    for (let k = 0; k < 10; k++) this.generic.push(this.ids.device());
  }

  /** A venue's or office's NAT address: TEST-NET-1 while it lasts, then fixed-line space. */
  venueIp(): string {
    if (this.venueNext <= 254) return `192.0.2.${this.venueNext++}`;
    return this.ids.fixedIp();
  }

  guestCountry(): Country {
    return this.rng.weighted(COUNTRIES.map((c) => [c, PLACES[c].guests] as const));
  }

  listingCountry(): Country {
    return this.rng.weighted(LISTING_COUNTRIES.map((c) => [c, PLACES[c].listings] as const));
  }

  /** A bare account: no identifiers, no activity. */
  account(type: AccountType, country: Country, created: number, person: Person, end = WINDOW_END - HOUR): Acc {
    const c = Math.floor(Math.min(Math.max(created, WINDOW_START + HOUR), WINDOW_END - 3 * DAY));
    const acc: Acc = {
      i: this.accounts.length,
      type,
      country,
      created: c,
      end: Math.floor(Math.max(c + HOUR, Math.min(end, WINDOW_END - HOUR))),
      status: 'active',
      label: 'unknown',
      uses: [],
      person,
      fraud: false,
      trips: 0,
    };
    this.accounts.push(acc);
    return acc;
  }

  /** `acc` is seen with `value` from `from` to `to` (clamped to its life), `n` times. */
  see(acc: Acc, kind: Kind, value: string, from: number, to = from, n = to > from ? 2 : 1, card?: Card): void {
    const f = Math.max(acc.created, Math.min(from, acc.end));
    const t = Math.max(f, Math.min(to, acc.end));
    acc.uses.push({ kind, value, from: f, to: t, n: t > f ? Math.max(2, n) : 1, ...(card ? { card } : {}) });
  }

  seeCard(acc: Acc, card: Card, from: number, to = from, n?: number): void {
    this.see(acc, 'payment', card.token, from, to, n, card);
  }

  /** Money from `payer` to `payee`, in local units of `currency` (dropped at writing if either was not alive). */
  pay(payer: Acc, payee: Acc, amount: number, currency: string, at: number, kind: PayKind): void {
    const cents = Math.max(100, Math.round(amount * 100));
    this.payer.push(payer.i);
    this.payee.push(payee.i);
    this.cents.push(cents);
    this.at.push(Math.floor(at));
    this.pkind.push(kind);
    this.currency.push(currency);
  }

  /** A price for `nights` at `host`'s listing. */
  price(host: Acc, nights: number, discount = 1): number {
    const l = host.listing!;
    return Math.round(l.nightly * nights * discount * this.rng.between(0.92, 1.15) + l.nightly * 0.4);
  }

  /** A bookable host of `country` alive at `t`, chosen by pull; undefined when none is found quickly. */
  hostAt(country: Country, t: number, not?: Acc): Acc | undefined {
    const b = this.bookable.get(country);
    if (!b || b.hosts.length === 0) return undefined;
    const total = b.cumulative[b.cumulative.length - 1]!;
    for (let tries = 0; tries < 6; tries++) {
      const x = this.rng.float() * total;
      let lo = 0;
      let hi = b.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (b.cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      const h = b.hosts[lo]!;
      if (h !== not && t > h.created + DAY && t < h.end - DAY) return h;
    }
    return undefined;
  }

  /** Indexes every host with a listing for bookings by strangers. */
  openBookings(): void {
    this.bookable = new Map();
    for (const a of this.accounts) {
      if (!a.listing || a.listing.pull <= 0) continue;
      const c = a.listing.country;
      const b = this.bookable.get(c) ?? { hosts: [], cumulative: [] };
      b.hosts.push(a);
      b.cumulative.push((b.cumulative[b.cumulative.length - 1] ?? 0) + a.listing.pull);
      this.bookable.set(c, b);
    }
  }

  /**
   * One stay: `guest` pays `host` at `at` for `nights`; during the stay the guest's phone may join the listing's
   * Wi-Fi, and arriving travellers may log in on the destination airport's Wi-Fi. Returns the check-in time.
   */
  stay(guest: Acc, host: Acc, at: number, nights: number, opts: { payer?: Acc; discount?: number } = {}): number {
    const r = this.rng;
    const l = host.listing!;
    const checkIn = at + r.between(0.2, 1) * r.pick([2, 7, 21, 45]) * DAY;
    const payer = opts.payer ?? guest;
    this.pay(payer, host, this.price(host, nights, opts.discount), PLACES[l.country].currency, at, 'bk');
    if (checkIn < guest.end && r.chance(l.hostel ? 0.75 : 0.3))
      this.see(guest, 'ip', l.wifi, checkIn + r.between(1, 6) * HOUR, checkIn + nights * DAY, r.int(1, 3));
    if (checkIn < guest.end && guest.country !== l.country && r.chance(0.06))
      this.see(guest, 'ip', this.airport.get(l.country)!, checkIn - r.between(0.5, 3) * HOUR);
    return checkIn;
  }
}

/** When an ordinary account signs up: a third in the first weeks (accounts moved in from before), the rest growing. */
export function signupTime(r: Rng, lo = WINDOW_START, hi = WINDOW_END - 20 * DAY): number {
  if (lo === WINDOW_START && r.chance(0.3)) return lo + r.float() * 21 * DAY;
  return lo + Math.sqrt(r.float()) * (hi - lo);
}

export interface PersonOptions {
  person?: Person;
  email?: string;
  phone?: string | null;
  device?: string;
  homeIp?: string;
  homeAddress?: string | null;
  card?: Card | null;
  bank?: string | null;
  /** Hosts: the listing's address and Wi-Fi (default: the host's own home, or a place of its own). */
  listing?: Partial<Listing> | null;
  end?: number;
}

/**
 * An ordinary account of `type`: a mailbox, usually a phone, a handset (some upgrade), home broadband or only a
 * mobile carrier's NAT, a card for guests and a payout bank and a listing for hosts.
 */
export function person(w: World, type: AccountType, country: Country, created: number, o: PersonOptions = {}): Acc {
  const r = w.rng;
  const p = o.person ?? w.ids.person();
  const a = w.account(type, country, created, p, o.end);
  const from = a.created;
  const to = a.end;
  a.email = o.email ?? w.ids.email(p, country);
  w.see(a, 'email', a.email, from, to, r.int(1, 3));
  const phone = o.phone === undefined ? (type === 'guest' && r.chance(0.12) ? null : w.ids.phone(country)) : o.phone;
  if (phone) {
    a.phone = phone;
    w.see(a, 'phone', phone, from, to, r.int(1, 2));
  }
  a.device = o.device ?? (r.chance(0.05) ? r.pick(w.generic) : w.ids.device());
  const upgrade = r.chance(0.2) ? from + r.float() * (to - from) : to;
  w.see(a, 'device', a.device, from, upgrade, r.int(2, 6));
  if (upgrade < to) w.see(a, 'device', w.ids.device(), upgrade, to, r.int(2, 5));
  if (type === 'guest' && r.chance(0.25)) w.see(a, 'device', w.ids.device(), from + r.float() * (to - from), to, 2);
  const mobileOnly = o.homeIp === undefined && r.chance(0.22);
  if (!mobileOnly) {
    a.homeIp = o.homeIp ?? w.ids.fixedIp();
    w.see(a, 'ip', a.homeIp, from, to, r.int(2, 6));
  }
  if (mobileOnly || r.chance(0.35)) {
    const nat = w.cgnat.get(country)!;
    for (let k = r.int(1, 3); k > 0; k--) w.see(a, 'ip', r.pick(nat), from + r.float() * (to - from));
  }
  if (r.chance(0.03)) w.see(a, 'ip', r.pick(w.vpn), from + r.float() * (to - from), to, r.int(1, 3));
  const address =
    o.homeAddress === undefined
      ? r.chance(type === 'guest' ? 0.45 : 0.88)
        ? w.ids.address(country)
        : null
      : o.homeAddress;
  if (address) {
    a.homeAddress = address;
    w.see(a, 'address', address, from, to, 1);
  }
  const card =
    o.card === undefined ? (type === 'host' && r.chance(0.6) ? null : w.ids.card(country, r.chance(0.01))) : o.card;
  if (card) {
    a.card = card;
    w.seeCard(a, card, from, to, r.int(1, 4));
    if (type === 'guest' && o.card === undefined && r.chance(0.15)) {
      const next = w.ids.card(country);
      w.seeCard(a, next, from + r.float() * (to - from), to, 2);
    }
  }
  if (type === 'host' || type === 'cohost' || type === 'agency') {
    a.bank = o.bank === undefined ? w.ids.bank() : (o.bank ?? undefined);
    if (a.bank) w.see(a, 'payment', a.bank, from, to, 2);
  }
  if (type === 'host' && o.listing !== null) {
    const lc: Country = o.listing?.country ?? (PLACES[country].listings > 0 ? country : w.listingCountry());
    const atHome = lc === country && o.homeIp === undefined && !!a.homeAddress && !!a.homeIp && r.chance(0.35);
    const hostel = o.listing?.hostel ?? r.chance(0.03);
    const listing: Listing = {
      country: lc,
      address: o.listing?.address ?? (atHome ? a.homeAddress! : w.ids.address(lc, r.chance(0.4))),
      wifi: o.listing?.wifi ?? (atHome ? a.homeIp! : hostel ? w.venueIp() : w.ids.fixedIp()),
      nightly: o.listing?.nightly ?? Math.round(r.lognormal(PLACES[lc].nightly, 0.45) * PLACES[lc].fx),
      hostel,
      pull: o.listing?.pull ?? (hostel ? 6 : r.lognormal(1, 0.8)),
    };
    a.listing = listing;
    if (listing.address !== a.homeAddress) w.see(a, 'address', listing.address, from, to, 1);
    if (listing.wifi !== a.homeIp)
      w.see(a, 'ip', listing.wifi, from + r.float() * Math.min(20 * DAY, to - from), to, r.int(1, 3));
  }
  if (type === 'guest')
    a.trips = r.weighted([
      [0.3, 30],
      [1, 40],
      [2.5, 22],
      [6, 8],
    ] as const);
  return a;
}

/** Ordinary endings for honest accounts: some close, a few are suspended or banned for policy, a few caught alone. */
export function settle(w: World): void {
  const r = w.rng;
  for (const a of w.accounts) {
    if (a.fraud) continue;
    const x = a.group || a.fixed ? 1 : r.float();
    const host = a.type === 'host';
    const quitAt = () => a.created + (0.2 + 0.8 * r.float()) * Math.max(0, WINDOW_END - 5 * DAY - a.created);
    if (x < (host ? 0.05 : 0.04)) endLife(a, 'closed', quitAt());
    else if (x < (host ? 0.08 : 0.05)) endLife(a, host ? 'snoozed' : 'suspended', quitAt());
    else if (x < (host ? 0.095 : 0.056)) endLife(a, 'banned', quitAt());
    else if (x < (host ? 0.1 : 0.059)) {
      // Caught alone: one bad booking or listing, nothing to do with any ring.
      endLife(a, 'banned', quitAt());
      a.label = 'known_fraud';
    } else if (x < (host ? 0.11 : 0.062)) endLife(a, 'suspended', quitAt());
    if (a.label === 'unknown' && a.status === 'active' && r.chance(host ? 0.4 : a.type === 'guest' ? 0.08 : 0.7))
      a.label = 'legit';
  }
}

export function endLife(a: Acc, status: string, at: number): void {
  a.status = status;
  a.end = Math.floor(Math.max(a.created + HOUR, Math.min(a.end, at, WINDOW_END - 3 * DAY)));
}

/** The uses of an account as they are written: inside its life (a use begun after it ended never happened). */
export function visibleUses(a: Acc): Use[] {
  const last = Math.min(a.end, WINDOW_END - 60_000);
  const out: Use[] = [];
  for (const u of a.uses) {
    if (u.from > last) continue;
    const to = Math.min(u.to, last);
    out.push(to === u.to ? u : { ...u, to, n: to > u.from ? u.n : 1 });
  }
  return out;
}

/** A phone number as someone types it again. */
export function phoneVariant(r: Rng, phone: string): string {
  const d = phone.replace(/\D/g, '');
  if (phone.startsWith('+44')) return r.chance(0.5) ? `+44 ${d.slice(2)}` : `+44 (0)${d.slice(2)}`;
  const n = d.slice(d.length - 10);
  return r.chance(0.5)
    ? `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`
    : `+1 ${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`;
}

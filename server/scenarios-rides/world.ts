// The simulated platform: accounts with their active life, the identifiers each one is seen with (each sighting a
// row of links.csv) and money between accounts (fares, food orders, tips, wallet transfers, fleet settlements).
// Everyone, honest or not, gets an ordinary life from `person`; the typologies and look-alikes add what they share.
import { CITIES, Identities, LONG_SUFFIX, UNIT_FORMS, type Card, type City, type Country } from './ids.ts';
import { Rng } from './rng.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** The data window: 18 months of sign-ups, sightings and payments. */
export const WINDOW_START = Date.UTC(2025, 5, 1);
export const WINDOW_END = Date.UTC(2026, 10, 30);

export type AccountType = 'rider' | 'driver' | 'courier' | 'merchant' | 'business' | 'fleet';
export type Label = 'known_fraud' | 'legit' | 'unknown';
export type Kind = 'device' | 'payment' | 'ip' | 'email' | 'phone' | 'address';
export type PaymentKind = 'trip' | 'order' | 'tip' | 'xfer' | 'fleet' | 'biz';

export interface Use {
  kind: Kind;
  value: string;
  from: number;
  to: number;
  n: number;
  card?: Card;
}

export interface Acc {
  i: number;
  type: AccountType;
  city: City;
  created: number;
  end: number;
  status: string;
  label: Label;
  uses: Use[];
  /** Trips and food orders per 30 days taken with strangers (background activity). */
  trips: number;
  orders: number;
  /** Drives (driver) or delivers (courier, some drivers) for strangers. */
  drives: boolean;
  delivers: boolean;
  /** The same person's other account (a driver's own rider account): never a stranger to ride with. */
  self?: Acc;
  /** Planted (fraud) group id, when any. */
  group?: string;
  home?: Home;
  cards: Card[];
  bank?: string;
  phone?: string;
  device?: string;
}

export interface Home {
  address: string;
  ip: string;
  city: City;
}

export const currencyOf = (city: City) => city.currency;

export class World {
  readonly accounts: Acc[] = [];
  readonly ids: Identities;
  // Payments as parallel arrays (a million rows stay light).
  readonly payer: number[] = [];
  readonly payee: number[] = [];
  readonly cents: number[] = [];
  readonly at: number[] = [];
  readonly pkind: PaymentKind[] = [];
  readonly carrier = new Map<Country, string[]>();
  readonly vpn: string[] = [];
  readonly generic = new Map<Country, string[]>();
  private venueNext = 1;
  /** Work that needs strangers (drivers, restaurants, couriers to pay): run once every account exists. */
  readonly later: (() => void)[] = [];
  roster?: Roster;

  constructor(
    readonly rng: Rng,
    readonly size: number,
  ) {
    this.ids = new Identities(rng);
    // Carrier-grade NAT: a few dozen subscribers behind each public address at any time.
    const bases: Record<Country, number> = { US: 64, CA: 80, PR: 96 };
    for (const country of ['US', 'CA', 'PR'] as Country[]) {
      const share = CITIES.filter((c) => c.country === country).reduce((s, c) => s + c.weight, 0);
      const n = Math.max(12, Math.round((size * share) / 18));
      const ips: string[] = [];
      for (let k = 0; k < n; k++) {
        const x = k * 7919 + 13;
        ips.push(`100.${bases[country] + ((x >> 16) & 15)}.${(x >> 8) & 255}.${x & 255}`);
      }
      this.carrier.set(country, ips);
      // Popular budget handsets whose default fingerprint is identical from one unit to the next.
      this.generic.set(
        country,
        Array.from({ length: 6 }, () => this.ids.device()),
      );
    }
    for (let k = 1; k <= 60; k++) this.vpn.push(`198.51.100.${k * 4}`);
  }

  /** An institution's NAT address (campus, office, depot): TEST-NET-1 while it lasts, then fixed-line space. */
  venueIp(): string {
    if (this.venueNext <= 254) return `192.0.2.${this.venueNext++}`;
    return this.ids.homeIp();
  }

  /** The airport's public Wi-Fi of a city (TEST-NET-3), shared by travellers and drivers waiting in its lot. */
  airportIp(city: City): string {
    return `203.0.113.${10 + CITIES.indexOf(city)}`;
  }

  /** The two stadiums / arenas of a city. */
  stadiumIps(city: City): string[] {
    const c = CITIES.indexOf(city);
    return [`203.0.113.${40 + c}`, `203.0.113.${70 + c}`];
  }

  cityPick(): City {
    return this.rng.weighted(CITIES.map((c) => [c, c.weight] as const));
  }

  /** A bare account: no identifiers, no activity. */
  account(type: AccountType, city: City, created: number, end = WINDOW_END - HOUR): Acc {
    // Sign-ups a scheme would place before the window land in its first days instead.
    const start = created < WINDOW_START ? WINDOW_START + this.rng.float() * 10 * DAY : created;
    const created0 = Math.min(start, WINDOW_END - 2 * DAY);
    const acc: Acc = {
      i: this.accounts.length,
      type,
      city,
      created: Math.floor(created0),
      end: Math.floor(Math.max(created0 + HOUR, Math.min(end, WINDOW_END - HOUR))),
      status: 'active',
      label: 'unknown',
      uses: [],
      trips: 0,
      orders: 0,
      drives: false,
      delivers: false,
      cards: [],
    };
    this.accounts.push(acc);
    return acc;
  }

  /** Records that `acc` is seen with an identifier between `from` and `to` (clipped to its life), `n` times. */
  use(acc: Acc, kind: Kind, value: string, from = acc.created, to = acc.end, n?: number, card?: Card): void {
    const f = Math.max(acc.created, Math.min(from, acc.end));
    const t = Math.max(f, Math.min(to, acc.end));
    const count = n ?? (t - f < DAY ? 1 : this.rng.int(2, 4));
    acc.uses.push({ kind, value, from: f, to: t, n: Math.max(1, count), ...(card ? { card } : {}) });
  }

  useCard(acc: Acc, card: Card, from = acc.created, to = acc.end, n?: number): void {
    acc.cards.push(card);
    this.use(acc, 'payment', card.token, from, to, n, card);
  }

  /** A payment at `at`, kept inside both accounts' lives (skipped when they never overlap). */
  pay(from: Acc, to: Acc, amount: number, at: number, kind: PaymentKind): boolean {
    if (from === to) return false;
    const lo = Math.max(from.created, to.created) + 60_000;
    const hi = Math.min(from.end, to.end, WINDOW_END - HOUR);
    if (hi <= lo) return false;
    const t = Math.min(hi, Math.max(lo, at));
    this.payer.push(from.i);
    this.payee.push(to.i);
    this.cents.push(Math.max(100, Math.round(amount * 100)));
    this.at.push(Math.floor(t));
    this.pkind.push(kind);
    return true;
  }

  /** A time uniformly inside the overlap of two lives, or undefined. */
  overlap(a: Acc, b: Acc, from = 0, to = Infinity): number | undefined {
    const lo = Math.max(a.created, b.created, from) + 60_000;
    const hi = Math.min(a.end, b.end, to, WINDOW_END - HOUR);
    return hi > lo ? this.rng.between(lo, hi) : undefined;
  }

  fare(city: City): number {
    const f = this.rng.lognormal(city.currency === 'CAD' ? 19 : 17, 0.5);
    return Math.min(180, Math.max(6, f));
  }

  order(city: City): number {
    const f = this.rng.lognormal(city.currency === 'CAD' ? 34 : 31, 0.45);
    return Math.min(220, Math.max(9, f));
  }

  tip(): number {
    return Math.max(1, this.rng.lognormal(4, 0.6));
  }
}

export interface PersonOptions {
  end?: number;
  home?: Home | null;
  /** Give a phone number / mailbox / handset of one's own (default true). */
  phone?: boolean;
  email?: boolean;
  device?: boolean;
  cards?: number;
  foreignCard?: boolean;
  bank?: boolean;
  /** Background activity per 30 days; defaults by type. */
  trips?: number;
  orders?: number;
}

/** An ordinary life on the platform: own phone, mailbox, handset (maybe upgraded), home, cards, networks. */
export function person(w: World, type: AccountType, city: City, created: number, opts: PersonOptions = {}): Acc {
  const r = w.rng;
  const acc = w.account(type, city, created, opts.end);
  const p = w.ids.person();
  if (opts.phone !== false) {
    acc.phone = w.ids.phone(city);
    if (r.chance(0.05)) {
      // Changed number once.
      const switchAt = r.between(acc.created, acc.end);
      w.use(acc, 'phone', acc.phone, acc.created, switchAt);
      acc.phone = w.ids.phone(city);
      w.use(acc, 'phone', acc.phone, switchAt, acc.end);
    } else w.use(acc, 'phone', acc.phone);
  }
  if (opts.email !== false) w.use(acc, 'email', w.ids.email(p), acc.created, acc.end, r.int(1, 3));
  if (opts.device !== false) {
    acc.device = w.ids.device();
    if (r.chance(0.22) && acc.end - acc.created > 60 * DAY) {
      const upgrade = r.between(acc.created + 30 * DAY, acc.end);
      w.use(acc, 'device', acc.device, acc.created, upgrade);
      acc.device = w.ids.device();
      w.use(acc, 'device', acc.device, upgrade, acc.end);
    } else w.use(acc, 'device', acc.device);
  }
  const wantsHome = opts.home !== null && (opts.home !== undefined || type !== 'rider' || r.chance(0.85));
  if (wantsHome) {
    acc.home = opts.home ?? { address: w.ids.address(city), ip: w.ids.homeIp(), city };
    if (type !== 'business' && type !== 'fleet')
      w.use(acc, 'address', acc.home.address, acc.created, acc.end, r.int(1, 3));
    if (r.chance(0.8)) w.use(acc, 'ip', acc.home.ip, acc.created, acc.end, r.int(1, 5));
  }
  const carrier = w.carrier.get(city.country)!;
  for (let k = r.int(1, 3); k > 0; k--) {
    const from = r.between(acc.created, acc.end);
    w.use(acc, 'ip', r.pick(carrier), from, from + r.between(0, 20 * DAY), r.int(1, 2));
  }
  if (r.chance(0.04)) {
    const from = r.between(acc.created, acc.end);
    w.use(acc, 'ip', r.pick(w.vpn), from, from + r.between(0, 60 * DAY), r.int(1, 3));
  }
  if (r.chance(0.03)) w.use(acc, 'device', r.pick(w.generic.get(city.country)!), acc.created, acc.end, r.int(1, 2));
  const cards =
    opts.cards ??
    (type === 'rider'
      ? r.weighted([
          [1, 62],
          [2, 28],
          [3, 7],
          [0, 3],
        ] as const)
      : type === 'driver' || type === 'courier'
        ? r.weighted([
            [0, 45],
            [1, 55],
          ] as const)
        : type === 'business'
          ? 1
          : 0);
  for (let k = 0; k < cards; k++) {
    const card = w.ids.card(city.country, (opts.foreignCard ?? false) || r.chance(0.025));
    const from = k === 0 ? acc.created : r.between(acc.created, acc.end);
    w.useCard(acc, card, from, acc.end);
  }
  if (opts.bank ?? (type === 'driver' || type === 'courier' || type === 'merchant' || type === 'fleet')) {
    acc.bank = w.ids.bank();
    w.use(acc, 'payment', acc.bank, acc.created, acc.end, r.int(1, 3));
  }
  const activity = r.lognormal(1, 0.9);
  acc.trips = opts.trips ?? (type === 'rider' ? 0.42 * activity : type === 'driver' ? 0.15 * activity : 0.1 * activity);
  acc.orders =
    opts.orders ??
    (type === 'rider'
      ? 0.3 * activity
      : type === 'merchant' || type === 'business' || type === 'fleet'
        ? 0
        : 0.15 * activity);
  acc.drives = type === 'driver';
  acc.delivers = type === 'courier' || (type === 'driver' && r.chance(0.3));
  return acc;
}

/** A moment in the window, for sign-ups of accounts that have a history (weighted towards the start). */
export function signupTime(r: Rng, lo = WINDOW_START, hi = WINDOW_END - 30 * DAY): number {
  const x = r.chance(0.35) ? r.float() * 0.08 : r.float();
  return lo + x * (hi - lo);
}

/** Honest status churn: ends an account's life early with a status a real platform uses. */
export function honestStatus(w: World, acc: Acc): void {
  const r = w.rng;
  const span = acc.end - acc.created;
  const endAt = () => acc.created + r.between(0.2, 0.9) * span;
  const x = r.float();
  if (acc.type === 'rider') {
    if (x < 0.06) {
      acc.status = 'closed';
      acc.end = endAt();
    } else if (x < 0.075) {
      acc.status = 'suspended';
      acc.end = endAt();
    } else if (x < 0.08) {
      acc.status = 'banned';
      acc.end = endAt();
    }
  } else if (acc.type === 'driver' || acc.type === 'courier') {
    if (x < 0.05) {
      acc.status = 'pending_documents';
      acc.end = acc.created + r.between(HOUR, 5 * DAY);
      acc.drives = false;
      acc.delivers = false;
    } else if (x < 0.1) {
      acc.status = 'documents_expired';
      acc.end = endAt();
    } else if (x < 0.13) {
      acc.status = 'deactivated_low_rating';
      acc.end = endAt();
    } else if (x < 0.19) {
      acc.status = 'closed';
      acc.end = endAt();
    } else if (x < 0.195) {
      acc.status = 'banned';
      acc.end = endAt();
    }
    if (r.chance(0.25)) acc.label = 'legit';
  } else if (acc.type === 'merchant') {
    if (x < 0.08) {
      acc.status = 'closed';
      acc.end = endAt();
    } else if (x < 0.12) acc.status = 'paused';
    if (r.chance(0.3)) acc.label = 'legit';
  } else if (r.chance(0.4)) acc.label = 'legit';
  // Nothing is seen after the account ends.
  for (const u of acc.uses) {
    u.to = Math.min(u.to, acc.end);
    u.from = Math.min(u.from, u.to);
  }
}

export type Role = 'driver' | 'courier' | 'merchant';

/** Who drives, delivers or cooks in each city: the strangers money goes to. */
export class Roster {
  private readonly lists = new Map<string, Acc[]>();

  constructor(private readonly w: World) {
    for (const a of w.accounts) {
      if (a.drives) this.add(a.city.name, 'driver', a);
      if (a.delivers) this.add(a.city.name, 'courier', a);
      if (a.type === 'merchant' && a.status !== 'pending_documents') this.add(a.city.name, 'merchant', a);
    }
  }

  private add(city: string, role: Role, a: Acc) {
    const key = `${city}/${role}`;
    const list = this.lists.get(key);
    if (list) list.push(a);
    else this.lists.set(key, [a]);
  }

  /** Someone of `role` in `city` who is active at `at` (a few tries), not in `not`. */
  pick(city: City, role: Role, at: number, not?: Acc): Acc | undefined {
    const list = this.lists.get(`${city.name}/${role}`);
    if (!list) return undefined;
    for (let k = 0; k < 8; k++) {
      const a = this.w.rng.pick(list);
      if (a !== not && a.created + 60_000 < at && at < a.end) return a;
    }
    return undefined;
  }
}

/** Another spelling of the same home: `Apt 4` as `#4` or `Unit 4`, `St` as `Street` (never the same string). */
export function addressVariant(r: Rng, address: string): string {
  const unit = /(, Apt |, Apartment |, Unit | Apt\. | #)(\w+),/.exec(address);
  if (unit) {
    const forms = UNIT_FORMS.map(([f]) => f).filter((f) => f !== unit[1]);
    return address.replace(unit[0], `${r.pick(forms)}${unit[2]},`);
  }
  for (const [short, long] of Object.entries(LONG_SUFFIX)) {
    if (address.includes(` ${short},`)) return address.replace(` ${short},`, ` ${long},`);
    if (address.includes(` ${long},`)) return address.replace(` ${long},`, ` ${short},`);
  }
  return address.replace(/^(\d+) /, '$1A ');
}

/** The same phone number written another way. */
export function phoneVariant(r: Rng, phone: string): string {
  const d = phone.replace(/\D/g, '').slice(-10);
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  const forms = [`+1 ${a} ${b} ${c}`, `(${a}) ${b}-${c}`, `+1${a}${b}${c}`, `${a}-${b}-${c}`];
  const other = forms.filter((f) => f !== phone);
  return r.pick(other);
}

/** Only an active account is still seen at the end of the window: any other status ended its life before. */
export function settle(w: World): void {
  for (const a of w.accounts) {
    if (a.status === 'active' || a.end < WINDOW_END - 2 * DAY) continue;
    a.end = a.created + w.rng.between(0.3, 0.95) * (a.end - a.created);
  }
}

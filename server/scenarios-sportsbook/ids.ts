// Identifier values of the sportsbook world, all fictional: IPs from reserved ranges (198.18.0.0/15 for homes and
// abroad, spilling into 240.0.0.0/4 when a very large population fills it; 100.64.0.0/10 for carrier NAT,
// 203.0.113.0/24 for VPN exits, 192.0.2.0/24 and 198.51.100.0/24 for venues and offices, 2001:db8::/32 for IPv6),
// phone numbers on the 555 exchange, invented mailboxes, and payment instruments as processor tokens (never card
// numbers). Every fresh value is unique after the loader's normalisation, so two players meet on an identifier only
// when the scenario says so.
import { containsPan, normalizeEmail } from '../ingest/normalize.ts';
import type { Random } from '../generate/rng.ts';
import type { Card, Device, Instrument, Player } from './world.ts';
import {
  APP_VERSIONS,
  AREA_CODES,
  BINS,
  DESKTOPS,
  EMULATORS,
  MAIL_DOMAINS,
  PHONE_MODELS,
  STREETS,
  STREET_SUFFIXES,
  type Region,
} from './words.ts';

export interface Address {
  number: number;
  street: string;
  suffix: number;
  unit?: number;
  town: string;
  region: Region;
  post: string;
}

/** How a player types an address: the usual spelling, or one of the variants people (and evaders) use. */
export type AddressStyle = 'plain' | 'long' | 'hash' | 'caps' | 'spaced';

export function formatAddress(a: Address, style: AddressStyle = 'plain'): string {
  const [short, long] = STREET_SUFFIXES[a.suffix]!;
  const street = `${a.number} ${cap(a.street)} ${style === 'long' ? long : short}`;
  const unit =
    a.unit === undefined
      ? ''
      : style === 'hash'
        ? ` #${a.unit}`
        : style === 'long'
          ? `, Apartment ${a.unit}`
          : ` Apt ${a.unit}`;
  const text = `${street}${unit}, ${a.town}, ${a.region.code} ${a.post}`;
  if (style === 'caps') return text.toUpperCase();
  if (style === 'spaced') return text.replaceAll(', ', ' ,  ');
  return text;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class Ids {
  private readonly used = new Set<string>();
  private venueIps = 0;

  constructor(private readonly rng: Random) {}

  private fresh(
    kind: string,
    make: () => string,
    key: (v: string) => string = (v) => v.toLowerCase(),
    overflow?: () => string,
  ): string {
    for (let tries = 0; ; tries++) {
      // A nearly full range (home IPs of a very large population) spills into `overflow` instead of looping forever.
      const value = overflow && tries >= 40 ? overflow() : make();
      // Not even a digit run inside a hex token that a blunt data-loss scanner would take for a card number.
      if (containsPan(value, { anyRun: true })) continue;
      const k = `${kind}:${key(value)}`;
      if (!this.used.has(k)) {
        this.used.add(k);
        return value;
      }
    }
  }

  /** A personal mailbox: name-based local parts with the habits people have (dots, years, initials). */
  email(p: Pick<Player, 'first' | 'last'>, domain?: string): string {
    const r = this.rng;
    return this.fresh(
      'email',
      () => {
        const d = domain ?? r.weighted(MAIL_DOMAINS);
        const year = String(r.int(1958, 2005));
        const local = r.pick([
          () => `${p.first}.${p.last}`,
          () => `${p.first}${p.last}${r.int(1, 99)}`,
          () => `${p.first.charAt(0)}${p.last}${year.slice(2)}`,
          () => `${p.last}.${p.first}${r.int(1, 9)}`,
          () => `${p.first}_${p.last}${year}`,
          () => `${p.first}${r.int(100, 9999)}`,
        ])();
        return `${local}@${d}`;
      },
      (v) => normalizeEmail(v).key,
    );
  }

  /** A phone number on the fictional 555 exchange, written the way people type it. */
  phone(region: Region): string {
    const r = this.rng;
    return this.fresh(
      'phone',
      () => {
        const area = r.pick(AREA_CODES[region.code]!);
        const line = String(r.int(0, 9999)).padStart(4, '0');
        return r.pick([
          `+1 ${area} 555 ${line}`,
          `(${area}) 555-${line}`,
          `${area}-555-${line}`,
          `${area}.555.${line}`,
        ]);
      },
      (v) => v.replace(/\D/g, '').slice(-10),
    );
  }

  /** `n` burner SIMs bought together: consecutive numbers on one area code. */
  burners(region: Region, n: number): string[] {
    const r = this.rng;
    for (;;) {
      const area = r.pick(AREA_CODES[region.code]!);
      const start = r.int(0, 9999 - n);
      const numbers = Array.from({ length: n }, (_, i) => `${area}555${String(start + i).padStart(4, '0')}`);
      if (numbers.some((v) => this.used.has(`phone:${v}`))) continue;
      for (const v of numbers) this.used.add(`phone:${v}`);
      return numbers.map((v) => `+1 ${v.slice(0, 3)}-${v.slice(3, 6)}-${v.slice(6)}`);
    }
  }

  /** Templated mailboxes: one stem and a counter (`stem01@…`, `stem02@…`), each a different mailbox. */
  emailSeries(stem: string, domain: string, n: number): string[] {
    const r = this.rng;
    for (;;) {
      const start = r.int(1, 80);
      const emails = Array.from({ length: n }, (_, i) => `${stem}${String(start + i).padStart(2, '0')}@${domain}`);
      const keys = emails.map((e) => `email:${normalizeEmail(e).key}`);
      if (keys.some((k) => this.used.has(k))) continue;
      for (const k of keys) this.used.add(k);
      return emails;
    }
  }

  /** The Gmail dot trick: `n` spellings of one mailbox (dots moved, +tags added) that all reach the same inbox. */
  gmailDots(p: Pick<Player, 'first' | 'last'>, n: number): string[] {
    const r = this.rng;
    const base = this.fresh(
      'email',
      () => `${p.first}${p.last}${r.int(10, 99)}@gmail.com`,
      (v) => normalizeEmail(v).key,
    );
    const local = base.slice(0, base.indexOf('@'));
    return Array.from({ length: n }, (_, i) => {
      if (i === 0) return base;
      let s = '';
      for (let c = 0; c < local.length; c++) s += (c > 0 && r.chance(0.3) ? '.' : '') + local[c];
      return `${s}${r.chance(0.3) ? `+bonus${r.int(1, 9)}` : ''}@${r.chance(0.2) ? 'googlemail.com' : 'gmail.com'}`;
    });
  }

  address(region: Region, town?: string): Address {
    const r = this.rng;
    let a: Address;
    this.fresh(
      'address',
      () => {
        a = {
          number: r.int(1, 9800),
          street: r.pick(STREETS),
          suffix: r.int(0, STREET_SUFFIXES.length - 1),
          ...(r.chance(0.35) ? { unit: r.int(1, 420) } : {}),
          town: town ?? r.pick(region.towns),
          region,
          post:
            region.country === 'CA'
              ? `${letter(r)}${r.int(0, 9)}${letter(r)} ${r.int(0, 9)}${letter(r)}${r.int(0, 9)}`
              : String(r.int(7001, 49999)).padStart(5, '0'),
        };
        return formatAddress(a);
      },
      (v) => v.toLowerCase(),
    );
    return a!;
  }

  /** A residential IPv4 address (home broadband); ISPs hand homes a new one every few months. */
  homeIp(): string {
    const r = this.rng;
    return this.fresh(
      'ip',
      () => `198.18.${r.int(0, 255)}.${r.int(1, 254)}`,
      undefined,
      () => `240.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    );
  }

  /** A residential address abroad (a buyer of accounts, a card-fraud crew's proxy). */
  foreignIp(): string {
    const r = this.rng;
    return this.fresh(
      'ip',
      () => `198.19.${r.int(0, 255)}.${r.int(1, 254)}`,
      undefined,
      () => `241.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    );
  }

  /** A privacy-extension IPv6 address: a home prefix with a suffix that changes daily, so it rarely repeats. */
  ipv6(prefix: string): string {
    const r = this.rng;
    return this.fresh('ip', () => `${prefix}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}`);
  }

  /** A home's IPv6 /64 prefix (2001:db8::/32, the documentation range). */
  ipv6Prefix(): string {
    const r = this.rng;
    return this.fresh('prefix', () => `2001:db8:${r.hex(4)}:${r.hex(4)}`);
  }

  /** An address of a venue, office, campus or bar network: TEST-NET-1 and TEST-NET-2 (508 addresses). */
  venueIp(): string {
    const n = this.venueIps++;
    if (n >= 508) throw new Error('out of venue addresses');
    const ip = n < 254 ? `192.0.2.${n + 1}` : `198.51.100.${n - 253}`;
    this.used.add(`ip:${ip}`);
    return ip;
  }

  /** The device-intelligence SDK's fingerprint of a handset, desktop browser or emulator instance. */
  device(kind: 'phone' | 'desktop' | 'emulator' | 'kiosk' = 'phone', model?: readonly [string, string]): Device {
    const r = this.rng;
    const value = this.fresh('device', () => r.hex(32));
    const app = `SportsbookApp/${r.pick(APP_VERSIONS)}`;
    if (kind === 'desktop') return { value, userAgent: r.pick(DESKTOPS) };
    if (kind === 'emulator') return { value, userAgent: `${app} (${r.pick(EMULATORS)}; Android 11; emulator)` };
    if (kind === 'kiosk') return { value, userAgent: `RetailTerminal/3.4 (SSBT; Windows IoT 10)` };
    const [m, os] = model ?? r.pick(PHONE_MODELS);
    return { value, userAgent: `${app} (${m}; ${os})` };
  }

  /** A card as the processor tokenises it, with display BIN, last four and issuing country. */
  card(issuer: string): Instrument {
    const r = this.rng;
    const value = this.fresh('pm', () => `cfp_${r.hex(24)}`);
    const card: Card = {
      bin: r.pick(BINS[issuer] ?? BINS.US!),
      last4: String(r.int(0, 9999)).padStart(4, '0'),
      issuer,
    };
    return { value, card };
  }

  /** An e-wallet account (PayPal, Skrill, Neteller style) as a token. */
  ewallet(): Instrument {
    return { value: this.fresh('pm', () => `ewt_${this.rng.hex(24)}`) };
  }

  /** A bank account (ACH / Interac / online banking) as a token. */
  bank(): Instrument {
    return { value: this.fresh('pm', () => `bat_${this.rng.hex(24)}`) };
  }

  /** A prepaid voucher or prepaid card account (cash bought at a store) as a token. */
  voucher(): Instrument {
    return { value: this.fresh('pm', () => `pvc_${this.rng.hex(24)}`) };
  }
}

const letter = (r: Random) => 'ABCEGHJKLMNPRSTVXY'[r.int(0, 17)]!;

/** The token pattern of every instrument the generator writes. */
export const INSTRUMENT_TOKEN = /^(cfp|ewt|bat|pvc)_[0-9a-f]{24}$/;

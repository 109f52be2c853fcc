// Fictional identifier values of the wallet generator: names, mailboxes on reserved example domains, 555 phone
// numbers in the many spellings people type, postal addresses and their rewritings, app install ids and the generic
// fingerprints some phone builds report, IPs from reserved ranges (RFC 5737, RFC 2544, RFC 6598, RFC 3849) and
// processor tokens for cards and bank accounts (never a card number). Every value is drawn from the seeded Random.
import { containsPan } from '../ingest/normalize.ts';
import { hash32, type Random } from '../generate/rng.ts';
import { APP_VERSIONS, AREA_CODES, BINS, CITIES, DOMAINS, FIRST, LAST, MODELS, STREETS, SUFFIXES } from './words.ts';

export interface Name {
  first: string;
  last: string;
  born: number;
}

export interface Address {
  number: number;
  street: string;
  suffix: readonly [string, string];
  unit?: string;
  city: readonly [string, string, string];
  zip: string;
}

export class Values {
  private readonly emails = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly ips = new Set<string>();

  constructor(private readonly rng: Random) {}

  name(now: number): Name {
    const r = this.rng;
    const age = r.weighted([
      [r.int(18, 24), 30],
      [r.int(25, 39), 40],
      [r.int(40, 64), 25],
      [r.int(65, 80), 5],
    ]);
    return { first: r.pick(FIRST), last: r.pick(LAST), born: new Date(now).getUTCFullYear() - age };
  }

  /** A surname-sharing relative (same household). */
  relative(of: Name, born: number): Name {
    return { first: this.rng.pick(FIRST), last: of.last, born };
  }

  /** A unique mailbox in one of the ways people build them from their name. */
  email(n: Name, domain?: string): string {
    for (;;) {
      const r = this.rng;
      const digits = r.weighted([
        ['', 3],
        [String(n.born), 3],
        [String(n.born % 100).padStart(2, '0'), 2],
        [String(r.int(1, 999)), 4],
      ]);
      const local = r.weighted([
        [`${n.first}.${n.last}${digits}`, 4],
        [`${n.first}${n.last}${digits}`, 3],
        [`${n.first[0]}${n.last}${digits}`, 3],
        [`${n.first}_${n.last[0]}${digits}`, 2],
        [`${n.last}.${n.first}${digits}`, 1],
        [`${n.first}${r.base62(3).toLowerCase()}${digits}`, 2],
      ]);
      const email = `${local}@${domain ?? r.weighted(DOMAINS)}`;
      if (!this.emails.has(email)) {
        this.emails.add(email);
        return email;
      }
    }
  }

  /** A unique fictional US number (NPA-555-XXXX), returned as its digits; `spell` writes it the way a person does. */
  phone(): string {
    for (;;) {
      const digits = `${this.rng.pick(AREA_CODES)}555${String(this.rng.int(0, 9999)).padStart(4, '0')}`;
      if (!this.phones.has(digits)) {
        this.phones.add(digits);
        return digits;
      }
    }
  }

  /** Reserves a number (e.g. a block of sequential VOIP numbers) so no one else draws it. */
  takePhone(digits: string): boolean {
    if (this.phones.has(digits)) return false;
    this.phones.add(digits);
    return true;
  }

  spell(digits: string): string {
    const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
    return this.rng.weighted([
      [`+1 ${a} ${b} ${c}`, 3],
      [`(${a}) ${b}-${c}`, 3],
      [`${a}-${b}-${c}`, 2],
      [digits, 2],
      [`1${digits}`, 1],
    ]);
  }

  address(unitChance = 0.35): Address {
    const r = this.rng;
    const city = r.pick(CITIES);
    return {
      number: r.int(1, 9899),
      street: r.pick(STREETS),
      suffix: r.pick(SUFFIXES),
      ...(r.chance(unitChance)
        ? { unit: r.chance(0.75) ? String(r.int(1, 40)) : `${r.int(1, 9)}${'ABCD'[r.int(0, 3)]}` }
        : {}),
      city,
      zip: `${city[2]}${String(r.int(1, 99)).padStart(2, '0')}`,
    };
  }

  /** The canonical spelling of an address. */
  written(a: Address): string {
    const unit = a.unit ? ` Apt ${a.unit}` : '';
    return `${a.number} ${a.street} ${a.suffix[0]}${unit}, ${a.city[0]}, ${a.city[1]} ${a.zip}`;
  }

  /** Another way of writing the same place: abbreviations, unit notation, case, ZIP+4, a missing comma. */
  rewritten(a: Address, style: number): string {
    const unitForms = a.unit ? [` Apt ${a.unit}`, ` #${a.unit}`, ` Unit ${a.unit}`, ` APT ${a.unit}`] : [''];
    const unit = unitForms[style % unitForms.length]!;
    const suffix = style % 2 === 1 ? a.suffix[1] : `${a.suffix[1]}.`;
    const variants = [
      `${a.number} ${a.street} ${suffix}${unit}, ${a.city[0]}, ${a.city[1]} ${a.zip}`,
      `${a.number} ${a.street} ${a.suffix[1]}${unit} ${a.city[0]} ${a.city[1]} ${a.zip}-${String(1000 + ((a.number * 7) % 9000))}`,
      `${a.number} ${a.street} ${a.suffix[0]}${unit}, ${a.city[0]} ${a.city[1]}`.toUpperCase(),
      a.unit
        ? `${unit.trim()}, ${a.number} ${a.street} ${a.suffix[1]}, ${a.city[0]}, ${a.city[1]} ${a.zip}`
        : `${a.number} ${a.street} ${a.suffix[1]}, ${a.city[0]}, ${a.city[1]}, ${a.zip}`,
    ];
    return variants[style % variants.length]!;
  }

  /** A phone model and its app user agent. */
  handset(): { model: string; userAgent: string } {
    const r = this.rng;
    const [model, os] = r.weighted(MODELS.map((m) => [m, m[2]] as const));
    return { model, userAgent: `RLWallet/${r.pick(APP_VERSIONS)} (${model}; ${os})` };
  }

  /** An app install id: unique per install. */
  deviceId(): string {
    return this.token('dv-', 16);
  }

  /** The build-level fingerprint every device of one generic build (model, OS, app version) reports. */
  genericFingerprint(build: string): string {
    let h = 0;
    for (const ch of build) h = hash32(h, ch.charCodeAt(0));
    return `fp-${(h >>> 0).toString(16).padStart(8, '0')}${(hash32(h, 7) >>> 0).toString(16).padStart(8, '0')}`;
  }

  /** A unique address from a reserved block: residential (RFC 2544 benchmark range 198.18.0.0/15). */
  residentialIp(): string {
    for (;;) {
      const ip = `198.${this.rng.int(18, 19)}.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`;
      if (!this.ips.has(ip)) {
        this.ips.add(ip);
        return ip;
      }
    }
  }

  /** A mobile IPv6 address (documentation prefix): different for nearly every session. */
  mobileV6(): string {
    const r = this.rng;
    return `2001:db8:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}::${r.int(1, 0xfff).toString(16)}`;
  }

  /** A processor token for a card (fingerprint of the card, never its number) with its display attributes. */
  card(issuer = 'US'): { value: string; card: { bin: string; last4: string; issuer: string } } {
    return {
      value: this.token('cfp_'),
      card: { bin: this.rng.pick(BINS), last4: String(this.rng.int(0, 9999)).padStart(4, '0'), issuer },
    };
  }

  /** A linked bank account's processor token. */
  bank(): string {
    return this.token('ba_');
  }

  /** Random hex after a prefix, redrawn when a run of its digits would pass for a card number. */
  private token(prefix: string, length = 24): string {
    for (;;) {
      const value = `${prefix}${this.rng.hex(length)}`;
      if (!containsPan(value, { anyRun: true })) return value;
    }
  }
}

// Fictional identifier values for the catalogue generator. Every value is unique unless a scenario shares it on
// purpose: values come from counters, not from random draws that might collide. Nothing can name a real person or
// host: IPs only from reserved ranges (RFC 1918, 6598, 5737, 2544, 3849), phones in the unassigned 555 exchange,
// mailboxes at example.* and .test domains (never a provider whose alias rules would merge them), cards as
// processor-style tokens with a BIN and last four, never a card number.
import { containsPan } from '../ingest/normalize.ts';
import type { Rng } from './rng.ts';

const FIRST = ['mark', 'anna', 'li', 'omar', 'sofia', 'james', 'chen', 'maria', 'david', 'fatima', 'noah', 'emma'];
const LAST = ['smith', 'garcia', 'kim', 'novak', 'okafor', 'rossi', 'silva', 'khan', 'muller', 'dubois', 'ito'];
const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.test', 'inbox.test'];
const STREETS = ['Birch', 'Harbor', 'Meadow', 'Granite', 'Orchard', 'Summit', 'Willow', 'Lantern', 'Quarry', 'Falcon'];
const TOWNS = ['Northvale', 'Eastbrook', 'Westmere', 'Southport', 'Midford', 'Kingsbay', 'Ashgrove', 'Redcliff'];
const STREET_TYPES: [string, string][] = [
  ['Street', 'St'],
  ['Avenue', 'Ave'],
  ['Road', 'Rd'],
  ['Boulevard', 'Blvd'],
];
// Area codes shaped like real NANP ones (NXX, N 2–9, no N11, no 9 in the middle); the 555 exchange is not assigned
// to subscribers. Single numbers use lines 0100–4999, sequential blocks lines 5000–9999.
const AREA_CODES: number[] = [];
for (let npa = 201; npa <= 989; npa++) {
  if (Math.floor(npa / 10) % 10 === 9 || npa % 100 === 11) continue;
  AREA_CODES.push(npa);
}
const BLOCK = 16;
const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'IN', 'BR', 'CA', 'MX', 'NL', 'PL', 'ES', 'AU'];

/** Retry a draw until it holds no digit run that reads as a card number (a data-loss scanner would flag it). */
function clean(draw: () => string): string {
  for (;;) {
    const value = draw();
    if (!containsPan(value)) return value;
  }
}

function ipv4(base: number, offset: number): string {
  const v = (base + offset) >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Host `n` of a block, skipping .0 and .255. */
function host(block: [number, number, number, number], bits: number, n: number): string {
  const base = ((block[0] << 24) | (block[1] << 16) | (block[2] << 8) | block[3]) >>> 0;
  const size = 2 ** (32 - bits);
  const usable = Math.floor(size / 256) * 254 || size - 2;
  const k = n % usable;
  const offset = size >= 256 ? Math.floor(k / 254) * 256 + (k % 254) + 1 : k + 1;
  return ipv4(base, offset);
}

export interface Card {
  token: string;
  bin: string;
  last4: string;
  issuer: string;
}

export type IpPool = 'home' | 'carrier' | 'campus' | 'corporate' | 'vpn' | 'datacenter';

/** Hands out identifier values; one per dataset, seeded by the scenario's rng. */
export class Identities {
  private counters = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  private count(what: string): number {
    const n = this.counters.get(what) ?? 0;
    this.counters.set(what, n + 1);
    return n;
  }

  country(): string {
    return this.rng.one(COUNTRIES);
  }

  /** A device fingerprint: hex, unique by its counter suffix. */
  device(prefix = 'dfp'): string {
    const n = this.count('device');
    return clean(() => `${prefix}-${this.rng.chars('0123456789abcdef', 12)}-${n.toString(36)}`);
  }

  card(issuer = 'US'): Card {
    const n = this.count('card');
    const token = clean(() => `card_${this.rng.chars('abcdefghjkmnpqrstuvwxyz23456789', 14)}${n.toString(36)}`);
    const bin = `${this.rng.one(['4', '5', '37', '6'])}${String(this.rng.between(10000, 99999))}`.slice(0, 6);
    return { token, bin, last4: String(this.rng.between(0, 9999)).padStart(4, '0'), issuer };
  }

  personName(): { first: string; last: string } {
    return { first: this.rng.one(FIRST), last: this.rng.one(LAST) };
  }

  /** A personal mailbox, unique by a counter in its local part. */
  email(name = this.personName()): string {
    const n = this.count('email');
    const style = this.rng.between(0, 2);
    const local =
      style === 0
        ? `${name.first}.${name.last}.${n}`
        : style === 1
          ? `${name.first[0]}${name.last}${n}`
          : `${name.last}_${n}`;
    return `${local}@${this.rng.one(MAIL_DOMAINS)}`;
  }

  /** `size` (≤ 16) consecutive phone numbers +1 NPA-555-LLLL, as a script registering accounts in a row uses. */
  phones(size: number): string[] {
    if (size > BLOCK) throw new Error(`At most ${BLOCK} sequential phone numbers.`);
    const b = this.count('phone-block');
    const npa = AREA_CODES[b % AREA_CODES.length]!;
    const line = 5000 + Math.floor(b / AREA_CODES.length) * BLOCK;
    if (line + BLOCK > 9999) throw new Error('Synthetic phone number blocks exhausted.');
    return Array.from({ length: size }, (_, i) => `+1 ${npa}-555-${line + i}`);
  }

  phone(): string {
    const n = this.count('phone');
    const npa = AREA_CODES[n % AREA_CODES.length]!;
    const line = 100 + Math.floor(n / AREA_CODES.length);
    if (line > 4999) throw new Error('Synthetic phone numbers exhausted.');
    const l = String(line).padStart(4, '0');
    return this.rng.coin(0.5) ? `+1 ${npa}-555-${l}` : `+1${npa}555${l}`;
  }

  /** A street address; `spellings` returns the ways people write the same one. */
  address(): { number: number; street: string; type: [string, string]; town: string } {
    const n = this.count('address');
    return {
      number: 1 + (n % 997) + 1000 * Math.floor(n / (997 * STREETS.length * TOWNS.length)),
      street: STREETS[Math.floor(n / 997) % STREETS.length]!,
      type: STREET_TYPES[n % STREET_TYPES.length]!,
      town: TOWNS[Math.floor(n / (997 * STREETS.length)) % TOWNS.length]!,
    };
  }

  ip(pool: IpPool): string {
    const n = this.count(`ip-${pool}`);
    switch (pool) {
      case 'home':
        return host([10, 0, 0, 0], 8, n);
      case 'carrier':
        return host([100, 64, 0, 0], 10, n * 7919);
      case 'campus':
        return host([172, 16, 0, 0], 12, n * 101);
      case 'corporate':
        return host([198, 18, 0, 0], 15, n * 37);
      case 'vpn':
        return n % 2 === 0 ? host([203, 0, 113, 0], 24, n >> 1) : host([198, 51, 100, 0], 24, n >> 1);
      case 'datacenter':
        return n < 254 ? host([192, 0, 2, 0], 24, n) : `2001:db8:dc::${(n - 253).toString(16)}`;
    }
  }

  /** A mobile IPv6 address in the documentation prefix, unique by its counter. */
  mobileIp(): string {
    const n = this.count('ip6');
    return `2001:db8:${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}::${this.rng.between(1, 0xfffe).toString(16)}`;
  }
}

export type Address = ReturnType<Identities['address']>;

/** The canonical spelling, e.g. `14 Birch Street, Northvale`. */
export function addressText(a: Address): string {
  return `${a.number} ${a.street} ${a.type[0]}, ${a.town}`;
}

/**
 * One place written three ways, as templated sign-ups and sloppy forms do: full street type, abbreviated with a dot,
 * upper case without punctuation. Normalisation (case and spacing only) keeps them three different keys.
 */
export function addressSpellings(a: Address): [string, string, string] {
  return [
    addressText(a),
    `${a.number} ${a.street} ${a.type[1]}., ${a.town}`,
    `${a.number} ${a.street} ${a.type[1]} ${a.town}`.toUpperCase(),
  ];
}

/** The same address with only case and spacing changed (household members typing it), one key after normalising. */
export function addressRetyped(a: Address, rng: Rng): string {
  const text = addressText(a);
  return rng.coin(0.5) ? text.toUpperCase() : text.replace(', ', ' ,  ');
}

// Identifier values for the synthetic marketplace. Nothing here can name a real person or host:
// - IPs come only from ranges reserved for private use, documentation and benchmarking (RFC 1918, 5737, 6598, 2544,
//   3849), so no generated address is a real public host;
// - phones use the North American 555 exchange, which is not assigned to subscribers;
// - emails use reserved example domains, or random mailbox names at webmail providers (needed for alias tricks);
// - payment methods are `pm_` tokens with a BIN and last four digits, never a card number.
// Identifiers owned by one account are derived from a keyed permutation of its index, so they never collide by chance:
// every shared identifier in the output is shared on purpose (household, crowd or ring).
import { containsPan } from '../ingest/normalize.ts';
import { permute32, type Random } from './rng.ts';

// --- IPs -------------------------------------------------------------------------------------------------------------

function ipv4FromInt(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function parseCidr(cidr: string): { base: number; size: number } {
  const [address, bits] = cidr.split('/') as [string, string];
  const base = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  return { base, size: 2 ** (32 - Number(bits)) };
}

/** Hands out host addresses from a list of blocks in order, skipping .0 and .255, which hosts never use. */
export class Ipv4Allocator {
  private readonly blocks: { base: number; size: number }[];
  private block = 0;
  private offset = 0;

  constructor(cidrs: readonly string[]) {
    this.blocks = cidrs.map(parseCidr);
  }

  next(): string {
    for (;;) {
      const block = this.blocks[this.block];
      if (!block) throw new Error('Synthetic IP pool exhausted: add another reserved block.');
      if (this.offset >= block.size) {
        this.block++;
        this.offset = 0;
        continue;
      }
      const value = block.base + this.offset++;
      const last = value & 255;
      if (last !== 0 && last !== 255) return ipv4FromInt(value);
    }
  }
}

export const CROWD_BLOCKS = {
  cafe_wifi: ['203.0.113.0/24', '198.51.100.0/24', '198.19.0.0/17'],
  corporate_nat: ['198.18.0.0/16'],
  carrier_nat: ['100.64.0.0/10'],
} as const;
export type CrowdKind = keyof typeof CROWD_BLOCKS;
/** In order of use; the RFC 1918 block after the first two only serves marketplaces of several million accounts. */
export const PROXY_BLOCKS = ['192.0.2.0/24', '198.19.128.0/17', '172.16.0.0/12'];

/** Home broadband address of `slot` in 10.0.0.0/8: an odd multiplier makes it a bijection modulo 2^24. */
export function homeIpv4(slot: number, key: number): string {
  const host = (Math.imul(slot, 0x2545f491) + key) & 0xffffff;
  return ipv4FromInt((10 << 24) + host);
}

/** A mobile IPv6 address in the documentation prefix 2001:db8::/32. */
export function mobileIpv6(rng: Random): string {
  const groups = ['2001', 'db8'];
  for (let i = 0; i < 6; i++) groups.push(i === 2 ? '0' : (rng.u32() & 0xffff).toString(16));
  return groups.join(':');
}

/** The same IP as a real log might spell it: IPv4 as IPv4-mapped IPv6, IPv6 expanded and upper-cased. */
export function ipSpelling(ip: string, rng: Random): string {
  if (ip.includes(':')) {
    const full = ip.split(':').map((group) => group.padStart(4, '0'));
    return full.join(':').toUpperCase();
  }
  return rng.chance(0.5) ? `::ffff:${ip}` : `::FFFF:${ip}`;
}

// --- devices, payment methods -------------------------------------------------------------------------------------

/**
 * Random hex or base62 can, rarely, contain 13+ consecutive digits that pass Luhn; a data-loss scanner would flag
 * such a value as a card number, so those draws are simply redrawn.
 */
function panFree(draw: () => string): string {
  for (;;) {
    const value = draw();
    if (!containsPan(value, { anyRun: true })) return value;
  }
}

export function deviceId(rng: Random): string {
  return panFree(() => `dev_${rng.hex(16)}`);
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0',
  'RingMarket/5.2 (Android 13; SM-A546B)',
  'RingMarket/5.2 (iOS 17.4; iPhone15,2)',
];

export function userAgent(rng: Random): string {
  return rng.pick(USER_AGENTS);
}

export interface PaymentMethod {
  token: string;
  bin: string;
  last4: string;
}

/** A processor token (`pm_` + 24 base62 characters) with display BIN and last four: never a card number. */
export function paymentMethod(rng: Random): PaymentMethod {
  const bin = `${rng.pick(['4', '4', '5', '2', '3', '6'])}${String(rng.int(0, 99999)).padStart(5, '0')}`;
  const token = panFree(() => `pm_${rng.base62(24)}`);
  return { token, bin, last4: String(rng.int(0, 9999)).padStart(4, '0') };
}

// --- emails ------------------------------------------------------------------------------------------------------

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'vi', 'su', 'de', 'jo', 'ba', 'fe', 'no', 'ri', 'zu', 'ha'];
const EMAIL_DOMAINS: [string, number][] = [
  ['example.com', 30],
  ['example.net', 15],
  ['example.org', 10],
  ['gmail.com', 30],
  ['outlook.com', 15],
];

/** A mailbox name unique to `slot`: two syllables, a dot, and the slot's permuted number in base 36. */
export function mailboxName(slot: number, key: number, rng: Random): string {
  return `${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}.${permute32(slot, key).toString(36)}`;
}

export function email(slot: number, key: number, rng: Random, domain = rng.weighted(EMAIL_DOMAINS)): string {
  return `${mailboxName(slot, key, rng)}@${domain}`;
}

function randomCase(text: string, rng: Random): string {
  return rng.chance(0.5) ? text : text.replace(/[a-z]/g, (c) => (rng.chance(0.3) ? c.toUpperCase() : c));
}

/**
 * Spelling number `variant` of the mailbox `name@domain`, delivered by the provider to the same inbox: Gmail ignores
 * dots and `+tags` and answers on googlemail.com; Outlook ignores `+tags` but not dots; case never matters. Different
 * variants are different strings, so only normalisation can tell they are one identity.
 */
export function emailAlias(name: string, domain: 'gmail.com' | 'outlook.com', variant: number, rng: Random): string {
  const tag = `+${rng.pick(['shop', 'promo', 'x', 'market', 'alt'])}${variant}`;
  if (variant === 0) return `${name}@${domain}`;
  if (domain === 'outlook.com') return randomCase(`${name}${tag}@${domain}`, rng);
  const bare = name.replaceAll('.', '');
  const cut = 1 + (variant % (bare.length - 1));
  const dotted = `${bare.slice(0, cut)}.${bare.slice(cut)}`;
  const host = variant % 4 === 2 ? 'googlemail.com' : domain;
  return randomCase(`${dotted}${variant % 2 === 1 ? tag : ''}@${host}`, rng);
}

// --- phones ------------------------------------------------------------------------------------------------------

// Area codes NXX with N in 2-9, X not 9 in the middle, not N11: the shape of real North American area codes.
const AREA_CODES: number[] = [];
for (let npa = 200; npa <= 999; npa++) {
  const middle = Math.floor(npa / 10) % 10;
  if (middle === 9 || npa % 100 === 11 || npa === 555) continue;
  AREA_CODES.push(npa);
}
/** 7,110,000 distinct numbers: a marketplace bigger than that cannot give every account a number of its own. */
export const PHONE_SLOTS = AREA_CODES.length * 10_000;

/**
 * Ten NANP digits `NPA 555 XXXX` for `slot`. An affine map modulo PHONE_SLOTS with a multiplier coprime to it is a
 * bijection, so slots below PHONE_SLOTS never share a number.
 */
export function phoneDigits(slot: number, key: number): string {
  const index = (slot * 7_919 + (key % PHONE_SLOTS)) % PHONE_SLOTS;
  const npa = AREA_CODES[index % AREA_CODES.length]!;
  const line = Math.floor(index / AREA_CODES.length);
  return `${npa}555${String(line).padStart(4, '0')}`;
}

/** International spelling, valid whatever the account's country: `+12125550143` or `+1 212-555-0143`. */
export function phoneInternational(digits: string, rng: Random): string {
  return rng.chance(0.5) ? `+1${digits}` : `+1 ${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** Spellings of one US number that libphonenumber reads as the same E.164 with default country US. */
export function phoneVariant(digits: string, variant: number): string {
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  const forms = [
    `(${a}) ${b}-${c}`,
    `+1 ${a} ${b} ${c}`,
    `${a}.${b}.${c}`,
    `1-${a}-${b}-${c}`,
    `+1${digits}`,
    `${a}-${b}-${c}`,
  ];
  return forms[variant % forms.length]!;
}

// --- addresses ---------------------------------------------------------------------------------------------------

const STREETS = ['Maple', 'Oak', 'Cedar', 'Elm', 'Willow', 'Birch', 'Pine', 'Chestnut', 'Juniper', 'Aspen'];
const SUFFIXES = ['Street', 'Avenue', 'Road', 'Lane', 'Way', 'Court', 'Place', 'Drive'];
/** Each set of towns holds ADDRESS_SLOTS addresses; the second only serves marketplaces of over 6.4M homes. */
const TOWN_SETS = [
  ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Greenville', 'Brookfield', 'Mapleton', 'Ashford'],
  ['Oakhaven', 'Millbrook', 'Stonebridge', 'Westwood', 'Clearwater', 'Hillcrest', 'Northfield', 'Ridgemont'],
];
const HOUSE_NUMBERS = 9_999;
export const ADDRESS_SLOTS = HOUSE_NUMBERS * STREETS.length * SUFFIXES.length * TOWN_SETS[0]!.length;
/** Slots below this get distinct addresses. */
export const ADDRESS_CAPACITY = ADDRESS_SLOTS * TOWN_SETS.length;

/**
 * A fictional street address unique to `slot` below ADDRESS_CAPACITY: within each ADDRESS_SLOTS slots, an affine map
 * (104729 is a prime coprime to ADDRESS_SLOTS) onto number, street, suffix and town of that block's town set.
 */
export function postalAddress(slot: number, key: number): string {
  const towns = TOWN_SETS[Math.floor(slot / ADDRESS_SLOTS)];
  if (!towns) throw new Error('Synthetic address pool exhausted: add another set of towns.');
  let rest = ((slot % ADDRESS_SLOTS) * 104_729 + (key % ADDRESS_SLOTS)) % ADDRESS_SLOTS;
  const number = 1 + (rest % HOUSE_NUMBERS);
  rest = Math.floor(rest / HOUSE_NUMBERS);
  const street = STREETS[rest % STREETS.length]!;
  rest = Math.floor(rest / STREETS.length);
  const suffix = SUFFIXES[rest % SUFFIXES.length]!;
  const town = towns[Math.floor(rest / SUFFIXES.length)]!;
  return `${number} ${street} ${suffix}, ${town}`;
}

/** The address as another household member typed it: case and spacing differ, words do not. */
export function addressSpelling(address: string, rng: Random): string {
  const spaced = address.replace(', ', rng.chance(0.5) ? ' ,' : ',  ');
  return rng.chance(0.5) ? spaced.toUpperCase() : spaced;
}

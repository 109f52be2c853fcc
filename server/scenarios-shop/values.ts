// Fictional identifiers for the shop: people's names, mailboxes, +1 555 phone numbers, street addresses in made-up
// towns, device fingerprints with their browsers, card tokens (never a card number) and IP addresses from reserved
// ranges only (240/8 homes and residential proxies, 100.64/10 mobile carriers, 198.18/15 VPN and hosting,
// TEST-NETs for offices, campuses and libraries, 2001:db8::/32 for IPv6 homes).
import { containsPan, normalizeAddress, normalizeEmail } from '../ingest/normalize.ts';
import type { Dice } from './random.ts';

const FIRST =
  'ada alma amir ana arlo aya bea ben cai cleo dana dev eli ema emil eva ezra faye finn gia gus hana ivo ines jade jon kai kim lea leo lina luca mae mara max mia milo nia noa omar ora otto pia raj remy rosa ruth sam sana tara teo uma vera wes yara yuki zane zoe'.split(
    ' ',
  );
const LAST =
  'abara bergen castell dorin ekwue falk garnier halden iyer jansky kovac lindqvist moreau nakata okoro petrak quist rahal sandor tervo ulloa varga whitlow yilmaz zeller brandt cormier delacroix esposito fontaine gallo hartmann ibsen jovanovic kaplan lorenz mendez novak ortiz pereira rossi schultz tanaka vogel weber'.split(
    ' ',
  );
const STREET =
  'Alder Aspen Basalt Bramble Copper Dapple Ember Fallow Gable Heron Indigo Juniper Kestrel Lantern Marrow Nettle Orchard Pebble Quill Rowan Saffron Tansy Umber Vesper Wren Yarrow'.split(
    ' ',
  );
const STREET_KIND: readonly (readonly [string, string])[] = [
  ['Street', 'St'],
  ['Avenue', 'Ave'],
  ['Road', 'Rd'],
  ['Lane', 'Ln'],
  ['Court', 'Ct'],
  ['Terrace', 'Ter'],
];
const TOWN_A = 'Ash Bram Cold Dun East Fair Gold Hollin Lark Mill North Oster Pell Quen Rook Silver Tam West'.split(
  ' ',
);
const TOWN_B = 'bury combe dale ford gate holm leigh mere moor stow thwaite wick'.split(' ');
const STATES = ['NY', 'CA', 'TX', 'IL', 'WA', 'GA', 'OH', 'PA', 'AZ', 'MA', 'ON', 'BC'];
/** US and Canadian area codes; every number is in the fictional 555 exchange. */
const AREA = [
  201, 206, 212, 213, 303, 305, 312, 314, 404, 412, 415, 416, 503, 512, 514, 602, 604, 612, 614, 617, 646, 702, 704,
  713, 718, 720, 773, 801, 808, 816, 817, 832, 847, 858, 904, 916, 917, 919, 925, 949,
];

export const MAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 30],
  ['outlook.com', 10],
  ['icloud.com', 8],
  ['example.com', 18],
  ['example.net', 12],
  ['example.org', 8],
  ['post.example', 8],
  ['inbox.example', 6],
];
export const DISPOSABLE_DOMAINS = ['tempbox.example', 'burnmail.example', 'minutemail.example', 'dropbox-mail.example'];

export interface Device {
  value: string;
  ua: string;
}

export interface Card {
  token: string;
  bin: string;
  last4: string;
  issuer: string;
}

const UA = {
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  shopApp: 'ShopApp/5.12.0 (Android 13; SM-A546B)',
  windows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/125.0.0.0 Safari/537.36',
} as const;
export type DeviceForm = 'phone' | 'computer' | 'tablet' | 'headless';

/** Unique fictional identifiers; uniqueness is by the loader's own normalised key, so two never merge by accident. */
export class Identifiers {
  private readonly emails = new Set<string>();
  private readonly addresses = new Set<string>();
  private phones = 0;

  constructor(private readonly dice: Dice) {}

  name(): { first: string; last: string } {
    return { first: this.dice.pick(FIRST), last: this.dice.pick(LAST) };
  }

  /** A mailbox nobody else holds (after normalisation), in one of the usual spellings. */
  email(name = this.name(), domain = this.dice.weighted(MAIL_DOMAINS)): string {
    for (let attempt = 0; ; attempt++) {
      const n = this.dice.int(1, attempt < 3 ? 99 : 99_999);
      const local = this.dice.weighted<string>([
        [`${name.first}.${name.last}`, 3],
        [`${name.first}${name.last}${n}`, 3],
        [`${name.first[0]}${name.last}`, 2],
        [`${name.last}.${name.first}${n}`, 1],
        [`${name.first}_${this.dice.hex(4)}`, 1],
      ]);
      const email = `${local}@${domain}`;
      if (this.claim(email)) return email;
    }
  }

  /** Claims an exact mailbox; false when its normalised form is taken. */
  claim(email: string): boolean {
    const key = normalizeEmail(email).key;
    if (this.emails.has(key)) return false;
    this.emails.add(key);
    return true;
  }

  /** A fresh +1 (AAA) 555-XXXX number, never one handed out before. */
  phone(): string {
    const i = this.phones++;
    if (i >= AREA.length * 10_000) throw new RangeError('fictional phone numbers used up');
    const area = AREA[i % AREA.length]!;
    // 7919 is prime to 10 000, so the walk visits every line number of an area code before any repeats.
    const line = (Math.floor(i / AREA.length) * 7919 + 1234) % 10_000;
    return `+1 (${area}) 555-${String(line).padStart(4, '0')}`;
  }

  /** A house number and street, with the street type spelled out and abbreviated (for a fraudster's variations). */
  streetParts(): { number: number; name: string; long: string; short: string } {
    const [long, short] = this.dice.pick(STREET_KIND);
    return { number: this.dice.int(2, 9899), name: this.dice.pick(STREET), long, short };
  }

  street(): string {
    const s = this.streetParts();
    return `${s.number} ${s.name} ${s.long}`;
  }

  town(): string {
    return `${this.dice.pick(TOWN_A)}${this.dice.pick(TOWN_B)}, ${this.dice.pick(STATES)} ${this.dice.digits(5)}`;
  }

  /** An address nobody else uses yet (normalised), built from `make`. */
  address(make: () => string = () => `${this.street()}, ${this.town()}`): string {
    for (;;) {
      const address = make();
      const key = normalizeAddress(address).key;
      if (!this.addresses.has(key)) {
        this.addresses.add(key);
        return address;
      }
    }
  }

  device(form: DeviceForm): Device {
    const ua =
      form === 'phone'
        ? this.dice.weighted<string>([
            [UA.iphone, 5],
            [UA.android, 4],
            [UA.shopApp, 2],
          ])
        : form === 'tablet'
          ? UA.ipad
          : form === 'headless'
            ? UA.headless
            : this.dice.weighted<string>([
                [UA.windows, 5],
                [UA.mac, 3],
                [UA.firefox, 1],
              ]);
    return { value: `fp_${this.hex(20)}`, ua };
  }

  /** A processor token with display BIN and last four; neither the token nor anything else holds a card number. */
  card(issuer: string, bins: readonly string[] = ISSUER_BINS): Card {
    return { token: `tok_${this.hex(24)}`, bin: this.dice.pick(bins), last4: this.dice.digits(4), issuer };
  }

  /** Random hex in which not even a blunt scanner would see a card number (a Luhn-valid run of 13+ digits). */
  hex(length: number): string {
    for (;;) {
      const hex = this.dice.hex(length);
      if (!containsPan(hex, { anyRun: true })) return hex;
    }
  }
}

/** Display BINs of ordinary issuing banks, prepaid programmes and virtual-card providers (fictional). */
export const ISSUER_BINS = ['431940', '447712', '455601', '476215', '489317', '515872', '527431', '546619', '552208'];
export const PREPAID_BINS = ['440393', '533248'];
export const VIRTUAL_BINS = ['485932'];

/** The popular-phone models whose default fingerprint many strangers report identically. */
export function defaultFingerprints(): Device[] {
  return ['a1c0f3e9d27b8a4410c2', '7be1d04c95aa3f2e6b18', 'f04d9e2ab7c16358e0a9', '3e8b5c71d0f2a94c6e15'].map(
    (hex, i) => ({ value: `fp_${hex}`, ua: i % 2 === 0 ? UA.iphone : UA.android }),
  );
}

/**
 * Unique IPv4 addresses from one range: the n-th address is base + (n * odd) mod 2^bits, a bijection, so addresses
 * never repeat until the range is used up and consecutive ones are far apart.
 */
export class IpRange {
  private n = 0;

  constructor(
    private readonly base: number,
    private readonly bits: number,
    private readonly stride = 0x9e3779b1,
  ) {}

  next(): string {
    const size = 2 ** this.bits;
    if (this.n >= size) throw new RangeError('IP range used up');
    const offset = Number((BigInt(this.n++) * BigInt(this.stride >>> 0) + 12_345n) % BigInt(size));
    const ip = (this.base + offset) >>> 0;
    return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
  }
}

export const ipv4 = (a: number, b: number, c = 0, d = 0) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

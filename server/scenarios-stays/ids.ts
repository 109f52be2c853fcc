// The identifiers of the lodging marketplace, all fictional: 555 numbers in North American area codes and the UK's
// drama ranges, IPs from reserved ranges only (198.18.0.0/15 and 2001:db8::/32 for broadband, 100.64.0.0/10 for
// carrier-grade NAT, TEST-NETs for venues, VPN exits and airports), made-up mailboxes and street addresses, opaque
// device fingerprints, and payment instruments as processor tokens (`card_…` cards, `acct_…` payout bank accounts).
import { Rng, Scrambled } from './rng.ts';

/** What a payment-instrument token of this generator looks like. */
export const INSTRUMENT_TOKEN = /^(card|acct)_[a-z0-9]{20}$/;

export type Country = 'US' | 'CA' | 'PR' | 'BS' | 'JM' | 'DO' | 'GB';

export interface Place {
  country: Country;
  currency: string;
  /** Local currency units per US dollar (rounded; prices are set in local money). */
  fx: number;
  cities: readonly (readonly [string, string, (r: Rng) => string])[];
  /** Share of the platform's guests from here, and of its listings here. */
  guests: number;
  listings: number;
  /** Median nightly price in US dollars. */
  nightly: number;
}

const digits = (n: number) => (r: Rng) => String(r.int(0, 10 ** n - 1)).padStart(n, '0');
const none = () => '';
const usZip = (prefix: string) => (r: Rng) => `${prefix}${digits(2)(r)}`;
const caPostal = (fsa: string) => (r: Rng) =>
  `${fsa} ${r.int(1, 9)}${String.fromCharCode(65 + r.int(0, 25))}${r.int(1, 9)}`;
const ukPostal = (area: string) => (r: Rng) =>
  `${area}${r.int(1, 20)} ${r.int(1, 9)}${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}`;

export const PLACES: Record<Country, Place> = {
  US: {
    country: 'US',
    currency: 'USD',
    fx: 1,
    cities: [
      ['Miami', 'FL', usZip('331')],
      ['New Orleans', 'LA', usZip('701')],
      ['Asheville', 'NC', usZip('288')],
      ['San Diego', 'CA', usZip('921')],
      ['Honolulu', 'HI', usZip('968')],
      ['Austin', 'TX', usZip('787')],
    ],
    guests: 44,
    listings: 34,
    nightly: 160,
  },
  CA: {
    country: 'CA',
    currency: 'CAD',
    fx: 1.35,
    cities: [
      ['Toronto', 'ON', caPostal('M5V')],
      ['Montreal', 'QC', caPostal('H2X')],
      ['Whistler', 'BC', caPostal('V8E')],
      ['Halifax', 'NS', caPostal('B3H')],
    ],
    guests: 18,
    listings: 15,
    nightly: 140,
  },
  PR: {
    country: 'PR',
    currency: 'USD',
    fx: 1,
    cities: [
      ['San Juan', 'PR', usZip('009')],
      ['Rincon', 'PR', usZip('006')],
    ],
    guests: 4,
    listings: 12,
    nightly: 130,
  },
  BS: {
    country: 'BS',
    currency: 'BSD',
    fx: 1,
    cities: [
      ['Nassau', 'New Providence', none],
      ['Freeport', 'Grand Bahama', none],
    ],
    guests: 3,
    listings: 11,
    nightly: 210,
  },
  JM: {
    country: 'JM',
    currency: 'JMD',
    fx: 155,
    cities: [
      ['Montego Bay', 'St James', none],
      ['Negril', 'Westmoreland', none],
      ['Kingston', 'St Andrew', none],
    ],
    guests: 5,
    listings: 13,
    nightly: 110,
  },
  DO: {
    country: 'DO',
    currency: 'DOP',
    fx: 59,
    cities: [
      ['Punta Cana', 'La Altagracia', usZip('230')],
      ['Santo Domingo', 'Distrito Nacional', usZip('104')],
    ],
    guests: 6,
    listings: 15,
    nightly: 95,
  },
  GB: {
    country: 'GB',
    currency: 'GBP',
    fx: 0.79,
    cities: [
      ['London', 'Greater London', ukPostal('SE')],
      ['Manchester', 'Greater Manchester', ukPostal('M')],
      ['Leeds', 'West Yorkshire', ukPostal('LS')],
    ],
    guests: 14,
    listings: 0,
    nightly: 150,
  },
};

export const COUNTRIES = Object.keys(PLACES) as Country[];
export const LISTING_COUNTRIES = COUNTRIES.filter((c) => PLACES[c].listings > 0);

/** North American area codes per country (the 555 exchange is fictional in every one of them). */
const AREA: Record<Exclude<Country, 'GB'>, string[]> = {
  US: ['305', '786', '504', '828', '619', '808', '512', '212', '617', '312'],
  CA: ['416', '647', '514', '604', '902'],
  PR: ['787', '939'],
  BS: ['242'],
  JM: ['876', '658'],
  DO: ['809', '829', '849'],
};
/** Ofcom's numbers reserved for drama, 1000 each: never assigned to anyone. */
const UK_DRAMA = ['7700 900', '20 7946 0', '113 496 0', '114 496 0', '115 496 0', '116 496 0', '117 496 0'].concat([
  '118 496 0',
  '121 496 0',
  '131 496 0',
  '141 496 0',
  '151 496 0',
  '161 496 0',
  '191 498 0',
]);

const FIRST = (
  'james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan joseph ' +
  'jessica thomas sarah carlos maria jose ana luis sofia wei li priya arjun fatima omar leila kwame ama chloe liam ' +
  'emma noah olivia lucas mia ethan ava mateo isabella diego camila oliver harry amelia george isla jack poppy ' +
  'marc julie sophie gabriel andre keisha marlon shanice tamika devon yolanda rafael yesenia ramon altagracia'
).split(' ');
const LAST = (
  'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson ' +
  'anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis ' +
  'robinson walker young allen king wright scott torres nguyen hill flores green adams baker hall rivera ' +
  'campbell mitchell tremblay gagnon roy patel singh chen wang kim okafor evans hughes davies morgan ' +
  'francis grant reid bennett ferguson rolle knowles cartwright pena batista reyes santana'
).split(' ');
const STREETS = (
  'Ocean Palm Bay Harbour Coral Beach Sunset Hibiscus Mango Royal Palmetto Maple Oak Cedar Pine Elm Lake Hill ' +
  'Park Bridge Church Mill Ridge Valley Meadow Willow Queen King Market Marine Front Shore Dune Lagoon Reef'
).split(' ');
const SUFFIX = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Way', 'Ct'];
export const LONG_SUFFIX: Record<string, string> = {
  St: 'Street',
  Ave: 'Avenue',
  Rd: 'Road',
  Dr: 'Drive',
  Ln: 'Lane',
  Way: 'Way',
  Ct: 'Court',
};

const DOMAINS: Record<Country, readonly (readonly [string, number])[]> = {
  US: [
    ['gmail.com', 46],
    ['icloud.com', 16],
    ['yahoo.com', 11],
    ['outlook.com', 10],
    ['hotmail.com', 7],
    ['aol.com', 3],
    ['proton.me', 2],
  ],
  CA: [
    ['gmail.com', 44],
    ['outlook.com', 12],
    ['hotmail.com', 12],
    ['icloud.com', 12],
    ['videotron.ca', 4],
    ['shaw.ca', 3],
  ],
  PR: [
    ['gmail.com', 55],
    ['hotmail.com', 15],
    ['yahoo.com', 15],
  ],
  BS: [
    ['gmail.com', 55],
    ['hotmail.com', 15],
    ['yahoo.com', 15],
    ['batelnet.bs', 4],
  ],
  JM: [
    ['gmail.com', 60],
    ['yahoo.com', 18],
    ['hotmail.com', 12],
  ],
  DO: [
    ['gmail.com', 58],
    ['hotmail.com', 20],
    ['yahoo.com', 12],
  ],
  GB: [
    ['gmail.com', 40],
    ['outlook.com', 12],
    ['hotmail.co.uk', 12],
    ['btinternet.com', 8],
    ['icloud.com', 12],
    ['yahoo.co.uk', 6],
  ],
};

const BINS: Record<Country, string[]> = {
  US: ['414720', '426684', '440066', '517805', '542418', '552433', '379736', '485246'],
  CA: ['450060', '451015', '520588', '543104', '472409'],
  PR: ['414720', '426684', '517805'],
  BS: ['447532', '535316'],
  JM: ['425857', '518791'],
  DO: ['410867', '523670'],
  GB: ['465858', '492181', '535522', '475129'],
};
/** Issuers far from where the platform operates (stolen cards are often bought abroad). */
export const FAR_ISSUERS: readonly (readonly [string, string[]])[] = [
  ['BR', ['498408', '516292']],
  ['DE', ['455600', '522162']],
  ['NG', ['539983']],
  ['IN', ['421323', '524193']],
  ['FR', ['497010', '513283']],
];

export interface Card {
  token: string;
  bin: string;
  last4: string;
  issuer: string;
}

export interface Person {
  first: string;
  last: string;
}

/** Allocates fresh identifiers: the same one is never handed out twice by accident (sharing is always on purpose). */
export class Identities {
  private readonly phones = new Map<string, { pool: Scrambled; prefixes: string[]; size: number }>();
  private readonly emails = new Set<string>();
  private readonly addresses = new Set<string>();
  private readonly fixedV4: Scrambled;
  private fixedV6 = 0;
  private readonly devices = new Set<string>();
  private readonly tokens = new Set<string>();

  constructor(private readonly rng: Rng) {
    this.fixedV4 = new Scrambled(1 << 17, rng);
    for (const c of COUNTRIES) {
      const prefixes = c === 'GB' ? UK_DRAMA : AREA[c];
      const size = c === 'GB' ? 1000 : 10_000;
      this.phones.set(c, { pool: new Scrambled(prefixes.length * size, rng), prefixes, size });
    }
  }

  person(): Person {
    return { first: this.rng.pick(FIRST), last: this.rng.pick(LAST) };
  }

  /** A number of `country`, written as people type it; falls back on the US pool when the country's runs out. */
  phone(country: Country): string {
    for (const c of [country, 'US', 'CA'] as Country[]) {
      const p = this.phones.get(c)!;
      if (p.pool.left === 0) continue;
      const n = p.pool.next();
      const prefix = p.prefixes[Math.floor(n / p.size)]!;
      if (c === 'GB') {
        const line = String(n % 1000).padStart(3, '0');
        return this.rng.chance(0.6) ? `+44 ${prefix}${line}` : `+44${prefix.replaceAll(' ', '')}${line}`;
      }
      const line = String(n % 10_000).padStart(4, '0');
      const style = this.rng.int(0, 3);
      if (style === 0) return `+1 ${prefix} 555 ${line}`;
      if (style === 1) return `(${prefix}) 555-${line}`;
      if (style === 2) return `+1${prefix}555${line}`;
      return `${prefix}-555-${line}`;
    }
    throw new RangeError('phone numbers exhausted');
  }

  /** Reserves an exact mailbox (compared as the loader does); false when it is taken. */
  claim(email: string): boolean {
    const [local, domain] = email.toLowerCase().split('@') as [string, string];
    const key = `${domain === 'gmail.com' ? local.split('+')[0]!.replaceAll('.', '') : local}@${domain}`;
    if (this.emails.has(key)) return false;
    this.emails.add(key);
    return true;
  }

  /** A personal mailbox nobody else has, on a consumer domain usual in `country` (or on `domain`). */
  email(p: Person, country: Country, domain?: string): string {
    for (;;) {
      const d = domain ?? this.rng.weighted(DOMAINS[country]);
      const sep = this.rng.pick(['.', '', '_', '.']);
      const tail = this.rng.chance(0.65) ? String(this.rng.int(1, 9999)) : this.rng.token(3);
      const local = this.rng.chance(0.2) ? `${p.first[0]}${p.last}${tail}` : `${p.first}${sep}${p.last}${tail}`;
      const value = `${local}@${d}`;
      if (this.claim(value)) return value;
    }
  }

  /** A staff mailbox on a company's own domain: first.last@ or first initial + last@. */
  staffEmail(p: Person, domain: string): string {
    for (let k = 0; ; k++) {
      const local = !p.last
        ? `${p.first}${k === 0 ? '' : k + 1}`
        : k === 0
          ? `${p.first}.${p.last}`
          : k === 1
            ? `${p.first[0]}${p.last}`
            : `${p.first}.${p.last}${k}`;
      const value = `${local}@${domain}`;
      if (this.claim(value)) return value;
    }
  }

  /** A street address nobody else has, in one of `country`'s cities (`unit` adds a flat number). */
  address(country: Country, unit = this.rng.chance(0.35)): string {
    const place = PLACES[country];
    for (;;) {
      const [city, region, post] = this.rng.pick(place.cities);
      const suffix = this.rng.pick(SUFFIX);
      const long = this.rng.chance(0.3) ? LONG_SUFFIX[suffix]! : suffix;
      const street = `${this.rng.int(2, 4999)} ${this.rng.pick(STREETS)} ${long}`;
      const flat = unit ? `${this.rng.pick([', Apt ', ' #', ', Unit ', ', Suite '])}${this.rng.int(1, 40)}` : '';
      const code = post(this.rng);
      const value = `${street}${flat}, ${city}, ${region}${code ? ' ' + code : ''}`;
      const key = value.toLowerCase();
      if (this.addresses.has(key)) continue;
      this.addresses.add(key);
      return value;
    }
  }

  /** A fixed-line IP (home, office, listing Wi-Fi, residential proxy): 198.18.0.0/15, then 2001:db8::/32. */
  fixedIp(): string {
    if (this.fixedV4.left > 0 && this.rng.chance(0.75)) {
      const n = this.fixedV4.next();
      return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
    }
    const n = ++this.fixedV6;
    return `2001:db8:${(0x100 + (n >> 16)).toString(16)}:${(n & 0xffff).toString(16)}::${this.rng.int(1, 0xfff).toString(16)}`;
  }

  /** An opaque device fingerprint. */
  device(): string {
    for (;;) {
      const value = `fp_${this.rng.hex(24)}`;
      if (!this.devices.has(value) && !/\d{8}/.test(value)) {
        this.devices.add(value);
        return value;
      }
    }
  }

  private token(prefix: 'card' | 'acct'): string {
    for (;;) {
      const value = `${prefix}_${this.rng.token(20)}`;
      if (!this.tokens.has(value)) {
        this.tokens.add(value);
        return value;
      }
    }
  }

  /** A card fingerprint with its display attributes; `far` gives a card issued far from the platform's markets. */
  card(country: Country, far = false): Card {
    let issuer: string = country === 'PR' ? 'US' : country;
    let bins = BINS[country];
    if (far) {
      const [c, b] = this.rng.pick(FAR_ISSUERS);
      issuer = c;
      bins = b;
    }
    return { token: this.token('card'), bin: this.rng.pick(bins), last4: digits(4)(this.rng), issuer };
  }

  /** A payout bank account's token. */
  bank(): string {
    return this.token('acct');
  }
}

/** The same address as someone would type it again: the street type long or short, the flat written otherwise. */
export function addressVariant(r: Rng, address: string): string {
  for (const [short, long] of Object.entries(LONG_SUFFIX)) {
    if (short === long) continue;
    if (address.includes(` ${short},`)) return address.replace(` ${short},`, ` ${long},`);
    if (address.includes(` ${long},`)) return address.replace(` ${long},`, ` ${short},`);
  }
  if (address.includes(', Apt ')) return address.replace(', Apt ', r.chance(0.5) ? ' #' : ', Unit ');
  return address.replace(/^(\d+) /, '$1  ').toUpperCase();
}

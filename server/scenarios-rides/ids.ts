// The identifiers of the ride-hailing and food-delivery world, all fictional: 555 phone numbers, IPs from reserved
// ranges (TEST-NETs, 198.18.0.0/15, 100.64.0.0/10 for carrier-grade NAT, 2001:db8::/32), made-up mailboxes and
// street addresses, opaque device fingerprints, and payment methods written as processor tokens (`card_…` for cards,
// `bank_…` for payout bank accounts), never as card numbers.
import { Rng, UniquePool } from './rng.ts';

/** What a payment-instrument token of this generator looks like. */
export const INSTRUMENT_TOKEN = /^(card|bank)_[a-z0-9]{20}$/;

export type Country = 'US' | 'CA' | 'PR';

export interface City {
  name: string;
  region: string;
  country: Country;
  currency: 'USD' | 'CAD';
  weight: number;
  areaCodes: string[];
  zip: (rng: Rng) => string;
}

const usZip = (prefix: string) => (rng: Rng) => `${prefix}${String(rng.int(0, 99)).padStart(2, '0')}`;
const caPostal = (fsa: string[]) => (rng: Rng) =>
  `${rng.pick(fsa)} ${rng.int(1, 9)}${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(0, 9)}`;

export const CITIES: City[] = [
  {
    name: 'Chicago',
    region: 'IL',
    country: 'US',
    currency: 'USD',
    weight: 0.2,
    areaCodes: ['312', '773', '872', '708', '847', '630', '224'],
    zip: usZip('606'),
  },
  {
    name: 'Austin',
    region: 'TX',
    country: 'US',
    currency: 'USD',
    weight: 0.1,
    areaCodes: ['512', '737', '254'],
    zip: usZip('787'),
  },
  {
    name: 'Seattle',
    region: 'WA',
    country: 'US',
    currency: 'USD',
    weight: 0.12,
    areaCodes: ['206', '425', '253', '360'],
    zip: usZip('981'),
  },
  {
    name: 'Miami',
    region: 'FL',
    country: 'US',
    currency: 'USD',
    weight: 0.13,
    areaCodes: ['305', '786', '954', '754'],
    zip: usZip('331'),
  },
  {
    name: 'Denver',
    region: 'CO',
    country: 'US',
    currency: 'USD',
    weight: 0.09,
    areaCodes: ['303', '720', '970'],
    zip: usZip('802'),
  },
  {
    name: 'Toronto',
    region: 'ON',
    country: 'CA',
    currency: 'CAD',
    weight: 0.16,
    areaCodes: ['416', '647', '437', '905', '289'],
    zip: caPostal(['M5V', 'M4Y', 'M6J', 'M5A', 'M4C', 'M6P']),
  },
  {
    name: 'Montreal',
    region: 'QC',
    country: 'CA',
    currency: 'CAD',
    weight: 0.08,
    areaCodes: ['514', '438', '450'],
    zip: caPostal(['H2X', 'H2T', 'H3H', 'H2J', 'H4A']),
  },
  {
    name: 'Vancouver',
    region: 'BC',
    country: 'CA',
    currency: 'CAD',
    weight: 0.07,
    areaCodes: ['604', '778', '236'],
    zip: caPostal(['V6B', 'V5K', 'V6K', 'V5T', 'V6G']),
  },
  {
    name: 'San Juan',
    region: 'PR',
    country: 'PR',
    currency: 'USD',
    weight: 0.05,
    areaCodes: ['787', '939'],
    zip: usZip('009'),
  },
];

const FIRST = (
  'james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan joseph ' +
  'jessica thomas sarah carlos maria jose ana luis sofia wei li min priya arjun fatima omar amir leila kwame ama ' +
  'chloe liam emma noah olivia lucas mia ethan ava mateo isabella diego camila tyler brittany kevin ashley ' +
  'marc julie francois sophie gabriel chantal raj anita hiro yuki jin soo daniel grace samuel ruth'
).split(' ');
const LAST = (
  'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson ' +
  'anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis ' +
  'robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall ' +
  'rivera campbell mitchell carter roberts tremblay gagnon roy cote bouchard gauthier morin lavoie patel singh ' +
  'chen wang kim park okafor mensah ali khan cohen rossi'
).split(' ');
const STREETS = (
  'Maple Oak Cedar Pine Elm Lake Hill Park Washington Lincoln Jefferson Madison Franklin Grant Sunset River ' +
  'Spring Church Mill Center Highland Forest Ridge Valley Meadow Willow Birch Chestnut Walnut Queen King ' +
  'Dundas Bloor College Sherbrooke Rachel Granville Main Ocean Calle Luna Loiza Ponce Colfax Broadway Market'
).split(' ');
const SUFFIX = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Ln', 'Ct', 'Pl'];
/** People write street types both ways. */
export const LONG_SUFFIX: Record<string, string> = {
  St: 'Street',
  Ave: 'Avenue',
  Blvd: 'Boulevard',
  Rd: 'Road',
  Dr: 'Drive',
  Ln: 'Lane',
  Ct: 'Court',
  Pl: 'Place',
};
/** …and flat numbers in several ways. */
export const UNIT_FORMS: readonly (readonly [string, number])[] = [
  [', Apt ', 50],
  [' #', 20],
  [', Unit ', 15],
  [' Apt. ', 8],
  [', Apartment ', 7],
];

const DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 45],
  ['icloud.com', 14],
  ['yahoo.com', 11],
  ['outlook.com', 9],
  ['hotmail.com', 8],
  ['aol.com', 3],
  ['proton.me', 2],
  ['comcast.net', 3],
  ['videotron.ca', 2],
  ['shaw.ca', 2],
  ['rogers.com', 1],
];

const US_BINS = ['414720', '426684', '440066', '517805', '542418', '552433', '601100', '379736', '485246', '531106'];
const CA_BINS = ['450060', '451015', '452088', '520588', '543104', '549184', '472409'];
const FOREIGN: readonly (readonly [string, string[]])[] = [
  ['GB', ['465858', '492181', '535522']],
  ['MX', ['415231', '547400']],
  ['BR', ['498408', '516292']],
  ['DE', ['455600', '522162']],
  ['NG', ['539983']],
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

/** Allocates fresh identifiers, never handing the same one out twice by accident (sharing is always on purpose). */
export class Identities {
  private readonly phonePools = new Map<string, { pool: UniquePool; codes: string[] }>();
  private readonly emails = new Set<string>();
  private readonly addresses = new Set<string>();
  private readonly homeV4: UniquePool;
  private homeV6 = 0;
  private readonly devices = new Set<string>();
  private readonly tokens = new Set<string>();

  constructor(private readonly rng: Rng) {
    this.homeV4 = new UniquePool(1 << 17, rng);
    for (const c of CITIES) {
      const codes = [...c.areaCodes];
      this.phonePools.set(c.name, { pool: new UniquePool(codes.length * 10_000, rng), codes });
    }
  }

  person(): Person {
    return { first: this.rng.pick(FIRST), last: this.rng.pick(LAST) };
  }

  phone(city: City): string {
    // People keep their number when they move: fall back on the other cities of the country when one runs out.
    const order = [city, ...CITIES.filter((c) => c !== city && c.country === city.country), ...CITIES];
    for (const c of order) {
      const p = this.phonePools.get(c.name)!;
      if (p.pool.left === 0) continue;
      const n = p.pool.next();
      const code = p.codes[Math.floor(n / 10_000)]!;
      const line = String(n % 10_000).padStart(4, '0');
      const style = this.rng.int(0, 3);
      if (style === 0) return `+1 ${code} 555 ${line}`;
      if (style === 1) return `(${code}) 555-${line}`;
      if (style === 2) return `+1${code}555${line}`;
      return `${code}-555-${line}`;
    }
    throw new RangeError('phone numbers exhausted');
  }

  /** A mailbox nobody else has (compared as the loader would: lower case, Gmail without dots or plus tags). */
  email(p: Person, domain?: string): string {
    for (;;) {
      const d = domain ?? this.rng.weighted(DOMAINS);
      const sep = this.rng.pick(['.', '', '_', '.']);
      const tail = this.rng.chance(0.7) ? String(this.rng.int(1, 9999)) : this.rng.token(3);
      const plain = this.rng.chance(0.15) ? `${p.first[0]}${p.last}${tail}` : `${p.first}${sep}${p.last}${tail}`;
      // Some people sign up with a tagged address (name+rides@…), which their provider delivers to the mailbox.
      const tagged = this.rng.chance(0.012) && ['gmail.com', 'outlook.com', 'icloud.com', 'proton.me'].includes(d);
      const local = tagged ? `${plain}+${this.rng.pick(['rides', 'food', 'apps', 'promo'])}` : plain;
      const key = `${d === 'gmail.com' ? plain.replaceAll('.', '') : plain}@${d}`;
      if (this.emails.has(key)) continue;
      this.emails.add(key);
      return `${local}@${d}`;
    }
  }

  /** A street address nobody else has; `unit` adds an apartment number. */
  address(city: City, unit = this.rng.chance(0.45)): string {
    for (;;) {
      const suffix = this.rng.pick(SUFFIX);
      const long = this.rng.chance(0.3) ? LONG_SUFFIX[suffix]! : suffix;
      const street = `${this.rng.int(10, 9899)} ${this.rng.pick(STREETS)} ${long}`;
      const number = `${this.rng.int(1, 30)}${this.rng.chance(0.3) ? String.fromCharCode(65 + this.rng.int(0, 5)) : ''}`;
      const apt = unit ? `${this.rng.weighted(UNIT_FORMS)}${number}` : '';
      const value = `${street}${apt}, ${city.name}, ${city.region} ${city.zip(this.rng)}`;
      const key = value.toLowerCase();
      if (this.addresses.has(key)) continue;
      this.addresses.add(key);
      return value;
    }
  }

  /** A fixed-line (home, office, restaurant) IP: 198.18.0.0/15 while it lasts, then 2001:db8::/32. */
  homeIp(): string {
    if (this.homeV4.left > 0 && this.rng.chance(0.7)) {
      const n = this.homeV4.next();
      return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
    }
    const n = ++this.homeV6;
    return `2001:db8:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}::${this.rng.int(1, 0xfff).toString(16)}`;
  }

  /** An opaque device fingerprint (hash of hardware and OS traits). */
  device(): string {
    for (;;) {
      const value = `dfp_${this.rng.hex(20)}`;
      // A long run of digits inside a hash is harmless, but a blunt data-loss scanner would flag it: draw again.
      if (!this.devices.has(value) && !/\d{9}/.test(value)) {
        this.devices.add(value);
        return value;
      }
    }
  }

  private freshToken(prefix: 'card' | 'bank'): string {
    for (;;) {
      const value = `${prefix}_${this.rng.token(20)}`;
      if (!this.tokens.has(value)) {
        this.tokens.add(value);
        return value;
      }
    }
  }

  /** A card fingerprint with its display attributes; `foreign` gives a card issued abroad. */
  card(country: Country, foreign = false): Card {
    let issuer: string = country === 'PR' ? 'US' : country;
    let bins = country === 'CA' ? CA_BINS : US_BINS;
    if (foreign) {
      const [c, b] = this.rng.pick(FOREIGN);
      issuer = c;
      bins = b;
    }
    return {
      token: this.freshToken('card'),
      bin: this.rng.pick(bins),
      last4: String(this.rng.int(0, 9999)).padStart(4, '0'),
      issuer,
    };
  }

  bank(): string {
    return this.freshToken('bank');
  }
}

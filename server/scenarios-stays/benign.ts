// Honest life on the lodging marketplace and its look-alikes: organisations that share what rings share (property
// managers, corporate travel desks, travel agencies, co-host and cleaning services), families and friends, and the
// identifiers crowds share by accident (carrier NAT, VPN exits, airport and hostel Wi-Fi, the Wi-Fi of a listing
// that every guest joins, generic handset fingerprints, placeholders, resold phones, recycled numbers).
import { LISTING_COUNTRIES, PLACES, addressVariant, type Country } from './ids.ts';
import {
  DAY,
  HOUR,
  WINDOW_END,
  WINDOW_START,
  endLife,
  person,
  signupTime,
  visibleUses,
  type Acc,
  type Kind,
  type World,
} from './world.ts';

export const CONFOUNDER_KINDS = [
  'household',
  'household_with_chargeback',
  'friends_splitting',
  'property_manager',
  'corporate_travel',
  'travel_agency',
  'cohost_service',
  'host_with_guest_account',
  'family_hosts',
  'resold_phone',
  'recycled_number',
  'carrier_nat',
  'vpn_exit',
  'generic_device',
  'airport_wifi',
  'hostel_wifi',
  'listing_wifi',
  'placeholder',
] as const;
export type ConfounderKind = (typeof CONFOUNDER_KINDS)[number];

export interface Confounder {
  id: string;
  kind: ConfounderKind;
  members: Acc[];
  values: { kind: string; value: string }[];
}

const COMPANY = (
  'harbour coral keystone bluewater palmetto seabreeze northstar driftwood lighthouse cobalt evergreen ' +
  'sandpiper tidewater summit maple granite riverside bayview sunrise oceanic'
).split(' ');
const COMPANY_TAIL = ['stays', 'keys', 'hosting', 'rentals', 'properties', 'homes', 'suites', 'travel', 'trips'];

function companyDomain(w: World, used: Set<string>, tails = COMPANY_TAIL): string {
  for (;;) {
    const name = `${w.rng.pick(COMPANY)}${w.rng.pick(tails)}`;
    const domain = `${name}${used.has(name) ? w.rng.int(2, 99) : ''}.example`;
    if (!used.has(domain)) {
      used.add(domain);
      used.add(name);
      return domain;
    }
  }
}

const count = (w: World, per20k: number, min = 3) => Math.max(min, Math.round((w.size * per20k) / 20_000));

/** The look-alikes built on purpose (organisations, families, friends, second owners); members are honest. */
export function plantConfounders(w: World): Confounder[] {
  const r = w.rng;
  const out: Confounder[] = [];
  const domains = new Set<string>();
  const numbered = new Map<string, number>();
  const add = (kind: ConfounderKind, members: Acc[], values: { kind: Kind; value: string }[]) => {
    const id = `${kind}-${(numbered.get(kind) ?? 0) + 1}`;
    numbered.set(kind, (numbered.get(kind) ?? 0) + 1);
    for (const m of members) m.group = id;
    out.push({ id, kind, members, values });
  };

  // Households: a home's broadband and address; couples share a card, families a tablet.
  for (let k = count(w, 420); k > 0; k--) {
    const chargeback = k <= count(w, 18);
    const country = w.guestCountry();
    const ip = w.ids.fixedIp();
    const address = w.ids.address(country);
    const n = r.weighted([
      [2, 50],
      [3, 25],
      [4, 17],
      [5, 8],
    ] as const);
    const first = signupTime(r);
    const last = w.ids.person().last;
    const members: Acc[] = [];
    const values: { kind: Kind; value: string }[] = [
      { kind: 'ip', value: ip },
      { kind: 'address', value: address },
    ];
    let card = undefined as ReturnType<typeof w.ids.card> | undefined;
    if (r.chance(0.5)) {
      card = w.ids.card(country);
      values.push({ kind: 'payment', value: card.token });
    }
    const tablet = r.chance(0.3) ? w.ids.device() : undefined;
    if (tablet) values.push({ kind: 'device', value: tablet });
    for (let m = 0; m < n; m++) {
      const created = m === 0 ? first : first + r.float() * (WINDOW_END - 30 * DAY - first);
      const p = { first: w.ids.person().first, last: r.chance(0.7) ? w.ids.person().last : last };
      const a = person(w, 'guest', country, created, {
        person: p,
        homeIp: ip,
        homeAddress: m === 0 || r.chance(0.8) ? address : r.chance(0.5) ? addressVariant(r, address) : null,
        card: m < 2 && card ? card : undefined,
      });
      if (tablet) w.see(a, 'device', tablet, a.created + r.float() * 20 * DAY, a.end, r.int(2, 4));
      members.push(a);
    }
    // Couples and flatmates pay each other back for trips one of them booked.
    if (r.chance(0.3))
      w.later.push(() => {
        const [x, y] = r.sample(members, 2);
        const from = Math.max(x!.created, y!.created);
        for (let t = r.int(1, 5); t > 0; t--)
          w.pay(
            x!,
            y!,
            r.lognormal(120, 0.6) * PLACES[country].fx,
            PLACES[country].currency,
            from + r.float() * (WINDOW_END - from),
            'xfer',
          );
      });
    if (chargeback) {
      // A member disputed a charge they had made (or their teenager had): the platform marks that one account.
      const m = r.pick(members);
      m.label = 'known_fraud';
      if (r.chance(0.4)) endLife(m, 'suspended', m.created + r.between(0.5, 0.9) * (WINDOW_END - m.created));
      m.fixed = true;
    }
    add(chargeback ? 'household_with_chargeback' : 'household', members, values);
  }

  // Friends travelling together: one books, the others pay their share back.
  for (let k = count(w, 150); k > 0; k--) {
    const country = w.guestCountry();
    const n = r.int(3, 6);
    const members = Array.from({ length: n }, () =>
      person(w, 'guest', r.chance(0.85) ? country : w.guestCountry(), signupTime(r)),
    );
    const trips = r.int(1, 3);
    w.later.push(() => {
      for (let t = 0; t < trips; t++) {
        const start = Math.max(...members.map((m) => m.created)) + DAY;
        if (start > WINDOW_END - 30 * DAY) return;
        const at = start + r.float() * (WINDOW_END - 20 * DAY - start);
        const lead = r.pick(members);
        const host = w.hostAt(w.listingCountry(), at);
        if (!host) continue;
        const nights = r.int(2, 7);
        const checkIn = w.stay(lead, host, at, nights, { discount: n / 2 });
        const total = w.price(host, nights, n / 2);
        for (const f of members) {
          if (f === lead) continue;
          if (r.chance(0.4)) w.see(f, 'ip', host.listing!.wifi, checkIn + r.between(2, 20) * HOUR);
          if (r.chance(0.85))
            w.pay(f, lead, total / n, PLACES[host.listing!.country].currency, at + r.between(0.1, 12) * DAY, 'xfer');
        }
      }
    });
    add('friends_splitting', members, []);
  }

  // Property-management companies: many host accounts run from one office, opened in batches.
  for (let k = count(w, 12); k > 0; k--) {
    const country = r.pick(LISTING_COUNTRIES);
    const domain = companyDomain(w, domains);
    const office = w.venueIp();
    const officeAddress = w.ids.address(country, true);
    const officePhone = w.ids.phone(country);
    const bank = w.ids.bank();
    const card = w.ids.card(country);
    const staff = Array.from({ length: r.int(2, 6) }, () => w.ids.device());
    const n = r.weighted([
      [r.int(4, 8), 45],
      [r.int(9, 18), 40],
      [r.int(19, 36), 15],
    ] as const);
    const members: Acc[] = [];
    let batch = signupTime(r, WINDOW_START, WINDOW_END - 120 * DAY);
    let inBatch = 0;
    for (let m = 0; m < n; m++) {
      if (inBatch >= r.int(3, 8)) {
        batch = Math.min(WINDOW_END - 40 * DAY, batch + r.between(20, 120) * DAY);
        inBatch = 0;
      }
      inBatch++;
      const p = w.ids.person();
      const email = r.chance(0.6)
        ? w.ids.staffEmail(p, domain)
        : w.ids.staffEmail({ first: 'unit', last: String(m + 1) }, domain);
      const a = person(w, 'host', country, batch + r.between(0.2, 8) * HOUR, {
        person: p,
        email,
        phone: r.chance(0.65) ? officePhone : undefined,
        device: r.pick(staff),
        homeIp: office,
        homeAddress: officeAddress,
        card: r.chance(0.7) ? card : null,
        bank: r.chance(0.85) ? bank : undefined,
        listing: { country, pull: r.lognormal(1.6, 0.5) },
      });
      for (const d of r.sample(staff, r.int(1, 3)))
        w.see(a, 'device', d, a.created + r.float() * 60 * DAY, a.end, r.int(2, 5));
      a.label = r.chance(0.6) ? 'legit' : 'unknown';
      a.fixed = true;
      members.push(a);
    }
    add('property_manager', members, [
      { kind: 'ip', value: office },
      { kind: 'payment', value: bank },
      { kind: 'address', value: officeAddress },
      ...staff.map((value) => ({ kind: 'device' as Kind, value })),
    ]);
  }

  // Corporate travel desks: employees' trips booked and paid on one corporate card.
  for (let k = count(w, 15); k > 0; k--) {
    const country = w.guestCountry();
    const domain = companyDomain(w, domains, ['group', 'labs', 'partners', 'systems', 'logistics', 'consulting']);
    const office = w.venueIp();
    const card = w.ids.card(country);
    const desk = person(w, 'business', country, signupTime(r, WINDOW_START, WINDOW_END - 200 * DAY), {
      email: w.ids.staffEmail({ first: 'travel', last: 'desk' }, domain),
      homeIp: office,
      card,
      homeAddress: w.ids.address(country, true),
    });
    desk.label = 'legit';
    const members = [desk];
    const n = r.int(3, 20);
    for (let m = 0; m < n; m++) {
      const p = w.ids.person();
      const e = person(w, 'guest', country, desk.created + r.float() * (WINDOW_END - 60 * DAY - desk.created), {
        person: p,
        email: w.ids.staffEmail(p, domain),
        card: r.chance(0.6) ? card : undefined,
      });
      w.see(e, 'ip', office, e.created, e.end, r.int(2, 5));
      if (e.card !== card) w.seeCard(e, card, e.created + r.float() * 30 * DAY, e.end, 2);
      e.trips = 0;
      members.push(e);
    }
    w.later.push(() => {
      for (const e of members.slice(1))
        for (let t = r.int(1, 6); t > 0; t--) {
          const at = e.created + r.float() * (WINDOW_END - 10 * DAY - e.created);
          const host = w.hostAt(w.listingCountry(), at);
          if (host) w.stay(e, host, at, r.int(1, 4), { payer: r.chance(0.7) ? desk : e });
        }
    });
    add('corporate_travel', members, [
      { kind: 'payment', value: card.token },
      { kind: 'ip', value: office },
    ]);
  }

  // Travel agencies: agents open accounts for clients from the agency's desk and pay with the agency's card.
  for (let k = count(w, 10); k > 0; k--) {
    const country = w.guestCountry();
    const domain = companyDomain(w, domains, ['travel', 'tours', 'voyages', 'holidays']);
    const office = w.venueIp();
    const card = w.ids.card(country);
    const desks = Array.from({ length: r.int(1, 3) }, () => w.ids.device());
    const agency = person(w, 'agency', country, signupTime(r, WINDOW_START, WINDOW_END - 200 * DAY), {
      email: w.ids.staffEmail({ first: 'bookings', last: '' }, domain),
      homeIp: office,
      device: desks[0],
      card,
    });
    agency.label = r.chance(0.5) ? 'legit' : 'unknown';
    const members = [agency];
    for (let m = r.int(3, 15); m > 0; m--) {
      const p = w.ids.person();
      const c = person(w, 'guest', country, agency.created + r.float() * (WINDOW_END - 45 * DAY - agency.created), {
        person: p,
        email: r.chance(0.5) ? `${domain.split('.')[0]}+${p.first}${p.last}${r.int(1, 99)}@${domain}` : undefined,
        card: r.chance(0.5) ? card : undefined,
      });
      w.see(c, 'device', desks[m % desks.length]!, c.created, c.created + r.between(0, 3) * DAY, 2);
      w.see(c, 'ip', office, c.created, c.created + r.between(0, 3) * DAY, 2);
      if (c.card !== card) w.seeCard(c, card, c.created, c.created + r.between(0, 10) * DAY, 2);
      c.trips = 0;
      members.push(c);
    }
    w.later.push(() => {
      for (const c of members.slice(1))
        for (let t = r.int(1, 3); t > 0; t--) {
          const at = c.created + r.float() * Math.min(200 * DAY, WINDOW_END - 10 * DAY - c.created);
          const host = w.hostAt(w.listingCountry(), at);
          if (host) w.stay(c, host, at, r.int(3, 10), { payer: r.chance(0.8) ? agency : c });
        }
    });
    add('travel_agency', members, [
      { kind: 'payment', value: card.token },
      { kind: 'ip', value: office },
      ...desks.map((value) => ({ kind: 'device' as Kind, value })),
    ]);
  }

  // Co-host and cleaning services: their staff log into their clients' host accounts from the service's phones.
  for (let k = count(w, 12); k > 0; k--) {
    const country = r.pick(LISTING_COUNTRIES);
    const domain = companyDomain(w, domains, ['cohost', 'cleaning', 'turnover', 'care']);
    const office = w.venueIp();
    const staff = Array.from({ length: r.int(2, 4) }, () => w.ids.device());
    const service = person(w, 'cohost', country, signupTime(r, WINDOW_START, WINDOW_END - 240 * DAY), {
      email: w.ids.staffEmail({ first: 'hello', last: '' }, domain),
      homeIp: office,
      device: staff[0],
      listing: null,
    });
    service.label = r.chance(0.5) ? 'legit' : 'unknown';
    const members = [service];
    for (let m = r.int(4, 18); m > 0; m--) {
      const h = person(w, 'host', country, signupTime(r), { listing: { country } });
      const from = Math.max(h.created, service.created) + r.float() * 90 * DAY;
      const to = r.chance(0.7) ? WINDOW_END : from + r.between(60, 300) * DAY;
      for (const d of r.sample(staff, r.int(1, staff.length))) w.see(h, 'device', d, from, to, r.int(2, 8));
      w.see(h, 'ip', office, from, to, r.int(1, 4));
      for (let t = from + 30 * DAY; t < Math.min(to, WINDOW_END - 5 * DAY); t += 30 * DAY)
        w.pay(h, service, h.listing!.nightly * r.between(1.5, 4), PLACES[h.listing!.country].currency, t, 'svc');
      members.push(h);
    }
    add(
      'cohost_service',
      members,
      staff.map((value) => ({ kind: 'device' as Kind, value })),
    );
  }

  // Hosts who also travel, with a second account for that: one person, one phone and handset, two mailboxes.
  for (let k = count(w, 120); k > 0; k--) {
    const country = r.pick(LISTING_COUNTRIES);
    const h = person(w, 'host', country, signupTime(r), { device: w.ids.device() });
    const g = person(w, 'guest', country, h.created + r.float() * (WINDOW_END - 30 * DAY - h.created), {
      person: h.person,
      device: h.device,
      homeIp: h.homeIp ?? w.ids.fixedIp(),
      phone: r.chance(0.4) ? h.phone : undefined,
    });
    add('host_with_guest_account', [h, g], [{ kind: 'device', value: h.device! }]);
  }

  // Relatives hosting together: a joint payout account, often the family home.
  for (let k = count(w, 40); k > 0; k--) {
    const country = r.pick(LISTING_COUNTRIES);
    const bank = w.ids.bank();
    const last = w.ids.person().last;
    const first = person(w, 'host', country, signupTime(r), { person: { first: w.ids.person().first, last }, bank });
    const members = [first];
    for (let m = r.int(1, 2); m > 0; m--) {
      const h = person(w, 'host', country, first.created + r.float() * (WINDOW_END - 60 * DAY - first.created), {
        person: { first: w.ids.person().first, last },
        bank,
        homeAddress: r.chance(0.5) ? first.homeAddress! : undefined,
      });
      members.push(h);
    }
    add('family_hosts', members, [{ kind: 'payment', value: bank }]);
  }

  // A phone sold on: the next owner's fingerprint is the old owner's.
  for (let k = count(w, 60); k > 0; k--) {
    const country = w.guestCountry();
    const device = w.ids.device();
    const first = person(w, 'guest', country, signupTime(r, WINDOW_START, WINDOW_END - 300 * DAY));
    const sold = first.created + r.between(60, 200) * DAY;
    w.see(first, 'device', device, first.created, sold, r.int(2, 4));
    const second = person(w, r.chance(0.85) ? 'guest' : 'host', country, sold + r.between(5, 60) * DAY, { device });
    add('resold_phone', [first, second], [{ kind: 'device', value: device }]);
  }

  // A number given up and handed by the carrier to someone else.
  for (let k = count(w, 60); k > 0; k--) {
    const country = w.guestCountry();
    const first = person(w, 'guest', country, signupTime(r, WINDOW_START, WINDOW_END - 360 * DAY), { phone: null });
    const phone = w.ids.phone(country);
    const gone = first.created + r.between(40, 150) * DAY;
    w.see(first, 'phone', phone, first.created, gone, 2);
    if (r.chance(0.6)) endLife(first, 'closed', gone + r.between(1, 20) * DAY);
    first.fixed = true;
    const second = person(w, 'guest', country, gone + r.between(60, 150) * DAY, { phone });
    add('recycled_number', [first, second], [{ kind: 'phone', value: phone }]);
  }
  return out;
}

const PLACEHOLDERS: readonly (readonly [Kind, string])[] = [
  ['phone', '000-000-0000'],
  ['phone', '(555) 555-5555'],
  ['email', 'test@test.com'],
  ['email', 'none@none.com'],
  ['address', 'N/A'],
  ['address', 'unknown'],
];

/** Ordinary guests and hosts until the platform has its size; a few type placeholders into a form. */
export function fillBackground(w: World): void {
  const r = w.rng;
  while (w.accounts.length < w.size) {
    const host = r.chance(0.17);
    const country: Country = host ? w.listingCountry() : w.guestCountry();
    const created = host ? Math.min(signupTime(r), signupTime(r)) : signupTime(r);
    const a = person(w, host ? 'host' : 'guest', country, created);
    if (r.chance(0.012)) {
      const [kind, value] = r.pick(PLACEHOLDERS);
      w.see(a, kind, value, a.created, a.created + r.float() * 30 * DAY, 1);
    }
  }
}

/** Everyone's ordinary trips: bookings with strangers' listings, a few cancelled and refunded, some repeat guests. */
export function everydayActivity(w: World): void {
  const r = w.rng;
  for (const g of w.accounts) {
    if (g.type !== 'guest' || g.fraud || g.trips <= 0) continue;
    const years = (g.end - g.created) / (365 * DAY);
    const n = r.poisson(g.trips * years);
    for (let k = 0; k < n; k++) {
      const at = g.created + r.float() * (g.end - g.created);
      const country = LISTING_COUNTRIES.includes(g.country) && r.chance(0.4) ? g.country : w.listingCountry();
      let host = g.favourite && r.chance(0.6) && at < g.favourite.end - DAY ? g.favourite : w.hostAt(country, at);
      if (!host) continue;
      if (!g.favourite && r.chance(0.08)) g.favourite = host;
      if (host.group && host.group === g.group) host = undefined;
      if (!host) continue;
      const nights = 1 + r.poisson(host.listing!.hostel ? 1.5 : 2.8);
      const checkIn = w.stay(g, host, at, nights);
      if (r.chance(0.035))
        w.pay(
          host,
          g,
          w.price(host, nights) * r.pick([1, 0.5, 0.25]),
          PLACES[host.listing!.country].currency,
          Math.min(checkIn, at + r.between(0.5, 10) * DAY),
          'rf',
        );
    }
  }
}

/**
 * The crowds: every carrier NAT address, VPN exit, generic fingerprint, airport and hostel Wi-Fi, listing Wi-Fi
 * and placeholder that at least two honest accounts were seen with (members: those honest accounts).
 */
export function pooledConfounders(w: World): Confounder[] {
  const holders = new Map<string, Set<Acc>>();
  for (const a of w.accounts) {
    if (a.fraud) continue;
    for (const u of visibleUses(a)) {
      const key = `${u.kind}\u0000${u.value}`;
      const set = holders.get(key);
      if (set) set.add(a);
      else holders.set(key, new Set([a]));
    }
  }
  const out: Confounder[] = [];
  const numbered = new Map<string, number>();
  const add = (kind: ConfounderKind, k: Kind, value: string) => {
    const set = holders.get(`${k}\u0000${value}`);
    if (!set || set.size < 2) return;
    out.push({
      id: `${kind}-${(numbered.get(kind) ?? 0) + 1}`,
      kind,
      members: [...set].sort((x, y) => x.i - y.i),
      values: [{ kind: k, value }],
    });
    numbered.set(kind, (numbered.get(kind) ?? 0) + 1);
  };
  for (const ips of w.cgnat.values()) for (const ip of ips) add('carrier_nat', 'ip', ip);
  for (const ip of w.vpn) add('vpn_exit', 'ip', ip);
  for (const d of w.generic) add('generic_device', 'device', d);
  for (const ip of w.airport.values()) add('airport_wifi', 'ip', ip);
  const seen = new Set<string>();
  for (const a of w.accounts) {
    if (!a.listing || a.fraud || seen.has(a.listing.wifi)) continue;
    seen.add(a.listing.wifi);
    // Listings at a host's home share its broadband: that is the home, not a crowd, when only the family is there.
    const set = holders.get(`ip\u0000${a.listing.wifi}`);
    if (!a.listing.hostel && (!set || set.size < 3)) continue;
    add(a.listing.hostel ? 'hostel_wifi' : 'listing_wifi', 'ip', a.listing.wifi);
  }
  for (const [k, v] of PLACEHOLDERS) add('placeholder', k, v);
  return out;
}

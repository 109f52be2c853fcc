// Honest life on the platform, including the benign look-alikes that share identifiers or move money the way fraud
// does: households, relatives driving one car, fleets, corporate travel, dorms, restaurant staff and chains, public
// Wi-Fi, carrier NAT, VPN exits, resold phones, recycled numbers, generic fingerprints, placeholders, commuters who
// book the same driver, friends splitting fares, drivers who also ride.
import { CITIES, type City } from './ids.ts';
import {
  DAY,
  HOUR,
  honestStatus,
  person,
  signupTime,
  WINDOW_END,
  WINDOW_START,
  type Acc,
  type AccountType,
  type Kind,
  type World,
} from './world.ts';

export const CONFOUNDER_KINDS = [
  'household',
  'household_with_chargeback',
  'family_drivers',
  'fleet_operator',
  'corporate_travel',
  'dorm',
  'restaurant_staff',
  'restaurant_chain',
  'second_hand_phone',
  'recycled_phone_number',
  'regular_commuter',
  'friends_splitting_fares',
  'driver_also_rides',
  'airport_wifi',
  'stadium_wifi',
  'carrier_nat',
  'vpn_exit',
  'generic_fingerprint',
  'placeholder',
] as const;
export type ConfounderKind = (typeof CONFOUNDER_KINDS)[number];

export interface Confounder {
  id: string;
  kind: ConfounderKind;
  members: Acc[];
  values: { kind: Kind; value: string }[];
}

/** Accounts per group of each structural look-alike (at least three groups of each at any size). */
const ACCOUNTS_PER: Partial<Record<ConfounderKind, number>> = {
  household: 25,
  household_with_chargeback: 1500,
  family_drivers: 1500,
  fleet_operator: 2500,
  corporate_travel: 2000,
  dorm: 4000,
  restaurant_staff: 800,
  restaurant_chain: 3000,
  second_hand_phone: 400,
  recycled_phone_number: 500,
  regular_commuter: 300,
  friends_splitting_fares: 400,
  driver_also_rides: 150,
};

type Build = (w: World, city: City) => { members: Acc[]; values: { kind: Kind; value: string }[] };

function household(w: World, city: City, chargeback: boolean) {
  const r = w.rng;
  const size = r.weighted([
    [2, 58],
    [3, 24],
    [4, 13],
    [5, 5],
  ] as const);
  const home = { address: w.ids.address(city), ip: w.ids.homeIp(), city };
  const members: Acc[] = [];
  for (let k = 0; k < size; k++) {
    const type: AccountType = r.chance(0.12) ? 'driver' : r.chance(0.05) ? 'courier' : 'rider';
    const a = person(w, type, city, signupTime(r), { home });
    // Everyone at home is on the home Wi-Fi and gets parcels at the address.
    if (!a.uses.some((u) => u.value === home.ip)) w.use(a, 'ip', home.ip, a.created, a.end, r.int(1, 3));
    if (!a.uses.some((u) => u.value === home.address)) w.use(a, 'address', home.address, a.created, a.end, 1);
    honestStatus(w, a);
    members.push(a);
  }
  if (r.chance(0.2)) {
    const tablet = w.ids.device();
    for (const a of r.sample(members, 2)) w.use(a, 'device', tablet, a.created, a.end, r.int(1, 4));
  }
  if (r.chance(0.3)) {
    const card = w.ids.card(city.country);
    for (const a of r.sample(members, r.int(2, size))) w.useCard(a, card, a.created, a.end, r.int(1, 3));
  }
  if (chargeback) {
    // One member disputed charges they had made (friendly fraud); the platform suspended and labelled them.
    const m = r.pick(members);
    m.label = 'known_fraud';
    m.status = 'suspended';
    m.end = Math.max(m.created + 5 * DAY, m.end - r.between(10, 100) * DAY);
  }
  return { members, values: [{ kind: 'address' as Kind, value: home.address }] };
}

const BUILDERS: Record<string, Build> = {
  household: (w, city) => household(w, city, false),
  household_with_chargeback: (w, city) => household(w, city, true),
  family_drivers: (w, city) => {
    const r = w.rng;
    // Two relatives driving the same registered car in shifts, paid into one joint account.
    const home = { address: w.ids.address(city), ip: w.ids.homeIp(), city };
    const joint = w.ids.bank();
    const members = [0, 1].map(() => {
      const a = person(w, 'driver', city, signupTime(r), { home, bank: false });
      w.use(a, 'payment', joint, a.created, a.end, r.int(1, 3));
      w.use(a, 'ip', home.ip, a.created, a.end, r.int(1, 3));
      return a;
    });
    return { members, values: [{ kind: 'payment', value: joint }] };
  },
  fleet_operator: (w, city) => {
    const r = w.rng;
    const fleet = person(w, 'fleet', city, signupTime(r, WINDOW_START, WINDOW_START + 60 * DAY), { cards: 0 });
    fleet.label = 'legit';
    const depot = w.venueIp();
    w.use(fleet, 'ip', depot, fleet.created, fleet.end, r.int(2, 6));
    const drivers: Acc[] = [];
    for (let k = r.int(5, 25); k > 0; k--) {
      const batch = fleet.created + r.int(0, 8) * 45 * DAY + r.between(0, 2 * DAY);
      const d = person(w, 'driver', city, batch, { bank: false });
      w.use(d, 'payment', fleet.bank!, d.created, d.end, r.int(1, 3));
      if (r.chance(0.7)) w.use(d, 'ip', depot, d.created, d.end, r.int(1, 4));
      honestStatus(w, d);
      drivers.push(d);
    }
    w.later.push(() => {
      for (const d of drivers)
        for (let n = Math.min(16, Math.round((d.end - d.created) / (30 * DAY))); n > 0; n--)
          w.pay(fleet, d, r.lognormal(650, 0.35), r.between(d.created, d.end), 'fleet');
    });
    return { members: [fleet, ...drivers], values: [{ kind: 'payment', value: fleet.bank! }] };
  },
  corporate_travel: (w, city) => {
    const r = w.rng;
    const biz = person(w, 'business', city, signupTime(r), { cards: 0, trips: 0, orders: 0 });
    const corporate = w.ids.card(city.country);
    w.useCard(biz, corporate, biz.created, biz.end, r.int(2, 5));
    const office = w.venueIp();
    w.use(biz, 'ip', office, biz.created, biz.end, r.int(2, 4));
    const staff: Acc[] = [];
    for (let k = r.int(4, 20); k > 0; k--) {
      const joined = r.chance(0.6)
        ? biz.created + r.between(0, 3 * DAY)
        : r.between(biz.created, WINDOW_END - 20 * DAY);
      const e = person(w, 'rider', city, joined);
      w.useCard(e, corporate, e.created, e.end, r.int(1, 3));
      w.use(e, 'ip', office, e.created, e.end, r.int(1, 5));
      honestStatus(w, e);
      staff.push(e);
    }
    w.later.push(() => {
      for (const e of staff)
        for (let n = r.int(1, 6); n > 0; n--) {
          const at = r.between(e.created, e.end);
          const d = w.roster!.pick(city, 'driver', at);
          if (d) w.pay(biz, d, w.fare(city) * 1.3, at, 'biz');
        }
    });
    return {
      members: [biz, ...staff],
      values: [
        { kind: 'payment', value: corporate.token },
        { kind: 'ip', value: office },
      ],
    };
  },
  dorm: (w, city) => {
    const r = w.rng;
    const hall = `${r.pick(['North', 'West', 'Maple', 'Founders', 'Lakeside'])} Residence Hall, ${w.ids.address(city, false)}`;
    const campus = w.venueIp();
    const terms = [Date.UTC(2025, 7, 22), Date.UTC(2026, 0, 8), Date.UTC(2026, 7, 21)];
    const members: Acc[] = [];
    for (let k = r.int(6, 30); k > 0; k--) {
      const term = r.pick(terms);
      const s = person(w, 'rider', city, term + r.between(-5, 20) * DAY, { home: null });
      if (r.chance(0.7)) w.use(s, 'address', hall, s.created, s.end, r.int(1, 4));
      else w.use(s, 'address', `Room ${r.int(100, 499)}, ${hall}`, s.created, s.end, r.int(1, 3));
      w.use(s, 'ip', campus, s.created, s.end, r.int(2, 6));
      honestStatus(w, s);
      members.push(s);
    }
    return { members, values: [{ kind: 'ip', value: campus }] };
  },
  restaurant_staff: (w, city) => {
    const r = w.rng;
    const shop = person(w, 'merchant', city, signupTime(r));
    w.use(shop, 'ip', shop.home!.ip, shop.created, shop.end, r.int(2, 6));
    const staff: Acc[] = [];
    for (let k = r.int(2, 6); k > 0; k--) {
      const s = person(w, r.chance(0.8) ? 'rider' : 'courier', city, r.between(shop.created, WINDOW_END - 30 * DAY));
      w.use(s, 'ip', shop.home!.ip, s.created, s.end, r.int(2, 6));
      if (r.chance(0.3)) w.use(s, 'device', shop.device!, s.created, s.end, r.int(1, 3));
      honestStatus(w, s);
      staff.push(s);
    }
    w.later.push(() => {
      for (const s of staff)
        for (let n = r.int(1, 4); n > 0; n--) w.pay(s, shop, w.order(city) * 0.6, r.between(s.created, s.end), 'order');
    });
    return { members: [shop, ...staff], values: [{ kind: 'ip', value: shop.home!.ip }] };
  },
  restaurant_chain: (w, city) => {
    const r = w.rng;
    const franchise = w.ids.bank();
    const hq = w.ids.homeIp();
    const members: Acc[] = [];
    for (let k = r.int(3, 8); k > 0; k--) {
      const m = person(w, 'merchant', city, signupTime(r), { bank: false });
      w.use(m, 'payment', franchise, m.created, m.end, r.int(1, 3));
      if (r.chance(0.5)) w.use(m, 'ip', hq, m.created, m.end, 1);
      m.label = r.chance(0.5) ? 'legit' : 'unknown';
      members.push(m);
    }
    return { members, values: [{ kind: 'payment', value: franchise }] };
  },
  second_hand_phone: (w, city) => {
    const r = w.rng;
    const a = person(w, 'rider', city, signupTime(r, WINDOW_START, WINDOW_START + 200 * DAY), { device: false });
    const sold = r.between(a.created + 30 * DAY, WINDOW_END - 120 * DAY);
    const phone = w.ids.device();
    w.use(a, 'device', phone, a.created, sold);
    a.device = w.ids.device();
    w.use(a, 'device', a.device, sold, a.end);
    const b = person(w, r.chance(0.8) ? 'rider' : 'courier', city, sold + r.between(3, 60) * DAY, { device: false });
    w.use(b, 'device', phone, b.created, b.end);
    return { members: [a, b], values: [{ kind: 'device', value: phone }] };
  },
  recycled_phone_number: (w, city) => {
    const r = w.rng;
    const a = person(w, 'rider', city, signupTime(r, WINDOW_START, WINDOW_START + 150 * DAY));
    a.status = 'closed';
    a.end = Math.min(a.end, r.between(a.created + 20 * DAY, WINDOW_END - 200 * DAY));
    const number = a.phone!;
    const b = person(w, 'rider', city, a.end + r.between(90, 180) * DAY, { phone: false });
    w.use(b, 'phone', number, b.created, b.end);
    return { members: [a, b], values: [{ kind: 'phone', value: number }] };
  },
  regular_commuter: (w, city) => {
    const r = w.rng;
    const rider = person(w, 'rider', city, signupTime(r));
    const driver = person(w, 'driver', city, signupTime(r));
    for (let n = r.int(15, 60); n > 0; n--) {
      const at = w.overlap(rider, driver);
      if (at !== undefined) w.pay(rider, driver, w.fare(city) * 0.9, at, 'trip');
    }
    return { members: [rider, driver], values: [] };
  },
  friends_splitting_fares: (w, city) => {
    const r = w.rng;
    const friends = Array.from({ length: r.int(3, 5) }, () => person(w, 'rider', city, signupTime(r)));
    const bar = w.ids.homeIp();
    for (const f of friends) if (r.chance(0.7)) w.use(f, 'ip', bar, f.created, f.end, r.int(1, 3));
    const lo = Math.max(...friends.map((f) => f.created));
    const hi = Math.min(...friends.map((f) => f.end));
    w.later.push(() => {
      if (hi <= lo) return;
      for (let n = r.int(4, 12); n > 0; n--) {
        const at = r.between(lo, hi);
        const d = w.roster!.pick(city, 'driver', at);
        if (!d) continue;
        const share = w.fare(city) / friends.length;
        for (const f of friends) w.pay(f, d, share, at + r.between(0, 120_000), 'trip');
        // The one who paid the dinner gets paid back through the wallet.
        const host = r.pick(friends);
        for (const f of friends)
          if (f !== host && r.chance(0.6)) w.pay(f, host, r.lognormal(25, 0.4), at + HOUR, 'xfer');
      }
    });
    return { members: friends, values: [] };
  },
  driver_also_rides: (w, city) => {
    const r = w.rng;
    const d = person(w, 'driver', city, signupTime(r));
    const samePhone = r.chance(0.5);
    const rider = person(w, 'rider', city, r.between(d.created, d.end), {
      device: false,
      phone: !samePhone,
      home: d.home ?? null,
    });
    rider.self = d;
    w.use(rider, 'device', d.device!, rider.created, rider.end);
    if (samePhone) w.use(rider, 'phone', d.phone!, rider.created, rider.end);
    return { members: [d, rider], values: [{ kind: 'device', value: d.device! }] };
  },
};

/** Builds the structural look-alikes (they bring their own accounts). */
export function plantConfounders(w: World): Confounder[] {
  const out: Confounder[] = [];
  for (const kind of CONFOUNDER_KINDS) {
    const per = ACCOUNTS_PER[kind];
    if (!per) continue;
    const count = Math.max(3, Math.round(w.size / per));
    for (let k = 0; k < count; k++) {
      const city = w.cityPick();
      const { members, values } = BUILDERS[kind]!(w, city);
      out.push({ id: `rides-${kind}-${k + 1}`, kind, members, values });
    }
  }
  return out;
}

const BACKGROUND: readonly (readonly [AccountType, number])[] = [
  ['rider', 71],
  ['driver', 15],
  ['courier', 7],
  ['merchant', 6.5],
  ['business', 0.5],
];

/** Everyone else: single honest accounts until the platform holds `size`. */
export function fillBackground(w: World): void {
  const r = w.rng;
  while (w.accounts.length < w.size) {
    const a = person(w, r.weighted(BACKGROUND), w.cityPick(), signupTime(r));
    honestStatus(w, a);
    // A few accounts the platform caught alone (a chargeback, a one-off scam): labelled, in no group.
    // Drivers and couriers caught alone (inflated fares, fake cleaning fees, pocketed cash orders) are commoner.
    if (r.chance(a.type === 'driver' || a.type === 'courier' ? 0.01 : 0.003)) {
      a.label = 'known_fraud';
      a.status = a.type === 'rider' ? r.pick(['suspended', 'banned']) : 'banned';
      a.end = a.created + r.between(0.2, 0.9) * (a.end - a.created);
    }
  }
}

/** Public places: airport Wi-Fi (travellers; drivers waiting in the lot) and stadiums on event nights. */
export function publicPlaces(w: World): void {
  const r = w.rng;
  for (const a of w.accounts) {
    const airport = a.type === 'driver' ? 0.12 : a.type === 'rider' ? 0.025 : 0;
    if (r.chance(airport)) {
      const at = r.between(a.created, a.end);
      w.use(a, 'ip', w.airportIp(a.city), at, at + (a.type === 'driver' ? 60 * DAY : 2 * HOUR), r.int(1, 3));
    }
    if (a.type === 'rider' && r.chance(0.03)) {
      const at = r.between(a.created, a.end);
      w.use(a, 'ip', r.pick(w.stadiumIps(a.city)), at, at + 3 * HOUR, 1);
    }
    // Placeholders typed by support staff or left by an old app version.
    if (r.chance(0.003)) w.use(a, 'phone', '000-000-0000', a.created, a.created, 1);
    if (r.chance(0.003)) w.use(a, 'email', 'test@test.com', a.created, a.created, 1);
    if (r.chance(0.003)) w.use(a, 'address', 'N/A', a.created, a.created, 1);
  }
}

/** The platform's everyday money: trips with strangers, food orders, tips to couriers. */
export function everydayActivity(w: World): void {
  const r = w.rng;
  const roster = w.roster!;
  for (const a of w.accounts) {
    const months = (a.end - a.created) / (30 * DAY);
    for (let n = r.poisson(a.trips * months); n > 0; n--) {
      const at = r.between(a.created, a.end);
      const d = roster.pick(a.city, 'driver', at, a);
      if (!d || d === a.self || d.self === a) continue;
      w.pay(a, d, w.fare(a.city), at, 'trip');
      if (r.chance(0.25)) w.pay(a, d, w.tip(), at + 30 * 60_000, 'tip');
    }
    for (let n = r.poisson(a.orders * months); n > 0; n--) {
      const at = r.between(a.created, a.end);
      const m = roster.pick(a.city, 'merchant', at, a);
      if (!m) continue;
      w.pay(a, m, w.order(a.city), at, 'order');
      if (r.chance(0.4)) {
        const c = roster.pick(a.city, 'courier', at, a);
        if (c) w.pay(a, c, w.tip(), at + 40 * 60_000, 'tip');
      }
    }
  }
}

/** Look-alikes of shared places and values, listed by who honestly holds them. */
export function pooledConfounders(w: World): Confounder[] {
  const holders = new Map<string, Set<Acc>>();
  for (const a of w.accounts)
    for (const u of a.uses) {
      const key = `${u.kind} ${u.value}`;
      const set = holders.get(key);
      if (set) set.add(a);
      else holders.set(key, new Set([a]));
    }
  const out: Confounder[] = [];
  const add = (kind: ConfounderKind, vk: Kind, value: string) => {
    const members = [...(holders.get(`${vk} ${value}`) ?? [])].filter((a) => !a.group);
    if (members.length >= 2)
      out.push({
        id: `rides-${kind}-${out.filter((c) => c.kind === kind).length + 1}`,
        kind,
        members,
        values: [{ kind: vk, value }],
      });
  };
  for (const city of CITIES) {
    add('airport_wifi', 'ip', w.airportIp(city));
    for (const ip of w.stadiumIps(city)) add('stadium_wifi', 'ip', ip);
  }
  for (const ips of w.carrier.values()) for (const ip of ips.slice(0, 4)) add('carrier_nat', 'ip', ip);
  for (const ip of w.vpn.slice(0, 8)) add('vpn_exit', 'ip', ip);
  for (const devices of w.generic.values()) for (const d of devices) add('generic_fingerprint', 'device', d);
  add('placeholder', 'phone', '000-000-0000');
  add('placeholder', 'email', 'test@test.com');
  add('placeholder', 'address', 'N/A');
  return out;
}

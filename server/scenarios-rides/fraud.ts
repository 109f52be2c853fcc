// The fraud of a ride-hailing and food-delivery platform, planted as groups of accounts one actor controls. Written
// from trust-and-safety practice of the domain (not from what any detector looks for): each typology in several
// sizes, timings and densities, with ordinary lives around the scheme (own phones, carriers, home Wi-Fi, real trips).
import type { City } from './ids.ts';
import { Rng } from './rng.ts';
import {
  addressVariant,
  DAY,
  HOUR,
  person,
  phoneVariant,
  signupTime,
  WINDOW_END,
  WINDOW_START,
  type Acc,
  type World,
} from './world.ts';

export const RIDES_TYPOLOGIES = [
  'ghost_trips',
  'account_renting',
  'referral_farm',
  'courier_farm',
  'stolen_card_orders',
  'merchant_fake_orders',
  'banned_driver_return',
  'tip_laundering',
  'rating_manipulation',
  'account_takeover',
  'promo_multi_account',
] as const;
export type RidesTypology = (typeof RIDES_TYPOLOGIES)[number];

/** Members per planted group of each typology, smallest and largest. */
export const RIDES_SIZES: Record<RidesTypology, readonly [number, number]> = {
  ghost_trips: [2, 7],
  account_renting: [2, 8],
  referral_farm: [4, 20],
  courier_farm: [5, 16],
  stolen_card_orders: [3, 10],
  merchant_fake_orders: [3, 7],
  banned_driver_return: [2, 3],
  tip_laundering: [3, 8],
  rating_manipulation: [4, 10],
  account_takeover: [3, 9],
  promo_multi_account: [2, 3],
};

/** Groups per 20,000 accounts (at least three of each at any size). */
const PER_20K: Record<RidesTypology, number> = {
  ghost_trips: 8,
  account_renting: 6,
  referral_farm: 6,
  courier_farm: 5,
  stolen_card_orders: 7,
  merchant_fake_orders: 6,
  banned_driver_return: 12,
  tip_laundering: 5,
  rating_manipulation: 5,
  account_takeover: 6,
  promo_multi_account: 14,
};

export interface Planted {
  id: string;
  typology: RidesTypology;
  members: Acc[];
  known: Acc[];
  variant: Record<string, string>;
}

type Plant = (w: World, city: City, size: number, t0: number) => { members: Acc[]; variant: Record<string, string> };

/** A moment for a scheme to start: late enough for history before it, early enough to run. */
function schemeStart(r: Rng): number {
  return r.between(WINDOW_START + 60 * DAY, WINDOW_END - 80 * DAY);
}

function sizeIn(r: Rng, [lo, hi]: readonly [number, number]): number {
  // Small groups are commoner than big ones.
  const x = r.float() ** 1.6;
  return lo + Math.floor(x * (hi - lo + 1));
}

/** A time spread over `span` after t0, with `burst` packing most sign-ups into a few hours. */
function spread(r: Rng, t0: number, span: number): number {
  return t0 + r.float() * span;
}

/** Fresh-but-ordinary account of a fraudster: own phone and mailbox, carrier IPs, maybe nothing else. */
function straw(w: World, type: 'rider' | 'driver' | 'courier', city: City, created: number, life: number, opts = {}) {
  return person(w, type, city, created, { end: created + life, home: null, trips: 0, orders: 0, ...opts });
}

/** How the platform's own outcome looks: some schemes caught (a minority labelled), most not. */
function outcome(w: World, p: { members: Acc[] }, caughtShare: number, labelled: Acc[]): Acc[] {
  const r = w.rng;
  if (!r.chance(caughtShare)) {
    for (const m of p.members) if (r.chance(0.15) && m.status === 'active') m.status = 'closed';
    return [];
  }
  const known: Acc[] = [];
  const pool = labelled.length > 0 ? labelled : p.members;
  const n = Math.max(1, Math.min(pool.length, Math.floor(p.members.length / 3)));
  for (const m of r.sample(pool, n)) {
    m.label = 'known_fraud';
    m.status = m.type === 'rider' ? r.pick(['banned', 'suspended']) : 'banned';
    m.end = Math.max(m.created + HOUR, Math.min(m.end, WINDOW_END - r.between(2, 60) * DAY));
    known.push(m);
  }
  return known;
}

/** Rides booked from a driver's second phone or a spoofing app: the money is real, the trips are not. */
const ghostTrips: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const method = r.pick(['second_phone', 'gps_spoofing_app', 'promo_riders']);
  const timing = r.pick(['burst', 'steady']);
  const nDrivers = size >= 5 && r.chance(0.5) ? 2 : 1;
  const drivers = Array.from({ length: nDrivers }, () =>
    person(w, 'driver', city, signupTime(r, WINDOW_START, t0 - 20 * DAY)),
  );
  const second = w.ids.device();
  const proxy = w.ids.homeIp();
  const prepaid = w.ids.card(city.country);
  const riders: Acc[] = [];
  for (let k = 0; k < size - nDrivers; k++) {
    const created = spread(r, t0, timing === 'burst' ? 3 * DAY : 100 * DAY);
    const life = r.between(25, 160) * DAY;
    const rider = straw(w, 'rider', city, created, life, {
      device: method !== 'second_phone',
      cards: method === 'promo_riders' ? 0 : 1,
    });
    if (method === 'second_phone') {
      w.use(rider, 'device', second, rider.created, rider.end, r.int(3, 8));
      w.use(rider, 'ip', drivers[0]!.home!.ip, rider.created, rider.end, r.int(1, 4));
    } else if (method === 'gps_spoofing_app') w.use(rider, 'ip', proxy, rider.created, rider.end, r.int(2, 6));
    else w.useCard(rider, prepaid, rider.created, rider.end, r.int(2, 5));
    riders.push(rider);
  }
  // The driver's phone slips onto a rider account now and then.
  if (method === 'second_phone' && r.chance(0.4)) w.use(drivers[0]!, 'device', second, t0, t0 + 40 * DAY, 2);
  if (method === 'gps_spoofing_app') for (const d of drivers) w.use(d, 'ip', proxy, t0, t0 + 90 * DAY, r.int(1, 3));
  for (const rider of riders)
    for (let n = r.int(5, 35); n > 0; n--) {
      const at = r.between(rider.created, rider.end);
      w.pay(rider, r.pick(drivers), w.fare(city) * 1.4, at, 'trip');
    }
  return { members: [...drivers, ...riders], variant: { method, timing, drivers: String(nDrivers) } };
};

/** Verified driver accounts driven by unlicensed people on their own phones. */
const accountRenting: Plant = (w, city, size, t0) => {
  const r = w.rng;
  if (size === 2) {
    // A deactivated driver keeps driving on someone else's account, from the same phone and home.
    const old = person(w, 'driver', city, signupTime(r, WINDOW_START, t0 - 60 * DAY), { end: t0 });
    old.status = r.pick(['deactivated_low_rating', 'banned', 'documents_expired']);
    const rented = person(w, 'driver', city, signupTime(r, WINDOW_START, t0 - 10 * DAY));
    if (r.chance(0.5)) rented.label = 'legit';
    const from = t0 + r.between(3, 60) * DAY;
    w.use(rented, 'device', old.device!, from, rented.end, r.int(4, 9));
    if (old.home) w.use(rented, 'ip', old.home.ip, from, rented.end, r.int(2, 6));
    return { members: [old, rented], variant: { method: 'deactivated_driver', payout: 'owner_bank' } };
  }
  const payout = r.pick(['broker_bank', 'owner_banks']);
  const accounts = Array.from({ length: size }, () => {
    const a = person(w, 'driver', city, signupTime(r, WINDOW_START, t0 - 15 * DAY));
    if (r.chance(0.4)) a.label = 'legit';
    return a;
  });
  const phones = Array.from({ length: Math.max(2, size - 1) }, () => w.ids.device());
  const bank = w.ids.bank();
  const brokerIp = w.ids.homeIp();
  for (const a of accounts) {
    const from = t0 + r.between(0, 30) * DAY;
    for (const phone of r.sample(phones, r.int(1, 3))) w.use(a, 'device', phone, from, a.end, r.int(2, 6));
    if (payout === 'broker_bank') {
      w.use(a, 'payment', bank, from, a.end, r.int(2, 4));
      w.use(a, 'ip', brokerIp, from, from + DAY, 1);
    }
  }
  return { members: accounts, variant: { method: 'broker', payout } };
};

/** Bursts of new riders collecting a referrer's bonus and their own first-ride promotion. */
const referralFarm: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const mail = r.pick(['gmail_dots', 'plus_tags', 'fresh_mailboxes']);
  const devices = r.pick(['reset_phones', 'emulator_proxy']);
  const burst = r.pick(['hours', 'days', 'weeks']);
  const span = burst === 'hours' ? 8 * HOUR : burst === 'days' ? 4 * DAY : 25 * DAY;
  const referrerType = r.pick(['driver', 'rider'] as const);
  const referrer = person(w, referrerType, city, signupTime(r, WINDOW_START, t0 - 30 * DAY));
  const p = w.ids.person();
  const base = w.ids
    .email(p, mail === 'gmail_dots' ? 'gmail.com' : 'outlook.com')
    .split('@')[0]!
    .replaceAll('.', '');
  const phones = Array.from({ length: r.int(1, 2) }, () => w.ids.device());
  const proxy = w.ids.homeIp();
  const prepaid = r.chance(0.5) ? w.ids.card(city.country) : undefined;
  const seen = new Set<string>();
  const recruits: Acc[] = [];
  for (let k = 0; k < size - 1; k++) {
    const created = spread(r, t0, span);
    const a = straw(w, 'rider', city, created, r.between(1, 30) * DAY, {
      email: mail === 'fresh_mailboxes',
      device: devices === 'emulator_proxy',
      cards: prepaid ? 0 : r.int(0, 1),
    });
    if (mail === 'gmail_dots') {
      let local = base;
      for (let tries = 0; tries < 50 && (seen.has(local) || local === base); tries++) {
        const chars = [...base];
        local = chars.map((c, i) => (i > 0 && i < chars.length - 1 && r.chance(0.25) ? `.${c}` : c)).join('');
      }
      seen.add(local);
      w.use(a, 'email', `${local}@gmail.com`, a.created, a.end, 1);
    } else if (mail === 'plus_tags') w.use(a, 'email', `${base}+${r.token(4)}@outlook.com`, a.created, a.end, 1);
    if (devices === 'reset_phones') w.use(a, 'device', r.pick(phones), a.created, a.end, r.int(1, 3));
    else w.use(a, 'ip', proxy, a.created, a.end, r.int(1, 3));
    if (prepaid) w.useCard(a, prepaid, a.created, a.end, r.int(1, 2));
    recruits.push(a);
  }
  w.later.push(() => {
    for (const a of recruits)
      for (let n = r.int(1, 2); n > 0; n--) {
        const at = a.created + r.between(HOUR, Math.max(2 * HOUR, a.end - a.created));
        const driver = referrerType === 'driver' ? referrer : w.roster!.pick(city, 'driver', at);
        if (driver) w.pay(a, driver, w.fare(city) * 0.6, at, 'trip');
      }
  });
  return { members: [referrer, ...recruits], variant: { mail, devices, burst, referrer: referrerType } };
};

/** Courier accounts opened on borrowed or synthetic identities, run from emulators, paid to a few bank accounts. */
const courierFarm: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const devices = r.pick(['cloned_emulator', 'randomised_emulators', 'handset_rack']);
  const housing = r.pick(['one_house', 'unit_variants', 'own_addresses']);
  const span = r.pick([2, 10, 40]) * DAY;
  const banks = Array.from({ length: r.int(1, Math.min(3, Math.ceil(size / 4))) }, () => w.ids.bank());
  const image = w.ids.device();
  const rack = Array.from({ length: Math.max(2, Math.ceil(size / 3)) }, () => w.ids.device());
  const proxy = w.ids.homeIp();
  const house = w.ids.address(city, true);
  const members: Acc[] = [];
  for (let k = 0; k < size; k++) {
    const created = spread(r, t0, span);
    const a = person(w, 'courier', city, created, {
      home: null,
      bank: false,
      cards: 0,
      device: devices === 'randomised_emulators',
    });
    a.delivers = true;
    if (devices === 'cloned_emulator') w.use(a, 'device', image, a.created, a.end, r.int(2, 5));
    if (devices === 'handset_rack') w.use(a, 'device', r.pick(rack), a.created, a.end, r.int(2, 5));
    w.use(a, 'ip', proxy, a.created, a.end, r.int(2, 6));
    const address =
      housing === 'one_house' ? house : housing === 'unit_variants' ? addressVariant(r, house) : w.ids.address(city);
    w.use(a, 'address', address, a.created, a.end, 1);
    a.bank = r.pick(banks);
    w.use(a, 'payment', a.bank, a.created, a.end, r.int(1, 3));
    members.push(a);
  }
  return { members, variant: { devices, housing, span: `${Math.round(span / DAY)}d`, banks: String(banks.length) } };
};

/** A crew ordering food on stolen cards to vacant "drop" flats, then walking away from the accounts. */
const stolenCardOrders: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const cards = r.pick(['domestic', 'foreign', 'mixed']);
  const drops = Array.from({ length: r.int(1, 2) }, () => w.ids.address(city, r.chance(0.5)));
  const phones = Array.from({ length: r.int(1, 3) }, () => w.ids.device());
  const ip = r.chance(0.5) ? w.ids.homeIp() : r.pick(w.vpn);
  const span = r.pick([1, 5, 14]) * DAY;
  const stolen = Array.from({ length: Math.max(2, size - r.int(0, 2)) }, () =>
    w.ids.card(city.country, cards === 'foreign' || (cards === 'mixed' && r.chance(0.5))),
  );
  const members: Acc[] = [];
  for (let k = 0; k < size; k++) {
    const a = straw(w, 'rider', city, spread(r, t0, span), r.between(4, 30) * DAY, { device: false, cards: 0 });
    w.use(a, 'device', phones[k % phones.length]!, a.created, a.end, r.int(2, 5));
    w.use(a, 'address', drops[k % drops.length]!, a.created, a.end, r.int(1, 4));
    w.use(a, 'ip', ip, a.created, a.end, r.int(1, 4));
    members.push(a);
  }
  stolen.forEach((card, j) => {
    const holders = new Set([members[j % size]!]);
    if (r.chance(0.6)) holders.add(r.pick(members));
    for (const a of holders) w.useCard(a, card, a.created, a.end, r.int(1, 3));
  });
  const caught = r.chance(0.6);
  if (caught) for (const a of members) if (r.chance(0.6)) a.status = 'suspended';
  w.later.push(() => {
    for (const a of members)
      for (let n = r.int(3, 15); n > 0; n--) {
        const at = r.between(a.created, a.end);
        const m = w.roster!.pick(city, 'merchant', at);
        if (m) w.pay(a, m, w.order(city) * 1.7, at, 'order');
      }
  });
  return {
    members,
    variant: { cards, drops: String(drops.length), phones: String(phones.length), span: `${Math.round(span / DAY)}d` },
  };
};

/** A restaurant ordering from itself through staff and family accounts to pocket promotions and ranking. */
const merchantFakeOrders: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const via = r.pick(['tablet', 'restaurant_wifi']);
  const withCourier = size >= 4 && r.chance(0.5);
  const merchant = person(w, 'merchant', city, signupTime(r, WINDOW_START, t0 - 30 * DAY));
  const ownerCards = Array.from({ length: r.int(1, 2) }, () => w.ids.card(city.country));
  const eaters: Acc[] = [];
  for (let k = 0; k < size - 1 - (withCourier ? 1 : 0); k++) {
    const a = person(w, 'rider', city, spread(r, t0, 45 * DAY), { cards: 0, trips: 0.2, orders: 0.1 });
    if (via === 'tablet') w.use(a, 'device', merchant.device!, a.created, a.end, r.int(3, 8));
    else w.use(a, 'ip', merchant.home!.ip, a.created, a.end, r.int(3, 8));
    w.useCard(a, r.pick(ownerCards), a.created, a.end, r.int(2, 4));
    eaters.push(a);
  }
  const courier = withCourier ? person(w, 'courier', city, signupTime(r, WINDOW_START, t0)) : undefined;
  if (courier) w.use(courier, 'ip', merchant.home!.ip, t0, t0 + 120 * DAY, r.int(2, 5));
  for (const a of eaters)
    for (let n = r.int(8, 40); n > 0; n--) {
      const at = r.between(a.created, Math.min(a.end, a.created + 150 * DAY));
      w.pay(a, merchant, w.order(city), at, 'order');
      if (courier && r.chance(0.7)) w.pay(a, courier, w.tip(), at + 40 * 60_000, 'tip');
    }
  return {
    members: [merchant, ...eaters, ...(courier ? [courier] : [])],
    variant: { via, courier: String(withCourier) },
  };
};

/** A deactivated or banned driver comes back under a new name, betrayed by something kept. */
const bannedDriverReturn: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const via = r.pick(['payout_bank', 'phone_number', 'handset', 'address_variant+home_ip', 'same_home']);
  const first = person(w, 'driver', city, signupTime(r, WINDOW_START, t0 - 40 * DAY), {
    end: t0,
    home: { address: w.ids.address(city, true), ip: w.ids.homeIp(), city },
  });
  first.status = r.pick(['banned', 'deactivated_low_rating', 'banned']);
  const members = [first];
  let prev = first;
  for (let k = 1; k < size; k++) {
    const created = Math.min(prev.end + r.between(20, 200) * DAY, WINDOW_END - 5 * DAY);
    const next = person(w, 'driver', city, created, {
      phone: via !== 'phone_number',
      device: via !== 'handset',
      bank: via !== 'payout_bank',
      home:
        via === 'same_home'
          ? first.home!
          : via === 'address_variant+home_ip'
            ? { address: addressVariant(r, first.home!.address), ip: first.home!.ip, city }
            : undefined,
    });
    if (via === 'phone_number') w.use(next, 'phone', phoneVariant(r, first.phone!), next.created, next.end);
    if (via === 'handset') w.use(next, 'device', first.device!, next.created, next.end);
    if (via === 'payout_bank') w.use(next, 'payment', first.bank!, next.created, next.end, r.int(1, 3));
    if (via === 'address_variant+home_ip' || via === 'same_home')
      w.use(next, 'ip', first.home!.ip, next.created, next.end, 2);
    if (k < size - 1) {
      next.end = Math.min(next.end, next.created + r.between(30, 90) * DAY);
      next.status = 'banned';
    }
    members.push(next);
    prev = next;
  }
  return { members, variant: { via, returns: String(size - 1), first_status: first.status } };
};

/** Dirty money paid out as oversized fares and tips to a few driver accounts. */
const tipLaundering: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const link = r.pick(['shared_cards', 'shared_handsets', 'money_only']);
  const nDrivers = size >= 6 ? 2 : 1;
  const drivers = Array.from({ length: nDrivers }, () =>
    person(w, 'driver', city, signupTime(r, WINDOW_START, t0 - 10 * DAY)),
  );
  const cards = Array.from({ length: Math.max(1, Math.floor((size - nDrivers) / 2)) }, () =>
    w.ids.card(city.country, r.chance(0.3)),
  );
  const phones = Array.from({ length: r.int(1, 2) }, () => w.ids.device());
  const meet = w.ids.homeIp();
  const payers: Acc[] = [];
  for (let k = 0; k < size - nDrivers; k++) {
    const a = straw(w, 'rider', city, spread(r, t0, 60 * DAY), r.between(40, 200) * DAY, {
      cards: link === 'shared_cards' ? 0 : 1,
      device: link !== 'shared_handsets',
    });
    if (link === 'shared_cards') w.useCard(a, cards[k % cards.length]!, a.created, a.end, r.int(2, 5));
    if (link === 'shared_handsets') w.use(a, 'device', r.pick(phones), a.created, a.end, r.int(2, 5));
    if (link === 'money_only' && r.chance(0.5)) w.use(a, 'ip', meet, a.created, a.end, 1);
    payers.push(a);
  }
  for (const a of payers)
    for (let n = r.int(8, 30); n > 0; n--) {
      const at = r.between(a.created, a.end);
      const d = r.pick(drivers);
      w.pay(a, d, w.fare(city) * 2.2, at, 'trip');
      if (r.chance(0.8)) w.pay(a, d, r.lognormal(60, 0.5), at + 20 * 60_000, 'tip');
    }
  return { members: [...drivers, ...payers], variant: { link, drivers: String(nDrivers) } };
};

/** Drivers riding with each other from alternate rider accounts to trade five-star ratings. */
const ratingManipulation: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const meet = r.pick(['airport_lot', 'hub_cafe', 'none']);
  const nDrivers = Math.floor(size / 2);
  const drivers = Array.from({ length: nDrivers }, () =>
    person(w, 'driver', city, signupTime(r, WINDOW_START, t0 - 20 * DAY)),
  );
  const alts: Acc[] = [];
  const owners: Acc[] = [];
  const hub = w.ids.homeIp();
  drivers.forEach((d, k) => {
    const count = k === 0 && size % 2 === 1 ? 2 : 1;
    for (let j = 0; j < count; j++) {
      const a = person(w, 'rider', city, t0 + r.between(0, 30) * DAY, {
        device: false,
        home: j === 0 ? (d.home ?? null) : null,
        cards: 1,
      });
      w.use(a, 'device', d.device!, a.created, a.end, r.int(2, 6));
      a.self = d;
      alts.push(a);
      owners.push(d);
    }
  });
  const ip = meet === 'airport_lot' ? w.airportIp(city) : hub;
  if (meet !== 'none') for (const d of drivers) w.use(d, 'ip', ip, t0, t0 + 120 * DAY, r.int(2, 5));
  alts.forEach((a, k) => {
    const others = drivers.filter((x) => x !== owners[k]);
    for (let n = r.int(6, 20); n > 0; n--)
      w.pay(
        a,
        r.pick(others),
        w.fare(city) * 0.45,
        r.between(a.created, Math.min(a.end, a.created + 120 * DAY)),
        'trip',
      );
  });
  return { members: [...drivers, ...alts], variant: { meet, drivers: String(nDrivers) } };
};

/** A crew taking over long-standing rider accounts and cashing them out through rides or food to a drop. */
const accountTakeover: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const cashout = r.pick(['crew_driver', 'food_to_drop']);
  const nVictims = cashout === 'crew_driver' ? size - 1 : size;
  const crewPhones = Array.from({ length: r.int(1, 2) }, () => w.ids.device());
  const crewIp = r.chance(0.5) ? r.pick(w.vpn) : w.ids.homeIp();
  const drop = w.ids.address(city, false);
  const stolen = w.ids.card(city.country, r.chance(0.4));
  const span = r.pick([1, 4, 12]) * DAY;
  const victims = Array.from({ length: nVictims }, () =>
    person(w, 'rider', city, signupTime(r, WINDOW_START, t0 - 90 * DAY)),
  );
  const driver =
    cashout === 'crew_driver' ? person(w, 'driver', city, signupTime(r, WINDOW_START, t0 - 10 * DAY)) : undefined;
  const hits = new Map<Acc, number>();
  for (const v of victims) {
    const at = Math.min(spread(r, t0, span), v.end - DAY);
    hits.set(v, at);
    w.use(v, 'device', r.pick(crewPhones), at, at + r.between(1, 5) * DAY, r.int(2, 4));
    w.use(v, 'ip', crewIp, at, at + 2 * DAY, r.int(1, 3));
    if (cashout === 'food_to_drop') w.use(v, 'address', drop, at, at + 3 * DAY, r.int(1, 3));
    if (r.chance(0.5)) w.useCard(v, stolen, at, at + 3 * DAY, 2);
    if (r.chance(0.3)) {
      v.status = 'suspended';
      v.end = Math.min(v.end, at + r.between(3, 10) * DAY);
    }
  }
  if (driver) w.use(driver, 'device', crewPhones[0]!, t0 - 30 * DAY, driver.end, r.int(2, 5));
  w.later.push(() => {
    for (const v of victims) {
      const at0 = hits.get(v)!;
      for (let n = r.int(2, 6); n > 0; n--) {
        const at = at0 + r.between(0, 3 * DAY);
        if (driver) w.pay(v, driver, w.fare(city) * 2.5, at, 'trip');
        else {
          const m = w.roster!.pick(city, 'merchant', at);
          if (m) w.pay(v, m, w.order(city) * 1.8, at, 'order');
        }
      }
    }
  });
  return { members: driver ? [...victims, driver] : victims, variant: { cashout, span: `${Math.round(span / DAY)}d` } };
};

/** One person opening a second (or third) eater account for another first-order discount. */
const promoMultiAccount: Plant = (w, city, size, t0) => {
  const r = w.rng;
  const via = r.pick(['same_handset', 'same_card', 'address_variant+home_ip', 'gmail_dots']);
  const p = w.ids.person();
  const first = person(w, 'rider', city, t0 - r.between(10, 200) * DAY, {
    email: via !== 'gmail_dots',
    cards: r.int(1, 2),
    home: { address: w.ids.address(city, true), ip: w.ids.homeIp(), city },
  });
  const mailbox = via === 'gmail_dots' ? w.ids.email(p, 'gmail.com').split('@')[0]!.replaceAll('.', '') : '';
  if (via === 'gmail_dots') w.use(first, 'email', `${mailbox}@gmail.com`, first.created, first.end, 2);
  const members = [first];
  for (let k = 1; k < size; k++) {
    const created = Math.min(t0 + r.between(0, 120) * DAY, WINDOW_END - 5 * DAY);
    const next = person(w, 'rider', city, created, {
      end: created + r.between(2, 60) * DAY,
      device: via !== 'same_handset',
      cards: via === 'same_card' ? 0 : r.int(0, 1),
      email: via !== 'gmail_dots',
      home:
        via === 'address_variant+home_ip'
          ? { address: addressVariant(r, first.home!.address), ip: first.home!.ip, city }
          : null,
      trips: 0,
      orders: 0,
    });
    if (via === 'same_handset') w.use(next, 'device', first.device!, next.created, next.end, r.int(1, 3));
    if (via === 'same_card' && first.cards[0]) w.useCard(next, first.cards[0], next.created, next.end, r.int(1, 2));
    if (via === 'address_variant+home_ip') w.use(next, 'ip', first.home!.ip, next.created, next.end, 2);
    if (via === 'gmail_dots') {
      const chars = [...mailbox];
      const dotted = chars
        .map((c, i) => (i > 0 && i < chars.length - 1 && (i === k + 1 || r.chance(0.2)) ? `.${c}` : c))
        .join('');
      w.use(next, 'email', `${dotted}@gmail.com`, next.created, next.end, 1);
    }
    if (r.chance(0.3)) next.status = 'closed';
    members.push(next);
  }
  w.later.push(() => {
    for (const a of members.slice(1))
      for (let n = r.int(1, 3); n > 0; n--) {
        const at = r.between(a.created, a.end);
        const m = w.roster!.pick(city, 'merchant', at);
        if (m) w.pay(a, m, w.order(city), at, 'order');
      }
  });
  return { members, variant: { via } };
};

const PLANTERS: Record<RidesTypology, Plant> = {
  ghost_trips: ghostTrips,
  account_renting: accountRenting,
  referral_farm: referralFarm,
  courier_farm: courierFarm,
  stolen_card_orders: stolenCardOrders,
  merchant_fake_orders: merchantFakeOrders,
  banned_driver_return: bannedDriverReturn,
  tip_laundering: tipLaundering,
  rating_manipulation: ratingManipulation,
  account_takeover: accountTakeover,
  promo_multi_account: promoMultiAccount,
};

/** Share of groups the platform caught (a minority of their members then labelled known_fraud). */
const CAUGHT: Record<RidesTypology, number> = {
  ghost_trips: 0.3,
  account_renting: 0.2,
  referral_farm: 0.25,
  courier_farm: 0.3,
  stolen_card_orders: 0.45,
  merchant_fake_orders: 0.2,
  banned_driver_return: 0.35,
  tip_laundering: 0.15,
  rating_manipulation: 0.1,
  account_takeover: 0.2,
  promo_multi_account: 0.1,
};

export function plantFraud(w: World): Planted[] {
  const r = w.rng;
  const out: Planted[] = [];
  for (const typology of RIDES_TYPOLOGIES) {
    const count = Math.max(3, Math.round((w.size / 20_000) * PER_20K[typology]));
    for (let k = 0; k < count; k++) {
      const city = w.cityPick();
      // Pairs for some typologies at every scale: the first group of a typology that allows two is a pair.
      const size = typology === 'account_renting' && k % 3 === 0 ? 2 : sizeIn(r, RIDES_SIZES[typology]);
      const t0 = schemeStart(r);
      const { members, variant } = PLANTERS[typology](w, city, size, t0);
      const id = `rides-${typology}-${k + 1}`;
      for (const m of members) m.group = id;
      // Victims of a takeover are never the ones labelled: the crew's own accounts are.
      const labelled =
        typology === 'account_takeover'
          ? members.filter((m) => m.type === 'driver')
          : typology === 'banned_driver_return'
            ? members.filter((m) => m.status === 'banned')
            : members;
      const known =
        typology === 'account_takeover' && labelled.length === 0
          ? []
          : outcome(w, { members }, CAUGHT[typology], labelled);
      out.push({ id, typology, members, known, variant });
    }
  }
  return out;
}

// The fraud typologies of the lodging marketplace, each planted in several sizes, timings and densities: fake
// listings run by one actor under rotating identities, stolen-card booking crews, review-boosting rings, off-platform
// resellers (triangulation), host account takeovers, payout-mule chains, banned hosts coming back (pairs) and
// duplicate guest accounts for new-user promotions (pairs). Most members are never labelled; where the platform would
// have learnt of it (chargebacks, complaints, a ban), some are `known_fraud`.
import { PLACES, addressVariant, type Card, type Country } from './ids.ts';
import {
  DAY,
  HOUR,
  WINDOW_END,
  WINDOW_START,
  endLife,
  person,
  phoneVariant,
  signupTime,
  type Acc,
  type PersonOptions,
  type World,
  type AccountType,
} from './world.ts';

export const STAYS_TYPOLOGIES = [
  'fake_listing_ring',
  'stolen_card_ring',
  'review_boost_ring',
  'triangulation',
  'host_takeover',
  'payout_mule_chain',
  'banned_host_return',
  'promo_duplicate',
] as const;
export type StaysTypology = (typeof STAYS_TYPOLOGIES)[number];

/** Members per group of each typology (both included). */
export const STAYS_SIZES: Record<StaysTypology, readonly [number, number]> = {
  fake_listing_ring: [3, 12],
  stolen_card_ring: [4, 25],
  review_boost_ring: [4, 12],
  triangulation: [3, 8],
  host_takeover: [3, 10],
  payout_mule_chain: [4, 10],
  banned_host_return: [2, 2],
  promo_duplicate: [2, 2],
};

/** Groups per 20,000 accounts (at least three of each at any size). */
const PER_20K: Record<StaysTypology, number> = {
  fake_listing_ring: 22,
  stolen_card_ring: 20,
  review_boost_ring: 22,
  triangulation: 18,
  host_takeover: 18,
  payout_mule_chain: 20,
  banned_host_return: 80,
  promo_duplicate: 110,
};

export interface Planted {
  id: string;
  typology: StaysTypology;
  members: Acc[];
  known: Acc[];
  variant: Record<string, string>;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A size in [lo, hi], small groups more common than large ones. */
function size(w: World, [lo, hi]: readonly [number, number]): number {
  if (lo === hi) return lo;
  const third = Math.max(1, Math.floor((hi - lo) / 3));
  return w.rng.weighted([
    [w.rng.int(lo, lo + third), 50],
    [w.rng.int(lo + third, hi - third), 33],
    [w.rng.int(hi - third, hi), 17],
  ] as const);
}

function crook(w: World, type: AccountType, country: Country, created: number, o: PersonOptions = {}): Acc {
  const a = person(w, type, country, created, o);
  a.fraud = true;
  a.fixed = true;
  a.trips = 0;
  return a;
}

/** The scheme is found out at `at`: every member stops; `share` of them are marked as known fraud. */
function caught(w: World, members: Acc[], at: number, share: number): Acc[] {
  const known: Acc[] = [];
  for (const m of members) {
    const when = at + w.rng.between(0, 10) * DAY;
    if (w.rng.chance(share)) {
      m.label = 'known_fraud';
      known.push(m);
      endLife(m, 'banned', when);
    } else {
      if (m.label === 'legit') m.label = 'unknown';
      endLife(m, w.rng.pick(['banned', 'banned', 'suspended', 'closed']), when);
    }
  }
  return known;
}

/** Ends some members quietly (abandoned accounts), leaves the rest active. */
function fadeOut(w: World, members: Acc[], from: number): void {
  for (const m of members) if (w.rng.chance(0.4)) endLife(m, 'closed', from + w.rng.between(0, 120) * DAY);
}

export function plantFraud(w: World): Planted[] {
  const out: Planted[] = [];
  const builders: Record<StaysTypology, (n: number) => Omit<Planted, 'id' | 'typology'>> = {
    fake_listing_ring: (n) => fakeListings(w, n),
    stolen_card_ring: (n) => stolenCards(w, n),
    review_boost_ring: (n) => reviewBoost(w, n),
    triangulation: (n) => triangulation(w, n),
    host_takeover: (n) => takeover(w, n),
    payout_mule_chain: (n) => muleChain(w, n),
    banned_host_return: () => bannedReturn(w),
    promo_duplicate: () => promoDuplicate(w),
  };
  for (const t of STAYS_TYPOLOGIES) {
    const groups = Math.max(3, Math.round((w.size * PER_20K[t]) / 20_000));
    for (let k = 1; k <= groups; k++) {
      const id = `${t}-${k}`;
      const g = builders[t](size(w, STAYS_SIZES[t]));
      for (const m of g.members) m.group = id;
      out.push({ id, typology: t, ...g });
    }
  }
  return out;
}

/** One actor, several host accounts under made-up names, listing places that are not theirs (or do not exist). */
function fakeListings(w: World, n: number) {
  const r = w.rng;
  const country = w.listingCountry();
  const share = r.pick(['device', 'bank', 'device+bank']);
  const emails = r.pick(['templated', 'varied']);
  const net = r.pick(['vpn', 'actor_home', 'proxy_pool']);
  const tempo = r.pick(['burst', 'drip']);
  const outcome = r.weighted([
    ['caught', 60],
    ['abandoned', 25],
    ['running', 15],
  ] as const);
  const start = signupTime(r, WINDOW_START, WINDOW_END - 160 * DAY);
  const devices = Array.from({ length: r.int(1, 2) }, () => w.ids.device());
  const banks = Array.from({ length: r.int(1, 2) }, () => w.ids.bank());
  const actorIp = w.ids.fixedIp();
  const vpn = r.pick(w.vpn);
  const base = w.ids.person();
  const domain = r.pick(['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com']);
  const members: Acc[] = [];
  for (let m = 0; m < n; m++) {
    const created = tempo === 'burst' ? start + r.float() * 10 * DAY : start + m * r.between(5, 25) * DAY;
    const p = w.ids.person();
    let email: string | undefined;
    if (emails === 'templated') {
      const candidate = `${base.first}.${base.last[0]}${pad2(m + 1)}@${domain}`;
      if (w.ids.claim(candidate)) email = candidate;
    }
    const a = crook(w, 'host', country, created, {
      person: p,
      email,
      device: share.includes('device') ? r.pick(devices) : undefined,
      homeIp: net === 'vpn' ? vpn : net === 'actor_home' ? actorIp : w.ids.fixedIp(),
      homeAddress: null,
      card: null,
      bank: share.includes('bank') ? r.pick(banks) : undefined,
      listing: { country, pull: r.between(2, 5), hostel: false },
    });
    // Cheap to draw bookings: the price of a place twice its class.
    a.listing!.nightly = Math.round(a.listing!.nightly * r.between(0.55, 0.8));
    if (share.includes('device')) for (const d of devices) w.see(a, 'device', d, a.created, a.end, r.int(2, 5));
    members.push(a);
    // Some copy a real listing's address and photos.
    if (r.chance(0.2))
      w.later.push(() => {
        const real = w.hostAt(country, a.created + DAY);
        if (real && !real.fraud) w.see(a, 'address', real.listing!.address, a.created, a.created + 30 * DAY, 1);
      });
  }
  const last = Math.max(...members.map((m) => m.created));
  let known: Acc[] = [];
  if (outcome === 'caught') known = caught(w, members, last + r.between(30, 140) * DAY, 0.4);
  else if (outcome === 'abandoned') fadeOut(w, members, last + 60 * DAY);
  return { members, known, variant: { share, emails, net, tempo, outcome } };
}

/** A crew books real listings with stolen cards from drop phones behind a proxy; chargebacks follow. */
function stolenCards(w: World, n: number) {
  const r = w.rng;
  const country = w.guestCountry();
  const cards = r.pick(['far', 'local', 'mixed']);
  const proxy = r.pick(['one_proxy', 'proxy+vpn', 'two_proxies']);
  const phones = Math.max(1, Math.round(n / r.int(2, 6)));
  const tempo = r.pick(['burst', 'spread']);
  const proxies = [w.ids.fixedIp(), w.ids.fixedIp()];
  const drops = Array.from({ length: phones }, () => w.ids.device());
  const start = signupTime(r, WINDOW_START, WINDOW_END - 100 * DAY);
  const tested: Card[] = [];
  const members: Acc[] = [];
  const stolen = () => {
    if (tested.length > 0 && r.chance(0.15)) return r.pick(tested);
    const c = w.ids.card(
      r.chance(0.5) ? country : w.guestCountry(),
      cards === 'far' || (cards === 'mixed' && r.chance(0.5)),
    );
    tested.push(c);
    return c;
  };
  for (let m = 0; m < n; m++) {
    const created = start + r.float() * (tempo === 'burst' ? 5 : 45) * DAY;
    const a = crook(w, 'guest', country, created, {
      device: r.pick(drops),
      homeIp: proxy === 'two_proxies' ? r.pick(proxies) : proxies[0],
      homeAddress: null,
      card: stolen(),
      phone: r.chance(0.45) ? null : r.chance(0.1) ? '000-000-0000' : undefined,
    });
    if (proxy === 'proxy+vpn') w.see(a, 'ip', r.pick(w.vpn), a.created, a.created + 20 * DAY, r.int(1, 3));
    for (let c = r.int(0, 2); c > 0; c--) {
      const card = stolen();
      w.seeCard(a, card, a.created + r.float() * 10 * DAY);
    }
    members.push(a);
    w.later.push(() => {
      for (let b = r.int(1, 4); b > 0; b--) {
        const at = a.created + r.between(0.05, 15) * DAY;
        const host = w.hostAt(w.listingCountry(), at);
        if (host && !host.fraud) w.stay(a, host, at, r.int(3, 8), { discount: r.between(1.1, 1.6) });
      }
    });
  }
  // Chargebacks arrive weeks later; the platform bans the accounts it can tie to them.
  const known = caught(w, members, start + r.between(65, 110) * DAY, r.between(0.15, 0.35));
  return { members, known, variant: { cards, proxy, phones: String(phones), tempo } };
}

/** Guest accounts the host controls (or pays) book the host's listing again and again to buy five-star reviews. */
function reviewBoost(w: World, n: number) {
  const r = w.rng;
  const hostsN = n >= 5 && r.chance(0.3) ? 2 : 1;
  const link = r.pick(['host_devices', 'host_wifi', 'money_only']);
  const repay = link === 'money_only' ? 'yes' : r.pick(['yes', 'no']);
  const country = w.listingCountry();
  const hosts = Array.from({ length: hostsN }, () =>
    crook(w, 'host', country, signupTime(r, WINDOW_START, WINDOW_END - 220 * DAY), { listing: { country } }),
  );
  const guests: Acc[] = [];
  const first = Math.max(...hosts.map((h) => h.created));
  for (let m = 0; m < n - hostsN; m++) {
    const h = r.pick(hosts);
    const g = crook(w, 'guest', r.chance(0.7) ? country : w.guestCountry(), first + r.between(1, 90) * DAY, {
      device: link === 'host_devices' ? (r.chance(0.7) ? h.device : undefined) : undefined,
      homeIp: link === 'host_wifi' ? (h.homeIp ?? h.listing!.wifi) : undefined,
      homeAddress: link === 'money_only' ? undefined : null,
    });
    if (link === 'host_devices' && g.device !== h.device) w.see(g, 'device', h.device!, g.created, g.end, 2);
    guests.push(g);
    w.later.push(() => {
      for (let b = r.int(3, 8); b > 0; b--) {
        const host = r.pick(hosts);
        const until = Math.min(...hosts.map((x) => x.end)) - 5 * DAY;
        const at = g.created + r.float() * Math.max(DAY, Math.min(250 * DAY, until - g.created));
        const l = host.listing!;
        const amount = w.price(host, r.int(1, 2), 0.6);
        w.pay(g, host, amount, PLACES[l.country].currency, at, 'bk');
        if (link === 'host_wifi' || r.chance(0.4)) w.see(g, 'ip', l.wifi, at + r.between(1, 10) * DAY);
        if (repay === 'yes' && r.chance(0.85))
          w.pay(host, g, amount * r.between(0.8, 1.05), PLACES[l.country].currency, at + r.between(1, 12) * DAY, 'rf');
      }
    });
  }
  const members = [...hosts, ...guests];
  // Hosts who buy reviews are often verified, long-standing hosts.
  for (const h of hosts) if (r.chance(0.3)) h.label = 'legit';
  const known = r.chance(0.25)
    ? caught(w, hosts, first + 200 * DAY + r.float() * Math.max(0, WINDOW_END - 20 * DAY - first - 200 * DAY), 0.7)
    : [];
  return { members, known, variant: { hosts: String(hostsN), link, repay } };
}

/**
 * An off-platform reseller: sells stays to its own customers elsewhere, then books real listings for them through a
 * few guest accounts paying with its customers' (or stolen) cards, and cashes out through a listing of its own.
 */
function triangulation(w: World, n: number) {
  const r = w.rng;
  const country = w.listingCountry();
  const desk = r.pick(['one_laptop', 'two_laptops']);
  const office = w.ids.fixedIp();
  const devices = Array.from({ length: desk === 'one_laptop' ? 1 : 2 }, () => w.ids.device());
  const start = signupTime(r, WINDOW_START, WINDOW_END - 200 * DAY);
  const front = crook(w, 'host', country, start, {
    homeIp: office,
    device: devices[0],
    listing: { country, pull: 0.3 },
  });
  const members = [front];
  for (let m = 1; m < n; m++) {
    const g = crook(w, 'guest', w.guestCountry(), start + r.between(1, 60) * DAY, {
      device: r.pick(devices),
      homeIp: r.chance(0.8) ? office : undefined,
      homeAddress: null,
    });
    members.push(g);
    w.later.push(() => {
      for (let b = r.int(4, 12); b > 0; b--) {
        const at = g.created + r.float() * Math.min(220 * DAY, WINDOW_END - 20 * DAY - g.created);
        const card = w.ids.card(w.guestCountry(), r.chance(0.2));
        w.seeCard(g, card, at - r.between(0, 2) * HOUR);
        const host = w.hostAt(w.listingCountry(), at);
        if (host && !host.fraud) w.stay(g, host, at, r.int(2, 7));
      }
      for (let b = r.int(0, 3); b > 0; b--) {
        const at = g.created + r.float() * Math.min(200 * DAY, WINDOW_END - 20 * DAY - g.created);
        w.pay(g, front, w.price(front, r.int(2, 5)), PLACES[country].currency, at, 'bk');
      }
    });
  }
  const known = r.chance(0.5) ? caught(w, members, start + r.between(150, 300) * DAY, 0.3) : [];
  return { members, known, variant: { desk, cash_out: 'front_listing' } };
}

/** A crew takes over established hosts (phished logins), from its own phones, and points their payouts at mules. */
function takeover(w: World, n: number) {
  const r = w.rng;
  const country = w.listingCountry();
  const attackers = Array.from({ length: r.int(1, 2) }, () => w.ids.device());
  const net = r.pick(['vpn', 'proxy']);
  const mules = Array.from({ length: r.int(1, 2) }, () => w.ids.bank());
  const mail = r.pick(['changed', 'kept']);
  const victims = Array.from({ length: n }, () => {
    const v = crook(w, 'host', country, signupTime(r, WINDOW_START, WINDOW_END - 300 * DAY), {
      listing: { country },
    });
    v.label = r.chance(0.4) ? 'legit' : 'unknown';
    return v;
  });
  const wave = Math.max(...victims.map((v) => v.created)) + r.between(60, 120) * DAY;
  const spread = r.pick([3, 20, 60]);
  const proxy = w.ids.fixedIp();
  for (const v of victims) {
    const at = wave + r.float() * spread * DAY;
    const until = at + r.between(2, 25) * DAY;
    w.see(v, 'device', r.pick(attackers), at, until, r.int(1, 4));
    w.see(v, 'ip', net === 'vpn' ? r.pick(w.vpn) : proxy, at, until, r.int(1, 3));
    w.see(v, 'payment', r.pick(mules), at + r.between(0.1, 1) * DAY, until, 2);
    if (mail === 'changed') w.see(v, 'email', w.ids.email(w.ids.person(), country), at, until, 1);
    // The owner notices when a payout goes missing; the account is locked for recovery or simply won back.
    if (r.chance(0.3)) endLife(v, 'suspended', until + r.between(1, 5) * DAY);
  }
  return { members: victims, known: [], variant: { net, mail, spread: `${spread}d`, mules: String(mules.length) } };
}

/** Money from a listing nobody stays at (paid by stolen cards) moves on in hops through mule accounts. */
function muleChain(w: World, n: number) {
  const r = w.rng;
  const shape = r.pick(['chain', 'fan_in']);
  const links = r.pick(['none', 'one_ip', 'one_device']);
  const country = w.listingCountry();
  const start = signupTime(r, WINDOW_START, WINDOW_END - 200 * DAY);
  const head = crook(w, 'host', country, start, { listing: { country, pull: r.between(0.5, 2) } });
  const mules: Acc[] = [];
  for (let m = 1; m < n; m++)
    mules.push(crook(w, r.chance(0.7) ? 'guest' : 'host', country, start + r.between(1, 40) * DAY, { listing: null }));
  const members = [head, ...mules];
  if (links !== 'none') {
    const [x, y] = r.sample(members, 2);
    if (links === 'one_ip') w.see(y!, 'ip', x!.homeIp ?? w.ids.fixedIp(), y!.created, y!.end, 2);
    else w.see(y!, 'device', x!.device!, y!.created, y!.end, 2);
    if (!x!.homeIp && links === 'one_ip')
      w.see(x!, 'ip', y!.uses.filter((u) => u.kind === 'ip').at(-1)!.value, x!.created);
  }
  const end = Math.min(WINDOW_END - 10 * DAY, start + r.between(120, 300) * DAY);
  const cur = PLACES[country].currency;
  const fx = PLACES[country].fx;
  const begin = Math.max(...members.map((m) => m.created)) + DAY;
  for (let t = begin; t < end; t += r.between(5, 20) * DAY) {
    let amount = r.between(600, 3000) * fx;
    let at = t;
    if (shape === 'chain') {
      let from = head;
      for (const m of mules) {
        at += r.between(1, 30) * HOUR;
        w.pay(from, m, amount, cur, at, 'xfer');
        amount *= r.between(0.9, 0.97);
        from = m;
      }
    } else {
      const last = mules[mules.length - 1]!;
      const middle = mules.slice(0, -1);
      for (const m of middle) {
        w.pay(head, m, amount / middle.length, cur, at + r.between(1, 20) * HOUR, 'xfer');
        w.pay(m, last, (amount / middle.length) * r.between(0.9, 0.97), cur, at + r.between(24, 60) * HOUR, 'xfer');
      }
    }
  }
  for (const m of members) endLife(m, r.pick(['closed', 'banned', 'active']), end + r.between(1, 30) * DAY);
  for (const m of members) if (m.status === 'active') m.end = WINDOW_END - HOUR;
  const known = members.filter((m) => m.status === 'banned' && r.chance(0.2));
  for (const m of known) m.label = 'known_fraud';
  return { members, known, variant: { shape, links } };
}

/** A banned host signs up again under a new name and mailbox; one thing gives it away. */
function bannedReturn(w: World) {
  const r = w.rng;
  const via = r.pick(['payout_bank', 'phone', 'device', 'listing_address', 'address_variant+wifi']);
  const country = w.listingCountry();
  const first = crook(w, 'host', country, signupTime(r, WINDOW_START, WINDOW_END - 260 * DAY), {
    listing: { country },
  });
  const banned = first.created + r.between(40, 160) * DAY;
  endLife(first, 'banned', banned);
  if (r.chance(0.6)) first.label = 'known_fraud';
  const l = first.listing!;
  const back = crook(w, 'host', country, first.end + r.between(10, 90) * DAY, {
    bank: via === 'payout_bank' ? first.bank : undefined,
    phone: via === 'phone' ? phoneVariant(r, first.phone!) : undefined,
    device: via === 'device' ? first.device : undefined,
    homeAddress: null,
    listing: {
      country,
      address:
        via === 'listing_address'
          ? l.address
          : via === 'address_variant+wifi'
            ? addressVariant(r, l.address)
            : undefined,
      wifi: via === 'address_variant+wifi' ? l.wifi : undefined,
    },
  });
  if (r.chance(0.3)) endLife(back, 'banned', back.created + r.between(60, 200) * DAY);
  else if (r.chance(0.15)) back.label = 'legit';
  return { members: [first, back], known: first.label === 'known_fraud' ? [first] : [], variant: { via } };
}

/** A guest opens a second account to take the new-guest discount again. */
function promoDuplicate(w: World) {
  const r = w.rng;
  const via = r.pick(['device', 'card', 'gmail_dots', 'home_ip+address_variant']);
  const country = w.guestCountry();
  const p = w.ids.person();
  const n = r.int(10, 999);
  const dotted = `${p.first}.${p.last}${n}@gmail.com`;
  const gmail = via === 'gmail_dots' && w.ids.claim(dotted);
  const first = crook(w, 'guest', country, signupTime(r, WINDOW_START, WINDOW_END - 60 * DAY), {
    person: p,
    email: gmail ? dotted : undefined,
    homeAddress: via === 'home_ip+address_variant' ? w.ids.address(country, true) : undefined,
    homeIp: via === 'home_ip+address_variant' ? w.ids.fixedIp() : undefined,
  });
  const second = crook(w, 'guest', country, first.created + r.between(1, 40) * DAY, {
    person: r.chance(0.5) ? p : w.ids.person(),
    email: gmail ? `${p.first}${p.last}${n}${r.chance(0.5) ? '+stay' : ''}@gmail.com` : undefined,
    device: via === 'device' ? first.device : undefined,
    card: via === 'card' ? first.card : undefined,
    homeIp: via === 'home_ip+address_variant' ? first.homeIp : undefined,
    homeAddress: via === 'home_ip+address_variant' ? addressVariant(r, first.homeAddress!) : undefined,
  });
  for (const a of [first, second])
    w.later.push(() => {
      const at = a.created + r.between(1, 20) * DAY;
      const host = w.hostAt(w.listingCountry(), at);
      if (host && !host.fraud) w.stay(a, host, at, r.int(1, 4), { discount: 0.8 });
    });
  const known: Acc[] = [];
  if (r.chance(0.15)) {
    endLife(second, 'banned', second.created + r.between(20, 90) * DAY);
    second.label = 'known_fraud';
    known.push(second);
  }
  return { members: [first, second], known, variant: { via } };
}

// The honest customers of the wallet: singles, households (parents, teenagers with a sponsored account, a shared
// tablet, a parent's card added to a teen's wallet), roommates, students, and the accounts paid by many — merchants,
// creators, small employers, landlords and club treasurers. Each gets a profile and its sign-up links here; their
// sessions and transfers are written by activity.ts.
import { Networks } from './networks.ts';
import { DAY, WINDOW_END, WINDOW_START, type Account, type Confounder, type World } from './world.ts';

export interface Circle {
  hub: Account;
  members: Account[];
  c: Confounder;
}

export interface Household {
  members: Account[];
  parents: Account[];
  kids: Account[];
  roommates: boolean;
  c: Confounder;
}

export interface Population {
  people: Account[];
  /** Merchants and creators, the most popular first. */
  merchants: Account[];
  employers: Circle[];
  landlords: Circle[];
  clubs: Circle[];
  households: Household[];
  /** People who sometimes connect through their employer's VPN, a campus network or a privacy VPN. */
  corporate: Map<Account, number>;
  students: Map<Account, number>;
  privacy: Map<Account, number>;
  nets: Networks;
}

/** A sign-up time: more customers join later in the window, as a growing wallet's do. */
export function joinTime(w: World): number {
  return WINDOW_START + (WINDOW_END - 45 * DAY - WINDOW_START) * w.rng.float() ** 0.75;
}

/** Profile and sign-up links: mailbox, phone, address, handsets over time, cards and a bank account. */
export function signUp(
  w: World,
  nets: Networks,
  a: Account,
  opts: { email?: string; phone?: string; addressText?: string; shareDevice?: [string, string] } = {},
): void {
  const r = w.rng;
  const t = a.createdAt;
  w.link(a, 'email', opts.email ?? w.values.email(a.name), t);
  a.phone = opts.phone ?? w.values.phone();
  w.link(a, 'phone', w.values.spell(a.phone), t + r.int(0, 600_000));
  if (a.address) w.link(a, 'address', opts.addressText ?? w.values.written(a.address), t + r.int(0, 10) * DAY);
  // Handsets: a second-hand phone now and then, a generic build fingerprint on some budget models, an upgrade later.
  let from = t;
  const upgrades = r.chance(0.35) ? 1 : r.chance(0.08) ? 2 : 0;
  for (let i = 0; i <= upgrades; i++) {
    const until = i === upgrades ? WINDOW_END : w.between(from + 60 * DAY, WINDOW_END - 30 * DAY);
    const used = i === 0 && r.chance(0.03) ? nets.buy(from) : undefined;
    if (used) w.useDevice(a, used.device, used.userAgent, from, until);
    else {
      const { model, userAgent } = w.values.handset();
      const generic = r.chance(0.3) ? nets.genericDevice(model, userAgent) : undefined;
      const value = generic?.value ?? w.values.deviceId();
      w.useDevice(a, value, userAgent, from, until);
      if (!generic && i < upgrades && r.chance(0.3)) nets.sell(a, value, userAgent, until);
    }
    from = until;
  }
  if (opts.shareDevice) w.useDevice(a, opts.shareDevice[0], opts.shareDevice[1], t + r.int(1, 60) * DAY, WINDOW_END);
  const cards = r.chance(0.85) ? (r.chance(0.25) ? 2 : 1) : 0;
  for (let i = 0; i < cards; i++) {
    const card = w.values.card();
    a.cards.push(card.value);
    w.link(a, 'payment', card.value, t + r.int(0, 90) * DAY, { card: card.card });
  }
  if (r.chance(0.55)) w.link(a, 'payment', w.values.bank(), t + r.int(1, 200) * DAY);
  if (r.chance(0.015)) nets.placeholder(a, t + r.int(0, 300) * DAY);
}

/** A home IP for the accounts of one home, with a reassignment by the ISP for some. */
function settle(w: World, nets: Networks, members: Account[], from: number): void {
  let ip = nets.homeIp(from).ip;
  let start = from;
  if (w.rng.chance(0.2)) {
    const moved = w.between(from + 90 * DAY, WINDOW_END - 20 * DAY);
    for (const m of members) m.homeIps.push([ip, start, moved]);
    nets.release(ip, moved);
    ip = nets.homeIp(moved).ip;
    start = moved;
  }
  for (const m of members) m.homeIps.push([ip, start, WINDOW_END]);
}

function hub(w: World, nets: Networks, type: Account['type']): Account {
  const a = w.open(WINDOW_START + w.rng.float() * 200 * DAY, { type });
  a.address = w.values.address(0.2);
  if (type !== 'personal' && w.rng.chance(0.5)) a.label = 'legit';
  signUp(w, nets, a);
  settle(w, nets, [a], a.createdAt);
  return a;
}

export function populate(w: World, target: number): Population {
  const nets = new Networks(w, target);
  const r = w.rng;
  const n = (per20k: number, min: number) => Math.max(min, Math.round((per20k * target) / 20_000));
  const merchants = Array.from({ length: n(50, 6) }, (_, i) => hub(w, nets, i % 3 === 2 ? 'creator' : 'business'));
  const circle = (kind: string, type: Account['type']): Circle => ({
    hub: hub(w, nets, type),
    members: [],
    c: w.confounder(kind),
  });
  const employers = Array.from({ length: n(45, 4) }, () => circle('employer', 'business'));
  const landlords = Array.from({ length: n(40, 4) }, () => circle('landlord', 'personal'));
  const clubs = Array.from({ length: n(25, 3) }, () => circle('club_collector', 'personal'));
  for (const h of [...employers, ...landlords, ...clubs]) h.c.members.add(h.hub.id);

  const pop: Population = {
    people: [],
    merchants,
    employers,
    landlords,
    clubs,
    households: [],
    corporate: new Map(),
    students: new Map(),
    privacy: new Map(),
    nets,
  };
  while (w.accounts.length < target) {
    const left = target - w.accounts.length;
    const unit = r.weighted([
      ['single', 62],
      ['household', 26],
      ['roommates', 8],
      ['student', 4],
      ['sole_trader', 0.6],
    ] as const);
    if (unit === 'household' && left >= 2)
      household(
        w,
        pop,
        Math.min(
          left,
          r.weighted([
            [2, 5],
            [3, 4],
            [4, 3],
            [5, 1],
          ]),
        ),
      );
    else if (unit === 'roommates' && left >= 2) roommates(w, pop, Math.min(left, r.int(2, 4)));
    else {
      const a = w.open(joinTime(w));
      if (unit !== 'student') {
        if (r.chance(0.75)) a.address = w.values.address();
        signUp(w, nets, a);
        settle(w, nets, [a], a.createdAt);
        if (unit === 'sole_trader' && left >= 2) pop.people.push(ownerWithBusiness(w, pop, a));
      } else {
        // Students: the campus network, and for many the dorm's street address, each writing it their own way.
        const campus = r.int(0, nets.campuses.length - 1);
        const dorm = nets.campuses[campus]!.dorm;
        a.community = nets.campuses[campus]!.community;
        pop.students.set(a, campus);
        if (r.chance(0.6)) a.address = dorm;
        const text = r.chance(0.5) ? w.values.written(dorm) : w.values.rewritten(dorm, r.int(0, 3));
        signUp(w, nets, a, a.address ? { addressText: text } : {});
      }
      pop.people.push(a);
    }
  }
  for (const p of pop.people) {
    if (r.chance(0.06)) pop.corporate.set(p, r.int(0, nets.corporate.length - 1));
    if (r.chance(0.03)) pop.privacy.set(p, r.int(0, nets.privacy.length - 1));
  }
  return pop;
}

/** Parents and teenagers under one roof: one address (each writes it their own way), one home IP, often a tablet. */
function household(w: World, pop: Population, size: number): void {
  const r = w.rng;
  const nets = pop.nets;
  const first = w.open(joinTime(w));
  const adults = size >= 3 && r.chance(0.3) ? 1 : Math.min(2, size);
  const members = [first];
  for (let i = 1; i < size; i++) {
    const kid = i >= adults;
    const born = kid ? new Date(first.createdAt).getUTCFullYear() - r.int(13, 19) : first.name.born + r.int(-4, 4);
    members.push(
      w.open(first.createdAt + r.int(0, 200) * DAY, {
        community: first.community,
        name: w.values.relative(first.name, born),
      }),
    );
  }
  const address = w.values.address(0.15);
  const chargeback = r.chance(0.015);
  const h: Household = {
    members,
    parents: members.slice(0, adults),
    kids: members.slice(adults),
    roommates: false,
    c: w.confounder(chargeback ? 'household_with_chargeback' : 'household'),
  };
  const tablet =
    size >= 3 && r.chance(0.2) ? [w.values.deviceId(), 'RLWallet/6.3.1 (iPad13,18; iPadOS 17.4)'] : undefined;
  const familyCard = h.kids.length > 0 && r.chance(0.25) ? w.values.card() : undefined;
  // A teenager's account opened with a parent's number (the family's one phone line).
  const parentPhone = w.values.phone();
  for (const [i, m] of members.entries()) {
    m.address = address;
    const text = r.chance(0.7) ? w.values.written(address) : w.values.rewritten(address, r.int(0, 3));
    const phone = i === 0 || (h.kids.includes(m) && r.chance(0.1)) ? parentPhone : undefined;
    signUp(w, nets, m, {
      addressText: text,
      ...(phone ? { phone } : {}),
      ...(tablet && i < 3 ? { shareDevice: tablet as [string, string] } : {}),
    });
    h.c.members.add(m.id);
  }
  if (familyCard) {
    const c = w.confounder('family_card', [{ kind: 'payment', value: familyCard.value }]);
    for (const m of [h.parents[0]!, ...h.kids.slice(0, 2)])
      w.link(m, 'payment', familyCard.value, m.createdAt + r.int(0, 30) * DAY, { card: familyCard.card, tag: c });
  }
  if (tablet) h.c.values.push({ kind: 'device', value: tablet[0]! });
  // A chargeback one member filed on their own card: the bank labels that account, not the family.
  if (chargeback) h.parents[0]!.label = 'known_fraud';
  settle(w, nets, members, first.createdAt);
  pop.households.push(h);
  pop.people.push(...members);
}

/** Roommates: one apartment, one home IP, a monthly rent split through the wallet. */
function roommates(w: World, pop: Population, size: number): void {
  const r = w.rng;
  const address = w.values.address(1);
  const members = Array.from({ length: size }, () => w.open(joinTime(w)));
  const community = members[0]!.community;
  const h: Household = { members, parents: [], kids: [], roommates: true, c: w.confounder('roommates') };
  for (const m of members) {
    m.community = community;
    m.address = address;
    signUp(w, pop.nets, m, {
      addressText: r.chance(0.5) ? w.values.written(address) : w.values.rewritten(address, r.int(0, 3)),
    });
    h.c.members.add(m.id);
  }
  settle(w, pop.nets, members, Math.min(...members.map((m) => m.createdAt)));
  pop.households.push(h);
  pop.people.push(...members);
}

/** One more honest customer living alone (fills the population up to the size asked for). */
export function single(w: World, pop: Population): Account {
  const a = w.open(joinTime(w));
  if (w.rng.chance(0.75)) a.address = w.values.address();
  signUp(w, pop.nets, a);
  settle(w, pop.nets, [a], a.createdAt);
  pop.people.push(a);
  return a;
}

/** A customer who later opens a business account for their side business, on the same phone and number. */
function ownerWithBusiness(w: World, pop: Population, owner: Account): Account {
  const r = w.rng;
  const opened = w.between(owner.createdAt + 20 * DAY, WINDOW_END - 60 * DAY);
  const business = w.open(opened, { type: 'business', community: owner.community, name: owner.name });
  const c = w.confounder('personal_and_business');
  c.members.add(owner.id).add(business.id);
  const device = w.deviceAt(owner, opened) ?? owner.devices[0]!;
  signUp(w, pop.nets, business, {
    email: `${owner.name.first}.${r.pick(['bakes', 'repairs', 'studio', 'rides', 'designs', 'tutoring'])}${r.int(1, 99)}@example.com`,
    ...(owner.phone ? { phone: owner.phone } : {}),
    shareDevice: [device[0], device[1]],
  });
  business.homeIps.push(...owner.homeIps);
  // Takings move from the business account to the personal one.
  for (let k = r.int(2, 10); k > 0; k--) w.pay(business, owner, r.int(100, 1500), w.between(opened, WINDOW_END));
  return business;
}

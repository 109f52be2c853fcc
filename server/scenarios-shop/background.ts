// The honest shop: households of customers living their lives in the event log, marketplace sellers, and the benign
// look-alikes of fraud that any real shop's data is full of:
// - households: a family ordering from one home — shared address and broadband IP (and the IP's changes), sometimes a
//   family tablet or one parent's card;
// - office_nat / campus_nat: employees or students behind one NAT address;
// - library_kiosk: a public computer (one device, one IP) that strangers sign in on;
// - default_fingerprint: popular phone models whose fingerprint SDK reports one identical value for every handset;
// - placeholder: accounts opened by call-centre staff for phone orders, with `0000000000` and `noemail@shop.example`;
// - pickup_point: parcel lockers and couriers' pickup counters, one address for hundreds of customers;
// - gift_shipping: presents shipped to someone else's home;
// - carrier_nat / vpn_exit: mobile carriers' NAT pools and commercial VPN exits, shared by strangers.
import type { Dice } from './random.ts';
import { DAY, END, START, type Home, type ShopWorld, type Venue } from './shop-world.ts';
import type { Card, Device } from './values.ts';

export const PLACEHOLDER_PHONE = '0000000000';
export const PLACEHOLDER_EMAIL = 'noemail@shop.example';

export interface Person {
  account: number;
  home: Home;
  phone?: Device;
  computer?: Device;
  carrier: number;
  venue?: Venue;
  kiosk?: Venue;
  vpn: boolean;
  cards: Card[];
  pickup?: string;
}

const HOUSEHOLD_SIZES: readonly (readonly [number, number])[] = [
  [1, 60],
  [2, 21],
  [3, 11],
  [4, 6],
  [5, 2],
];

/** Makes `count` honest accounts (sellers included) and lets them shop; registers every benign look-alike group. */
export function populate(world: ShopWorld, dice: Dice, count: number): Person[] {
  const sellerCount = Math.max(5, Math.round(count * 0.02));
  const sellers: number[] = [];
  for (let i = 0; i < sellerCount; i++) sellers.push(openSeller(world, dice));
  world.setSellers(sellers);

  const pickups = Array.from({ length: Math.max(2, Math.round(count / 4000)) }, (_, i) =>
    world.ids.address(() => `Parcel Point ${100 + i}, ${world.ids.street()}, ${world.ids.town()}`),
  );
  for (const address of pickups)
    world.confounders.push({ kind: 'pickup_point', values: [{ kind: 'address', value: address }] });
  const venues: Venue[] = [];
  const addVenues = (kind: Venue['kind'], n: number) => {
    const made = Array.from({ length: n }, (): Venue => {
      const venue: Venue = { kind, ip: world.venueIp(), members: [] };
      if (kind === 'library_kiosk') venue.kiosk = world.ids.device('computer');
      return venue;
    });
    venues.push(...made);
    return made;
  };
  const offices = addVenues('office_nat', Math.max(2, Math.round(count / 1200)));
  const campuses = addVenues('campus_nat', Math.max(1, Math.round(count / 9000)));
  const kiosks = addVenues('library_kiosk', Math.max(2, Math.round(count / 4000)));

  const people: Person[] = [];
  let building: { street: string; town: string; units: number; next: number } | undefined;
  while (people.length + sellerCount < count) {
    const size = Math.min(dice.weighted(HOUSEHOLD_SIZES), count - sellerCount - people.length);
    // A quarter of homes are flats: neighbours share the street address and differ by the apartment number.
    let address: string;
    if (dice.chance(0.25)) {
      if (!building || building.next > building.units)
        building = { street: world.ids.street(), town: world.ids.town(), units: dice.int(4, 40), next: 1 };
      const b = building;
      address = world.ids.address(() => `${b.street} Apt ${b.next++}, ${b.town}`);
    } else address = world.ids.address();
    const home = world.addHome(address);
    const first = dice.between(START - 500 * DAY, END - 10 * DAY);
    if (size > 1 && dice.chance(0.35)) home.tablet = world.ids.device('tablet');
    if (size > 1 && dice.chance(0.3)) home.familyCard = world.ids.card('US');
    for (let m = 0; m < size; m++) {
      const createdAt = m === 0 ? first : Math.min(END - DAY, first + dice.int(0, 300) * DAY);
      const account = world.addAccount(createdAt);
      home.members.push(account);
      const person: Person = { account, home, carrier: world.carrier(), vpn: dice.chance(0.07), cards: [] };
      if (dice.chance(0.85)) person.phone = dice.chance(0.03) ? dice.pick(world.defaults) : world.ids.device('phone');
      if (!person.phone || dice.chance(0.55)) person.computer = world.ids.device('computer');
      const v = dice.float();
      if (v < 0.1) person.venue = dice.pick(offices);
      else if (v < 0.14) person.venue = dice.pick(campuses);
      if (dice.chance(0.015)) person.kiosk = dice.pick(kiosks);
      if (dice.chance(0.08)) person.pickup = dice.pick(pickups);
      people.push(person);
    }
    if (size > 1) {
      const values = [
        { kind: 'address', value: home.address },
        ...home.leases.map((l) => ({ kind: 'ip', value: l.ip })),
        ...(home.tablet ? [{ kind: 'device', value: home.tablet.value }] : []),
        ...(home.familyCard ? [{ kind: 'payment', value: home.familyCard.token }] : []),
      ];
      world.confounders.push({ kind: 'household', values, members: home.members });
    }
  }

  const gifted = new Set<Home>();
  for (const person of people) live(world, dice, person, gifted);
  for (const home of gifted)
    world.confounders.push({ kind: 'gift_shipping', values: [{ kind: 'address', value: home.address }] });
  for (const venue of venues) {
    const values = [{ kind: 'ip', value: venue.ip }];
    if (venue.kiosk) values.push({ kind: 'device', value: venue.kiosk.value });
    world.confounders.push({ kind: venue.kind, values });
  }
  for (const device of world.defaults)
    world.confounders.push({ kind: 'default_fingerprint', values: [{ kind: 'device', value: device.value }] });
  world.confounders.push({ kind: 'placeholder', values: [{ kind: 'phone', value: PLACEHOLDER_PHONE }] });
  world.confounders.push({ kind: 'placeholder', values: [{ kind: 'email', value: PLACEHOLDER_EMAIL }] });
  for (const ip of world.carrierIps())
    world.confounders.push({ kind: 'carrier_nat', values: [{ kind: 'ip', value: ip }] });
  for (const ip of world.vpnIps()) world.confounders.push({ kind: 'vpn_exit', values: [{ kind: 'ip', value: ip }] });
  return people;
}

function openSeller(world: ShopWorld, dice: Dice): number {
  const createdAt = dice.between(START - 700 * DAY, END - 120 * DAY);
  const account = world.addAccount(createdAt, 'seller');
  const premises = world.addHome();
  const computer = world.ids.device('computer');
  world.signup(account, world.ids.email(), world.ids.phone());
  world.event({ type: 'address_saved', at: createdAt, account, address: premises.address });
  for (const t of world.times(dice, 3 + dice.geometric(10, 60), Math.max(createdAt, START), END))
    world.session(account, t, computer, world.homeIp(premises, t));
  return account;
}

/** An honest customer's eighteen months: sign-up, sessions on their own devices and networks, orders and returns. */
function live(world: ShopWorld, dice: Dice, p: Person, gifted: Set<Home>): void {
  const { account, home } = p;
  const a = world.accounts[account]!;
  const from = Math.max(a.createdAt, START);
  // Staff open accounts for phone orders and type a placeholder where the caller gave no email or phone.
  const staff = dice.chance(0.015);
  const phone = staff && dice.chance(0.8) ? PLACEHOLDER_PHONE : dice.chance(0.65) ? world.ids.phone() : undefined;
  const email = staff && dice.chance(0.6) ? PLACEHOLDER_EMAIL : world.ids.email();
  world.signup(account, email, phone);
  world.event({ type: 'address_saved', at: a.createdAt, account, address: home.address });

  // Phones get replaced: a new handset is a new fingerprint from then on.
  const replacedAt = p.phone && dice.chance(0.25) ? dice.between(from, END) : END;
  const newPhone = replacedAt < END ? world.ids.device('phone') : undefined;
  const usesTablet = home.tablet !== undefined && dice.chance(0.6);
  const sessions = world.times(dice, staff ? dice.int(0, 2) : 1 + dice.geometric(6, 45), from, END);
  for (const t of sessions) {
    const options: Device[] = [];
    if (p.phone) options.push(t < replacedAt ? p.phone : newPhone!, t < replacedAt ? p.phone : newPhone!);
    if (p.computer) options.push(p.computer);
    if (usesTablet) options.push(home.tablet!);
    const device = dice.pick(options);
    const mobile = device === p.phone || device === newPhone;
    let ip: string;
    if (p.vpn && dice.chance(0.15)) ip = world.vpnIp();
    else if (p.venue && dice.chance(p.venue.kind === 'campus_nat' ? 0.4 : 0.2)) ip = p.venue.ip;
    else if (mobile && dice.chance(0.5)) ip = world.carrierIp(p.carrier);
    else ip = world.homeIp(home, t);
    world.session(account, t, device, ip);
  }
  if (p.kiosk)
    for (const t of world.times(dice, dice.int(1, 3), from, END)) world.session(account, t, p.kiosk.kiosk!, p.kiosk.ip);

  const cardCount = dice.weighted<number>([
    [1, 70],
    [2, 24],
    [3, 6],
  ]);
  for (let i = 0; i < cardCount; i++) p.cards.push(world.ids.card(a.country));
  if (home.familyCard && dice.chance(0.6)) p.cards.push(home.familyCard);

  const orderTimes = dice.chance(0.2) ? [] : world.times(dice, 1 + dice.geometric(2.5, 30), from, END);
  const loner = dice.chance(0.003);
  for (const t of orderTimes) {
    const card = dice.pick(p.cards);
    let shipTo = p.pickup && dice.chance(0.7) ? p.pickup : home.address;
    if (dice.chance(0.03)) {
      // A present: to a friend's home (who may shop here too) or to someone who never signed up.
      const recipient = dice.chance(0.6) ? dice.pick(world.homes) : undefined;
      if (recipient && recipient !== home && recipient.members.length > 0) {
        shipTo = recipient.address;
        gifted.add(recipient);
      } else shipTo = world.ids.address();
    }
    const amount = world.amount(dice);
    const order = world.order(account, t, card, shipTo, amount);
    if (dice.chance(0.06)) world.refund(account, t + dice.int(3, 25) * DAY, order.id, amount, order.seller);
    if (loner ? dice.chance(0.6) : dice.chance(0.003))
      world.chargeback(
        account,
        t + dice.int(10, 60) * DAY,
        order.id,
        dice.pick(['item_not_received', 'not_as_described']),
      );
  }
  // A lone chargeback fraudster, caught and blocked; verified long-standing customers; accounts the customer closed.
  if (loner && orderTimes.length > 0) Object.assign(a, { status: 'blocked', label: 'known_fraud' });
  else if (a.createdAt < START && dice.chance(0.08)) a.label = 'legit';
  else if (dice.chance(0.02)) a.status = 'closed';
}

/**
 * Ordinary-looking activity of an account a fraudster holds: sessions from a phone of its own on a mobile carrier,
 * so ring members are not pure shells. Returns the phone.
 */
export function coverSessions(
  world: ShopWorld,
  dice: Dice,
  account: number,
  from: number,
  to: number,
  n: number,
): Device {
  const phone = world.ids.device('phone');
  const carrier = world.carrier();
  for (const t of world.times(dice, n, from, to)) world.session(account, t, phone, world.carrierIp(carrier));
  return phone;
}

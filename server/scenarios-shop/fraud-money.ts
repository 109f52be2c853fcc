// Fraud that works through the shop's money flows:
//
// chargeback_ring — serial "friendly fraud": a circle of friends or a paid crew orders high-value goods with a few
//   real cards passed around between many accounts and disputes them as not received or not as described. Besides
//   the cards, the members sometimes share a laptop or a flat's Wi-Fi; one of them may already be blocked.
// triangulation — a storefront on the marketplace sells below price to real buyers, who pay it; the fraudster then
//   buys the goods at the shop with stolen cards from a handful of accounts (VPN or hosting IPs, one or two laptops
//   that also run the storefront) and ships them to one drop address, or straight to the real buyers. The real
//   cardholders charge back weeks later and the shop blocks some of the buying accounts.
// refund_abuse_pair — one person with two accounts, opened months apart, claiming "item not received" refunds on
//   both; the accounts share the person's phone number, their phone, or both (and their home Wi-Fi).
// chargeback_reentry — a customer blocked after chargebacks comes back: new accounts appear on the blocked account's
//   computer weeks to months later, sometimes from the same home line, with the old card or the address respelled.
import type { ChargebackReason } from './event-log.ts';
import { coverSessions } from './background.ts';
import { block, openFraudAccount, type Ctx, type Planted } from './planted.ts';
import { DAY, END, START } from './shop-world.ts';
import type { Card, Device } from './values.ts';

const DISPUTES: ChargebackReason[] = ['item_not_received', 'not_as_described'];

export function chargebackRing(ctx: Ctx, size: number): Planted {
  const { world, dice } = ctx;
  const t0 = dice.between(START, END - 150 * DAY);
  const cards = Array.from({ length: Math.max(1, Math.min(dice.int(2, 4), Math.floor(size / 2))) }, () =>
    world.ids.card('US'),
  );
  const extra = dice.weighted<string>([
    ['cards_only', 45],
    ['shared_laptop', 30],
    ['shared_wifi', 25],
  ]);
  const laptop = world.ids.device('computer');
  const flat = world.addHome();
  const addresses = Array.from({ length: dice.int(2, Math.max(2, Math.ceil(size / 2))) }, () => world.ids.address());
  const members: number[] = [];
  for (let i = 0; i < size; i++) {
    const createdAt = t0 + dice.int(0, 120) * DAY;
    const account = openFraudAccount(ctx, 'chargeback_ring', createdAt);
    members.push(account);
    world.signup(account, world.ids.email(), dice.chance(0.5) ? world.ids.phone() : undefined);
    const phone = coverSessions(world, dice, account, createdAt, END, dice.int(2, 8));
    const own = [cards[i % cards.length]!];
    if (dice.chance(0.4)) own.push(dice.pick(cards));
    const shipTo = dice.pick(addresses);
    const inner = (i % 2 === 0 || dice.chance(0.3)) && extra !== 'cards_only';
    for (const t of world.times(dice, dice.int(2, 5), createdAt + DAY, Math.min(END, createdAt + 90 * DAY))) {
      const device: Device = inner && extra === 'shared_laptop' ? laptop : phone;
      const ip = inner && extra === 'shared_wifi' ? world.homeIp(flat, t) : world.carrierIp(i);
      world.session(account, t - 600_000, device, ip);
      const order = world.order(account, t, dice.pick(own), shipTo, world.amount(dice, 4));
      if (dice.chance(0.7)) world.chargeback(account, t + dice.int(15, 60) * DAY, order.id, dice.pick(DISPUTES));
    }
  }
  const knownFraud = dice.chance(0.4) ? [dice.pick(members)] : [];
  for (const k of knownFraud) block(ctx, k);
  return { typology: 'chargeback_ring', members, knownFraud, variant: { cards: String(cards.length), extra } };
}

export function triangulation(ctx: Ctx, size: number): Planted {
  const { world, dice } = ctx;
  const t0 = dice.between(START + 100 * DAY, END - 60 * DAY);
  const storefront = openFraudAccount(ctx, 'triangulation', t0 - dice.int(30, 90) * DAY, 'seller');
  world.signup(storefront, world.ids.email(), world.ids.phone());
  const laptops = [world.ids.device('computer')];
  if (dice.chance(0.4)) laptops.push(world.ids.device('computer'));
  const sharedDevice = dice.chance(0.6);
  const network = dice.chance(0.5) ? 'vpn' : 'hosting';
  const ip = () => (network === 'vpn' ? world.vpnIp() : world.hostingIp());
  const shipping = dice.chance(0.7) ? 'drop' : 'reship';
  const drop = world.ids.address();
  world.event({ type: 'address_saved', at: t0 - 20 * DAY, account: storefront, address: world.ids.address() });
  for (const t of world.times(dice, dice.int(3, 8), t0 - 20 * DAY, t0 + 40 * DAY))
    world.session(storefront, t, laptops[0]!, ip());

  const buyers: number[] = [];
  for (let i = 1; i < size; i++) {
    const createdAt = t0 + dice.int(0, 20) * DAY;
    const account = openFraudAccount(ctx, 'triangulation', createdAt);
    buyers.push(account);
    world.signup(account, world.ids.email(), undefined);
    const device = sharedDevice ? laptops[i % laptops.length]! : world.ids.device('computer');
    world.session(account, createdAt, device, ip());
    const stolen: Card[] = Array.from({ length: dice.int(1, 3) }, () =>
      world.ids.card(dice.pick(['GB', 'DE', 'FR', 'BR', 'US', 'NL'])),
    );
    stolen.forEach((card) => world.event({ type: 'card_saved', at: createdAt + 60_000, account, card }));
  }
  // Real buyers pay the storefront; each sale is bought at the shop with a stolen card on one of the fraud accounts.
  const innocents = dice.sample(world.bystanders(t0), dice.int(size, size * 3));
  innocents.forEach((buyer, n) => {
    const person = ctx.people.get(buyer);
    if (!person) return;
    const account = buyers[n % buyers.length]!;
    const at = Math.max(t0 + dice.int(1, 40) * DAY, world.accounts[account]!.createdAt + DAY);
    const amount = world.amount(dice, 2);
    world.order(buyer, at, dice.pick(person.cards), person.home.address, amount, storefront);
    world.session(
      account,
      at + 3_600_000,
      sharedDevice ? laptops[n % laptops.length]! : world.ids.device('computer'),
      ip(),
    );
    const card = world.ids.card(dice.pick(['GB', 'DE', 'FR', 'US']));
    const order = world.order(
      account,
      at + 3_700_000,
      card,
      shipping === 'drop' ? drop : person.home.address,
      amount * 1.2,
      null,
    );
    if (dice.chance(0.8)) world.chargeback(account, at + dice.int(10, 50) * DAY, order.id, 'fraud_unauthorized');
  });
  const knownFraud = dice.chance(0.5) ? dice.sample(buyers, dice.int(1, 2)) : [];
  for (const k of knownFraud) block(ctx, k);
  return {
    typology: 'triangulation',
    members: [storefront, ...buyers],
    knownFraud,
    variant: { shipping, network, devices: sharedDevice ? String(laptops.length) : 'per_account' },
  };
}

export function refundAbusePair(ctx: Ctx): Planted {
  const { world, dice } = ctx;
  const first = dice.between(START - 200 * DAY, END - 200 * DAY);
  const second = first + dice.int(30, 180) * DAY;
  const link = dice.weighted<string>([
    ['phone_number', 35],
    ['handset', 40],
    ['both', 25],
  ]);
  const home = world.addHome();
  const number = world.ids.phone();
  const handset = world.ids.device('phone');
  const carrier = world.carrier();
  const members: number[] = [];
  for (const createdAt of [first, second]) {
    const account = openFraudAccount(ctx, 'refund_abuse_pair', createdAt);
    const n = members.push(account);
    const samePhone = link !== 'handset' || n === 1;
    world.signup(account, world.ids.email(), samePhone ? number : dice.chance(0.5) ? world.ids.phone() : undefined);
    const device = link !== 'phone_number' || n === 1 ? handset : world.ids.device('phone');
    const address = n === 1 || dice.chance(0.5) ? home.address : world.ids.address();
    const card = world.ids.card('US');
    for (const t of world.times(dice, dice.int(3, 10), Math.max(START, createdAt), END)) {
      world.session(account, t - 300_000, device, dice.chance(0.7) ? world.homeIp(home, t) : world.carrierIp(carrier));
      const amount = world.amount(dice, 1.5);
      const order = world.order(account, t, card, address, amount);
      if (dice.chance(0.65)) world.refund(account, t + dice.int(5, 20) * DAY, order.id, amount, order.seller);
    }
  }
  return { typology: 'refund_abuse_pair', members, knownFraud: [], variant: { link } };
}

export function chargebackReentry(ctx: Ctx, size: number): Planted {
  const { world, dice } = ctx;
  const created = dice.between(START - 100 * DAY, END - 260 * DAY);
  const known = openFraudAccount(ctx, 'chargeback_reentry', created);
  world.signup(known, world.ids.email(), world.ids.phone());
  const computer = world.ids.device('computer');
  const home = world.addHome();
  const s = world.ids.streetParts();
  const town = world.ids.town();
  const address = `${s.number} ${s.name} ${s.long}, ${town}`;
  const card = world.ids.card('US');
  world.event({ type: 'address_saved', at: created, account: known, address });
  let last = Math.max(created, START);
  for (const t of world.times(dice, dice.int(3, 7), Math.max(created, START), Math.max(created, START) + 90 * DAY)) {
    world.session(known, t - 300_000, computer, world.homeIp(home, t));
    const order = world.order(known, t, card, address, world.amount(dice, 3));
    world.chargeback(known, t + dice.int(20, 45) * DAY, order.id, dice.pick(DISPUTES));
    last = t;
  }
  block(ctx, known);
  const blockedAt = last + 50 * DAY;
  const sameLine = dice.chance(0.6);
  const oldCard = dice.chance(0.3);
  const respelled = dice.chance(0.4);
  const members = [known];
  const knownFraud = [known];
  for (let i = 1; i < size; i++) {
    const createdAt = Math.min(END - DAY, blockedAt + dice.int(5, 150) * DAY);
    const account = openFraudAccount(ctx, 'chargeback_reentry', createdAt);
    members.push(account);
    world.signup(account, world.ids.email(), dice.chance(0.4) ? world.ids.phone() : undefined);
    world.session(account, createdAt, computer, sameLine ? world.homeIp(home, createdAt) : world.carrierIp(i));
    coverSessions(world, dice, account, createdAt, END, dice.int(0, 4));
    const shipTo = respelled ? `${s.number} ${s.name} ${s.short}, ${town}` : world.ids.address();
    for (const t of world.times(dice, dice.int(1, 3), createdAt, END)) {
      world.session(account, t - 300_000, computer, sameLine ? world.homeIp(home, t) : world.carrierIp(i));
      world.order(account, t, oldCard && i === 1 ? card : world.ids.card('US'), shipTo, world.amount(dice, 2));
    }
    if (dice.chance(0.15)) {
      block(ctx, account);
      knownFraud.push(account);
    }
  }
  return {
    typology: 'chargeback_reentry',
    members,
    knownFraud,
    variant: { same_line: String(sameLine), old_card: String(oldCard), address: respelled ? 'respelled' : 'new' },
  };
}

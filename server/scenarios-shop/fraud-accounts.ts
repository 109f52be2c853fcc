// Fraud that works through many accounts at the shop's front door:
//
// account_takeover — credential stuffing: an attacker replays leaked passwords and gets into several ordinary
//   customers' accounts from the one or two browsers they work from, through a VPN, residential proxies or their
//   own line. The victims keep their whole honest history; what they share is the attacker's device (and, when the
//   attacker cashes out, a drop address, or the attacker's phone set for two-factor codes to lock the owner out).
//   The owners dispute the orders afterwards and some accounts are locked for a password reset.
// reseller_bot — sneaker/console resale bots: a batch of accounts opened days before limited product drops, each
//   session through a fresh residential proxy, anti-detect browsers that randomise the fingerprint (or cycle a few
//   profiles), mailboxes on the reseller's own catch-all domain, prepaid or virtual cards, and every order shipped to
//   one building with the apartment number written a different way each time.
// promo_abuse — one person harvesting first-order coupons: new accounts on plus-addressed (`name+3@`), dotted or
//   disposable mailboxes, from one or a few devices on their home line, one or two cards, shipped to their address.
import { openFraudAccount, type Ctx, type Planted } from './planted.ts';
import { DAY, END, START } from './shop-world.ts';
import { DISPOSABLE_DOMAINS, PREPAID_BINS, VIRTUAL_BINS, type Device } from './values.ts';

export function accountTakeover(ctx: Ctx, size: number): Planted {
  const { world, dice } = ctx;
  const t0 = dice.between(START + 120 * DAY, END - 30 * DAY);
  const victims = dice.sample(world.bystanders(t0 - 60 * DAY), size);
  for (const v of victims) world.accounts[v]!.planted = 'account_takeover';
  const network = dice.weighted<string>([
    ['vpn', 40],
    ['proxies', 35],
    ['own_line', 25],
  ]);
  const cashout = dice.weighted<string>([
    ['drop_address', 45],
    ['stored_card', 30],
    ['new_card', 25],
  ]);
  const lockout = dice.chance(0.35);
  const devices = [world.ids.device('computer')];
  if (dice.chance(0.25)) devices.push(world.ids.device('computer'));
  const line = world.proxyIp();
  const attackerPhone = world.ids.phone();
  const drop = world.ids.address();
  const window = dice.int(1, 21) * DAY;
  const ip = () => (network === 'vpn' ? world.vpnIp() : network === 'proxies' ? world.proxyIp() : line);
  victims.forEach((victim, i) => {
    const t = dice.between(t0, t0 + window);
    // With two browsers, the first and every other victim see the first; the rest the second, some both.
    const used: Device[] =
      devices.length === 1 || i % 2 === 0 ? [devices[0]!] : dice.chance(0.5) ? [devices[1]!] : [...devices];
    used.forEach((device, k) => world.session(victim, t + k * 3_600_000 + dice.int(0, 600_000), device, ip()));
    if (lockout) {
      world.event({
        type: 'profile_change',
        at: t + 60_000,
        account: victim,
        field: 'email',
        value: world.ids.email(),
      });
      world.event({ type: 'profile_change', at: t + 90_000, account: victim, field: 'phone', value: attackerPhone });
    }
    const person = ctx.people.get(victim)!;
    const card = cashout === 'new_card' ? world.ids.card(dice.pick(['US', 'GB', 'DE'])) : dice.pick(person.cards);
    const shipTo = cashout === 'stored_card' && dice.chance(0.5) ? person.home.address : drop;
    if (shipTo === drop) world.event({ type: 'address_saved', at: t + 120_000, account: victim, address: drop });
    for (let n = dice.int(1, 3); n > 0; n--) {
      const at = t + 180_000 + n * 60_000;
      const order = world.order(victim, at, card, shipTo, world.amount(dice, 3), null);
      if (dice.chance(0.75)) world.chargeback(victim, at + dice.int(3, 40) * DAY, order.id, 'fraud_unauthorized');
    }
    if (dice.chance(0.4)) world.accounts[victim]!.status = 'locked';
  });
  return {
    typology: 'account_takeover',
    members: victims,
    knownFraud: [],
    variant: { network, cashout, lockout: String(lockout), devices: String(devices.length) },
  };
}

export function resellerBot(ctx: Ctx, size: number): Planted {
  const { world, dice } = ctx;
  const drops = world.times(dice, dice.int(1, 3), START + 30 * DAY, END - 5 * DAY);
  const fingerprints = dice.chance(0.55) ? 'randomised' : 'profiles';
  const profiles = Array.from({ length: dice.int(2, 4) }, () => world.ids.device('headless'));
  const cards = dice.chance(0.5) ? 'prepaid' : 'virtual';
  const prepaid = Array.from({ length: dice.int(2, 5) }, () => world.ids.card('US', PREPAID_BINS));
  const buildings = dice.chance(0.25) ? 2 : 1;
  const streets = Array.from({ length: buildings }, () => ({ s: world.ids.streetParts(), town: world.ids.town() }));
  const domain = `${dice.pick(['kicks', 'restock', 'dropzone', 'cop'])}${dice.hex(4)}.example`;
  const recent: string[] = [];
  const proxy = () => {
    const r = dice.float();
    // Proxy pools recycle exits, and a residential exit is somebody's home line (an infected household's).
    const ip =
      r < 0.15 && recent.length > 0
        ? dice.pick(recent)
        : r < 0.2
          ? world.homeIp(dice.pick(world.homes), drops[0]!)
          : world.proxyIp();
    recent.push(ip);
    if (recent.length > 12) recent.shift();
    return ip;
  };
  const members: number[] = [];
  for (let i = 0; i < size; i++) {
    const drop = drops[i % drops.length]!;
    const createdAt = drop - dice.int(1, 4 * 24) * 3_600_000;
    const account = openFraudAccount(ctx, 'reseller_bot', createdAt);
    members.push(account);
    let local = dice.hex(dice.int(6, 9));
    while (!world.ids.claim(`${local}@${domain}`)) local = dice.hex(9);
    world.signup(account, `${local}@${domain}`, dice.chance(0.4) ? world.ids.phone() : undefined);
    const device = fingerprints === 'randomised' ? world.ids.device('headless') : profiles[i % profiles.length]!;
    const card = cards === 'prepaid' ? dice.pick(prepaid) : world.ids.card('US', VIRTUAL_BINS);
    const { s, town } = dice.pick(streets);
    const apt = dice.int(1, Math.max(3, Math.ceil(size / 3)));
    const shipTo = dice.pick([
      `${s.number} ${s.name} ${s.long} Apt ${apt}, ${town}`,
      `${s.number} ${s.name} ${s.short} #${apt}, ${town}`,
      `${s.number} ${s.name} ${s.short}., Unit ${apt}, ${town}`,
      `${s.number} ${s.name} ${s.long} APT ${apt}, ${town}`.toUpperCase(),
    ]);
    world.session(account, createdAt, device, proxy());
    for (const d of drops) {
      if (d < createdAt) continue;
      for (let n = dice.int(1, 2); n > 0; n--) {
        const at = d + dice.int(0, 900_000);
        world.session(account, at - 30_000, device, proxy());
        world.order(account, at, card, shipTo, world.amount(dice, 2.5), null);
      }
    }
  }
  return {
    typology: 'reseller_bot',
    members,
    knownFraud: [],
    variant: { fingerprints, cards, buildings: String(buildings), drops: String(drops.length) },
  };
}

export function promoAbuse(ctx: Ctx, size: number): Planted {
  const { world, dice } = ctx;
  const t0 = dice.between(START, END - 20 * DAY);
  const mail = dice.weighted<string>([
    ['plus_gmail', 30],
    ['plus_own_domain', 15],
    ['dotted_gmail', 15],
    ['disposable', 40],
  ]);
  const deviceMode = dice.chance(0.5) ? 'one' : 'few';
  const devices = Array.from({ length: deviceMode === 'one' ? 1 : dice.int(2, 3) }, () =>
    world.ids.device(dice.chance(0.5) ? 'phone' : 'computer'),
  );
  const cardMode = dice.weighted<string>([
    ['one_card', 40],
    ['two_cards', 35],
    ['own_cards', 25],
  ]);
  const cards = Array.from({ length: cardMode === 'one_card' ? 1 : 2 }, () => world.ids.card('US'));
  const home = world.addHome();
  const s = world.ids.streetParts();
  const town = world.ids.town();
  const addressMode = dice.weighted<string>([
    ['exact', 60],
    ['respelled', 25],
    ['abbreviated', 15],
  ]);
  const name = world.ids.name();
  const base = `${name.first}${name.last}${dice.int(10, 99)}`;
  const domain = mail === 'plus_own_domain' ? dice.pick(['example.net', 'post.example']) : 'gmail.com';
  world.ids.claim(`${base}@${domain}`);
  const members: number[] = [];
  const window = dice.int(1, 10) * DAY;
  for (let i = 0; i < size; i++) {
    const createdAt = dice.between(t0, t0 + window);
    const account = openFraudAccount(ctx, 'promo_abuse', createdAt);
    members.push(account);
    let email: string;
    if (mail === 'plus_gmail' || mail === 'plus_own_domain') email = `${base}+${i + 1}@${domain}`;
    else if (mail === 'dotted_gmail') email = `${dotted(base, i)}@gmail.com`;
    else email = world.ids.email(world.ids.name(), dice.pick(DISPOSABLE_DOMAINS));
    if (mail === 'plus_own_domain') world.ids.claim(email);
    world.signup(account, email, undefined);
    const address =
      addressMode === 'exact' || i === 0
        ? `${s.number} ${s.name} ${s.long}, ${town}`
        : addressMode === 'respelled'
          ? `${s.number}  ${s.name.toUpperCase()} ${s.long} ,${town}`
          : `${s.number} ${s.name} ${s.short}., ${town}`;
    const device = devices[i % devices.length]!;
    world.session(account, createdAt, device, dice.chance(0.8) ? world.homeIp(home, createdAt) : world.carrierIp(0));
    const card = cardMode === 'own_cards' ? world.ids.card('US') : cards[i % cards.length]!;
    const at = createdAt + dice.int(5, 120) * 60_000;
    world.order(account, at, card, address, world.amount(dice, 0.6), null);
  }
  return {
    typology: 'promo_abuse',
    members,
    knownFraud: [],
    variant: { mail, devices: deviceMode, cards: cardMode, address: addressMode },
  };
}

/** Gmail ignores dots: `annabel` as `a.nnabel`, `an.nabel`, …, a different spelling for each account. */
function dotted(base: string, i: number): string {
  const at = 1 + (i % (base.length - 1));
  const second = 1 + ((i * 7 + 3) % (base.length - 1));
  const cuts = [...new Set([at, second])].sort((x, y) => x - y).slice(0, i >= base.length - 1 ? 2 : 1);
  let out = base;
  for (const c of cuts.reverse()) out = `${out.slice(0, c)}.${out.slice(c)}`;
  return out;
}

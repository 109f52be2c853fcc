// Fraud about money in and out of the sportsbook and about the betting itself: stolen-card deposit rings cashing out
// fast, money laundering through deposits and quick withdrawals (or player transfers), matched-betting / arbitrage
// syndicates running "beard" accounts, and insiders betting on fixed matches for friends and family.
import { formatAddress } from './ids.ts';
import { leaseAt, type Life } from './life.ts';
import { openingTimes, sizeClass } from './fraud-accounts.ts';
import { DAY, HOUR, MINUTE, WINDOW_END, WINDOW_START, type Instrument, type Player } from './world.ts';

/** Fresh accounts deposit with a pool of stolen cards and withdraw within hours; chargebacks follow weeks later. */
export function stolenCardRing(life: Life, size: number): void {
  const { w, ids, pools } = life;
  const r = w.rng;
  const density = r.pick(['dense', 'sparse'] as const);
  const devices = r.pick(['one_laptop', 'emulators', 'phones'] as const);
  const network = r.pick(['proxy', 'vpn', 'home'] as const);
  const cashout = r.pick(['one_wallet', 'two_wallets', 'per_account'] as const);
  const times = openingTimes(life, size, r.pick(['burst', 'burst', 'weekly']));
  const first = w.player(times[0]!, { status: 'closed' });
  const members = [first, ...times.slice(1).map((t) => w.player(t, { region: first.region, status: 'closed' }))];
  const pool = Array.from({ length: density === 'dense' ? Math.max(2, Math.ceil(size * 0.7)) : size * 2 }, () =>
    ids.card(r.pick(['US', 'US', 'CA', 'GB', 'BR', 'RO', 'NG'])),
  );
  const laptop = ids.device('desktop');
  const homeIp = ids.homeIp();
  const exits = pools.exits(r, r.int(2, 4));
  const wallets =
    cashout === 'one_wallet' ? [ids.ewallet()] : cashout === 'two_wallets' ? [ids.ewallet(), ids.ewallet()] : [];
  members.forEach((m, i) => {
    w.link(m, 'email', ids.email(m), m.createdAt);
    if (r.chance(0.5)) w.link(m, 'phone', ids.phone(m.region), m.createdAt);
    w.link(m, 'address', formatAddress(ids.address(m.region)), m.createdAt);
    const device = devices === 'one_laptop' ? laptop : ids.device(devices === 'emulators' ? 'emulator' : 'phone');
    // Sparse pools chain the accounts (card i and i+1), dense ones overlap at random.
    const cards =
      density === 'sparse'
        ? [pool[(2 * i) % pool.length]!, pool[(2 * i + 1) % pool.length]!, pool[(2 * i + 2) % pool.length]!]
        : r.shuffle([...pool]).slice(0, r.int(2, Math.min(4, pool.length)));
    const out = wallets.length ? wallets[i % wallets.length]! : ids.ewallet();
    for (const [k, card] of cards.entries()) {
      const t = m.createdAt + k * w.between(10 * MINUTE, 6 * HOUR);
      w.device(m, device, t);
      w.link(m, 'ip', network === 'proxy' ? ids.foreignIp() : network === 'vpn' ? r.pick(exits) : homeIp, t + 1000);
      w.instrument(m, card, t + 2 * MINUTE);
      w.instrument(m, out, t + w.between(HOUR, 12 * HOUR));
    }
  });
  w.plant('stolen_card_ring', members, { density, devices, network, cashout, size: sizeClass(size) }, 0.5);
}

/**
 * Money mules with their own phones and homes deposit dirty money and take it out again after token play: to a few
 * shared bank accounts, by player transfers to a collector, or from a pool of prepaid vouchers to one e-wallet.
 */
export function moneyLaundering(life: Life, size: number): void {
  const { w, ids } = life;
  const r = w.rng;
  const method = r.pick(['p2p_layering', 'shared_bank', 'smurfing'] as const);
  const handler = r.chance(0.35);
  const handlerPhone = ids.device('phone');
  const start = w.signupTime(WINDOW_START, WINDOW_END - 150 * DAY);
  const first = w.player(start, { poker: method === 'p2p_layering' });
  const members = [first];
  for (let i = 1; i < size; i++)
    members.push(w.player(start + w.between(0, 90) * DAY, { region: first.region, poker: method === 'p2p_layering' }));
  const banks = [ids.bank(), ids.bank()];
  const vouchers = Array.from({ length: Math.max(2, Math.ceil(size / 2)) }, () => ids.voucher());
  const wallet = ids.ewallet();
  const collector = members[0]!;
  const kits = members.map((m) => life.ordinary(m, { sessions: r.int(3, 10) }));
  const busyFrom = Math.max(...members.map((m) => m.createdAt)) + DAY;
  members.forEach((m, i) => {
    const kit = kits[i]!;
    for (const t of w.times(r.int(3, 10), busyFrom, WINDOW_END - 3 * DAY)) {
      life.session(m, kit, t, handler && r.chance(0.4) ? handlerPhone : undefined);
      const deposit: Instrument = method === 'smurfing' ? r.pick(vouchers) : r.pick(kit.deposit);
      w.instrument(m, deposit, t + 2 * MINUTE);
      const cashOut = t + w.between(30 * MINUTE, 2 * DAY);
      if (method === 'p2p_layering' && m !== collector) w.pay(m, collector, w.amount(900, 0.5), cashOut, 'transfer');
      else if (method === 'shared_bank') w.instrument(m, banks[r.chance(0.7) ? i % 2 : (i + 1) % 2]!, cashOut);
      else if (method === 'smurfing') w.instrument(m, wallet, cashOut);
    }
  });
  if (method === 'p2p_layering')
    for (const t of w.times(r.int(3, 8), busyFrom, WINDOW_END - DAY)) w.instrument(collector, banks[0]!, t);
  w.plant('money_laundering', members, { method, handler: String(handler), size: sizeClass(size) }, 0.2);
}

/**
 * A matched-betting / arbitrage syndicate: "beards" (real people paid for the use of their identity) open accounts
 * in their own names, then the syndicate bets on them from its office, funds them and takes the withdrawals.
 */
export function matchedBetting(life: Life, size: number): void {
  const { w, ids, pools } = life;
  const r = w.rng;
  const setup = r.pick(['office', 'vpn', 'remote'] as const);
  const withLeader = r.chance(0.6);
  const officeIp = ids.homeIp();
  const laptops = Array.from({ length: r.int(1, 3) }, () => ids.device('desktop'));
  const funding = [ids.card('US'), ids.ewallet()];
  const payout = r.chance(0.5) ? [ids.ewallet()] : [ids.ewallet(), ids.bank()];
  const recruited = w.signupTime(WINDOW_START, WINDOW_END - 150 * DAY);
  const first = w.player(recruited);
  const members = [first];
  for (let i = 1; i < size; i++) members.push(w.player(recruited + w.between(0, 120) * DAY, { region: first.region }));
  const exits = pools.exits(r, 3);
  members.forEach((m, i) => {
    const kit = life.kit(m);
    life.register(m, kit);
    w.instrument(m, kit.deposit[0]!, m.createdAt + HOUR);
    const leader = withLeader && i === 0;
    const handover = m.createdAt + w.between(1, 10) * DAY;
    for (const t of w.times(r.int(8, 40), handover, WINDOW_END - DAY)) {
      if (setup === 'remote') life.session(m, kit, t);
      else {
        w.device(m, r.pick(laptops), t);
        w.link(m, 'ip', setup === 'office' ? officeIp : r.pick(exits), t + 1000);
      }
      if (r.chance(0.4)) w.instrument(m, leader ? kit.deposit[0]! : r.pick(funding), t + 5 * MINUTE);
      if (r.chance(0.2)) w.instrument(m, r.pick(payout), t + w.between(HOUR, 2 * DAY));
    }
    // Limited ("gubbed") accounts go quiet; the syndicate moves on to fresh beards.
    if (r.chance(0.4)) m.status = 'restricted';
  });
  w.plant('matched_betting_syndicate', members, { setup, leader: String(withLeader), size: sizeClass(size) }, 0.1);
}

/**
 * Match fixing: an insider's relatives and friends, ordinary customers otherwise, bet on the fixed matches on the same
 * evenings from the insider's network (and sometimes his laptop). Nothing moves between them on the platform.
 */
export function matchFixing(life: Life, size: number): void {
  const { w, ids } = life;
  const r = w.rng;
  const shared = r.pick(['ip', 'ip+device', 'family_home'] as const);
  const first = w.player(w.signupTime(WINDOW_START, WINDOW_END - 200 * DAY));
  const members: Player[] = [first];
  for (let i = 1; i < size; i++)
    members.push(w.player(w.signupTime(WINDOW_START, WINDOW_END - 120 * DAY), { region: first.region }));
  const insiderHome = life.home(first);
  const laptop = ids.device('desktop');
  const kits = members.map((m, i) =>
    life.ordinary(
      m,
      shared === 'family_home' && i < 2 ? { home: insiderHome, address: formatAddress(insiderHome.address) } : {},
    ),
  );
  const from = Math.max(...members.map((m) => m.createdAt)) + 7 * DAY;
  const days = r.int(2, 4);
  for (let k = 0; k < days; k++) {
    const t = w.matchDay(from);
    members.forEach((m, i) => {
      // Everybody bets on the first fix; most on the later ones.
      if (k > 0 && !r.chance(0.8)) return;
      const at = t - w.between(10 * MINUTE, 3 * HOUR);
      w.device(m, shared === 'ip+device' && r.chance(0.6) ? laptop : kits[i]!.phone, at);
      w.link(m, 'ip', leaseAt(insiderHome, at), at + 1000);
      w.instrument(m, r.pick(kits[i]!.deposit), at + 3 * MINUTE);
    });
  }
  w.plant('match_fixing_insiders', members, { shared, size: sizeClass(size) }, r.chance(0.4) ? 0.15 : 0);
}

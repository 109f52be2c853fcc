// Typologies about who controls the accounts: account takeover (an attacker's device and proxy appearing on
// established customers' accounts, sometimes a SIM swap to the attacker's number, then the balance drained to the
// attacker's bank account or spent at merchants; the members are the taken-over accounts), bust-out (accounts that
// behave well for months, then max out together from one device or card), and cash-out crews (stolen cards loaded
// onto several wallets, the money gathered by one member).
import { sessions } from './activity.ts';
import { campaign, choose, confirmed, crewLogin, newcomer, proxyIp } from './crew.ts';
import type { Population } from './population.ts';
import { DAY, HOUR, WINDOW_END, WINDOW_START, type Account, type World } from './world.ts';

const DESKTOP = 'RLWallet web/2.4 (Windows NT 10.0; Win64; x64) Chrome/124.0';

export function accountTakeover(w: World, pop: Population, everyone: Account[], size: number): void {
  const r = w.rng;
  const entry = r.pick(['device', 'device+sim_swap', 'proxy_only'] as const);
  const cashout = r.pick(['bank_account', 'merchant_purchases'] as const);
  const [start, end] = campaign(w, WINDOW_START + 200 * DAY, r.int(1, 25));
  const device: [string, string] = [w.values.deviceId(), r.chance(0.5) ? DESKTOP : w.values.handset().userAgent];
  const ip = proxyIp(w);
  const attackerPhone = w.values.phone();
  const bank = w.values.bank();
  const victims = choose(w, everyone, size, start - 90 * DAY);
  for (const v of victims) {
    const t = w.between(start, end);
    // proxy_only: a fresh emulator per account, but one proxy.
    const used: [string, string] = entry === 'proxy_only' ? [w.values.deviceId(), DESKTOP] : device;
    crewLogin(w, v, t, used, ip);
    crewLogin(w, v, t + r.int(5, 90) * 60_000, undefined, ip);
    if (entry === 'device+sim_swap') w.link(v, 'phone', w.values.spell(attackerPhone), t + 10 * 60_000);
    if (cashout === 'bank_account') w.link(v, 'payment', bank, t + 20 * 60_000);
    else
      for (let k = r.int(2, 5); k > 0; k--)
        w.pay(v, r.pick(pop.merchants.slice(0, 8)), r.int(150, 900), t + r.int(1, 180) * 60_000);
  }
  w.plant('account_takeover', victims, confirmed(w, victims, 0.15), { entry, cashout });
}

export function bustOut(w: World, pop: Population, size: number): void {
  const r = w.rng;
  const shared = r.pick(['device', 'card', 'device+card', 'ip'] as const);
  const dormancy = r.int(3, 9);
  const openFrom = w.between(WINDOW_START, WINDOW_END - (dormancy * 30 + 120) * DAY);
  const bust = openFrom + (dormancy * 30 + r.int(60, 100)) * DAY;
  const ring: Account[] = [];
  for (let i = 0; i < size; i++) {
    // Sleepers: each opened on its own phone and network, weeks apart, then used like any customer's account.
    const a = newcomer(w, pop, openFrom + r.int(0, 100) * DAY);
    const home = w.values.residentialIp();
    a.homeIps.push([home, a.createdAt, bust]);
    sessions(w, pop, a, r.int(3, 8), bust - 2 * DAY);
    for (let k = r.int(3, 10); k > 0; k--)
      w.pay(a, r.pick(pop.merchants), r.int(8, 80), w.between(a.createdAt, bust - 3 * DAY));
    ring.push(a);
  }
  // Within a day or three: the crew's laptop, a new card on every account, transfers to one member and big purchases.
  const device: [string, string] = [w.values.deviceId(), DESKTOP];
  const card = w.values.card();
  const ip = proxyIp(w);
  for (const a of ring) {
    const t = bust + r.int(0, 60) * HOUR;
    if (shared.includes('device')) crewLogin(w, a, t, device, ip);
    else if (shared === 'ip') crewLogin(w, a, t, undefined, ip);
    if (shared.includes('card')) w.link(a, 'payment', card.value, t + HOUR, { card: card.card });
    if (a !== ring[0]) w.pay(a, ring[0]!, r.int(1500, 5000), t + 2 * HOUR);
    for (let k = r.int(1, 3); k > 0; k--)
      w.pay(a, r.pick(pop.merchants.slice(0, 10)), r.int(400, 2500), t + r.int(1, 30) * HOUR);
  }
  w.plant('bust_out', ring, confirmed(w, ring, 0.4), { shared, dormancy_months: String(dormancy) });
}

export function cashOutCrew(w: World, pop: Population, size: number): void {
  const r = w.rng;
  const cards = Array.from({ length: r.int(2, Math.min(6, size)) }, () =>
    w.values.card(r.pick(['US', 'US', 'GB', 'CA'])),
  );
  const devices: [string, string][] = Array.from({ length: r.int(1, 3) }, () => [
    w.values.deviceId(),
    w.values.handset().userAgent,
  ]);
  const [start, end] = campaign(w, WINDOW_START + 30 * DAY, r.int(5, 60));
  const crew: Account[] = [];
  for (let i = 0; i < size; i++)
    crew.push(
      newcomer(w, pop, start - r.int(0, 40) * DAY, {
        device: devices[i % devices.length]!,
        ip: proxyIp(w),
        card: false,
      }),
    );
  // Each stolen card is loaded onto two or three of the crew's wallets; every wallet holds at least one.
  const holders = cards.map(() => new Set<Account>());
  crew.forEach((a, i) => holders[i % cards.length]!.add(a));
  cards.forEach((c, j) => {
    const others = r.shuffle(crew.filter((a) => !holders[j]!.has(a)));
    for (const a of others.slice(0, Math.max(2 - holders[j]!.size, r.int(0, 2)))) holders[j]!.add(a);
    for (const a of holders[j]!) w.link(a, 'payment', c.value, w.between(start, end), { card: c.card });
  });
  const bank = w.values.bank();
  w.link(crew[0]!, 'payment', bank, start);
  for (const a of crew.slice(1))
    for (let k = r.int(1, 4); k > 0; k--)
      w.pay(a, crew[0]!, r.int(200, 1500), w.between(Math.max(start, a.createdAt), end + 5 * DAY));
  w.plant('cash_out_crew', crew, confirmed(w, crew, 0.35), {
    cards: String(cards.length),
    devices: String(devices.length),
  });
}

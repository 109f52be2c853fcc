// Typologies that are about moving money: money-mule networks (scam victims pay recruited mules who forward the
// money quickly, through a second layer or straight to collectors), authorised-push-payment scam collectors (a crew
// of accounts receiving a burst of payments from victims), and round-tripping (money sent in circles to inflate
// volume for higher limits or rewards). Victims are honest customers and never members of the case.
import { campaign, choose, confirmed, crewLogin, newcomer, proxyIp } from './crew.ts';
import type { Population } from './population.ts';
import { DAY, HOUR, WINDOW_START, type Account, type World } from './world.ts';

export function muleNetwork(w: World, pop: Population, pool: Account[], victimsPool: Account[], size: number): void {
  const r = w.rng;
  const layers = size >= 7 && r.chance(0.5) ? 2 : 1;
  const control = r.pick(['payments_only', 'herder_device', 'herder_proxy'] as const);
  const recruitment = r.pick(['fresh', 'recruited', 'mixed'] as const);
  const speed = r.pick(['minutes', 'days'] as const);
  const [start, end] = campaign(w, WINDOW_START + 120 * DAY, r.int(14, 120));
  const collectors = Array.from({ length: size >= 8 ? 2 : 1 }, () => newcomer(w, pop, start - r.int(5, 60) * DAY));
  const muleCount = size - collectors.length;
  const recruited =
    recruitment === 'fresh'
      ? []
      : choose(w, pool, recruitment === 'recruited' ? muleCount : Math.floor(muleCount / 2), start - 30 * DAY);
  const mules = [...recruited];
  while (mules.length < muleCount) mules.push(newcomer(w, pop, start - r.int(1, 21) * DAY));
  const second = layers === 2 ? mules.slice(0, Math.max(2, Math.floor(mules.length / 3))) : [];
  const first = mules.filter((m) => !second.includes(m));
  const herderDevice: [string, string] = [w.values.deviceId(), w.values.handset().userAgent];
  const herderIp = proxyIp(w);
  const victims: Account[] = [];
  const delay = () => (speed === 'minutes' ? r.int(5, 180) * 60_000 : r.int(1, 4) * DAY + r.int(0, 12) * HOUR);
  for (const mule of first) {
    for (let v = r.int(2, 6); v > 0; v--) {
      const [victim] = choose(w, victimsPool, 1, start);
      if (!victim) break;
      victims.push(victim);
      const at = w.between(start, end);
      const amount = r.int(250, 3500);
      if (!w.pay(victim, mule, amount, at)) continue;
      // The mule keeps a cut and forwards the rest, to the second layer or to a collector.
      const next = second.length > 0 ? r.pick(second) : r.pick(collectors);
      const t = at + delay();
      w.pay(mule, next, amount * (0.85 + 0.1 * r.float()), t);
      if (second.includes(next)) w.pay(next, r.pick(collectors), amount * 0.8, t + delay());
      if (control === 'herder_device')
        crewLogin(w, mule, t - 60_000, r.chance(0.8) ? herderDevice : undefined, herderIp);
      if (control === 'herder_proxy') crewLogin(w, mule, t - 60_000, undefined, herderIp);
    }
  }
  for (const c of collectors)
    crewLogin(w, c, w.between(start, end), control === 'payments_only' ? undefined : herderDevice, herderIp);
  w.plant(
    'money_mule_network',
    [...mules, ...collectors],
    confirmed(w, first, 0.25),
    { layers: String(layers), control, recruitment, speed },
    victims,
  );
}

export function appScamCollectors(
  w: World,
  pop: Population,
  pool: Account[],
  victimsPool: Account[],
  size: number,
): void {
  const r = w.rng;
  const tie = r.pick(['device', 'bank_account', 'ip', 'device+bank_account'] as const);
  const tempo = r.pick(['burst', 'slow'] as const);
  const aged = r.chance(0.35);
  const [start, end] = campaign(w, WINDOW_START + 150 * DAY, tempo === 'burst' ? r.int(3, 14) : r.int(60, 150));
  const device: [string, string] = [w.values.deviceId(), w.values.handset().userAgent];
  const bank = w.values.bank();
  const ip = proxyIp(w);
  // Aged accounts: bought from their first owners months earlier and dormant since; else opened for the scam.
  const crew = aged ? choose(w, pool, size, start - 120 * DAY) : [];
  while (crew.length < size) crew.push(newcomer(w, pop, start - r.int(2, 30) * DAY));
  const victims: Account[] = [];
  for (const c of crew) {
    const t = start - r.int(0, 2) * DAY;
    crewLogin(w, c, t, tie.includes('device') ? device : undefined, tie === 'ip' || r.chance(0.5) ? ip : undefined);
    if (tie.includes('bank_account')) w.link(c, 'payment', bank, t + HOUR);
    for (let v = r.int(4, 14); v > 0; v--) {
      const [victim] = choose(w, victimsPool, 1, start);
      if (!victim) break;
      victims.push(victim);
      w.pay(
        victim,
        c,
        r.weighted([
          [r.int(80, 400), 3],
          [r.int(400, 2500), 2],
        ]),
        w.between(start, end),
      );
    }
  }
  // The takings gather on one account before they leave the wallet.
  for (const c of crew.slice(1)) w.pay(c, crew[0]!, r.int(800, 6000), end + r.int(0, 48) * HOUR);
  w.plant(
    'app_scam_collectors',
    crew,
    confirmed(w, crew, 0.3),
    { tie, tempo, accounts: aged ? 'aged' : 'new' },
    victims,
  );
}

export function roundTripping(w: World, pop: Population, pool: Account[], size: number): void {
  const r = w.rng;
  const tie = r.pick(['payments_only', 'shared_home_ip', 'shared_card'] as const);
  const [start] = campaign(w, WINDOW_START + 60 * DAY, 0);
  const recruited = r.chance(0.5) ? choose(w, pool, Math.floor(size / 2), start) : [];
  const ring = [...recruited];
  while (ring.length < size) ring.push(newcomer(w, pop, start - r.int(1, 40) * DAY));
  const ip = w.values.residentialIp();
  const card = w.values.card();
  for (const m of ring) {
    if (tie === 'shared_home_ip')
      for (let k = r.int(2, 4); k > 0; k--) w.link(m, 'ip', ip, w.between(start, start + 90 * DAY));
    if (tie === 'shared_card' && r.chance(0.7))
      w.link(m, 'payment', card.value, start + r.int(0, 5) * DAY, { card: card.card });
  }
  // The same sum goes round the circle again and again, a little less each time (the fees).
  for (let lap = r.int(6, 20), t = start, amount = r.int(900, 4000); lap > 0; lap--) {
    for (let i = 0; i < ring.length; i++) {
      t += r.int(1, 30) * HOUR;
      w.pay(ring[i]!, ring[(i + 1) % ring.length]!, amount, t);
      amount *= 0.99;
    }
    t += r.int(1, 10) * DAY;
  }
  w.plant('round_tripping', ring, confirmed(w, ring, 0.15), { tie, recruited: String(recruited.length) });
}

// Building blocks of the planted fraud: accounts opened by a fraudster with the values the typology dictates,
// honest customers recruited or victimised, and the crew's logins through proxies.
import { sessions } from './activity.ts';
import type { Population } from './population.ts';
import { DAY, WINDOW_END, type Account, type World } from './world.ts';

export interface Opening {
  email?: string;
  phone?: string;
  address?: string;
  /** [device value, user agent] the account is opened and used on. */
  device?: [string, string];
  ip?: string;
  /** Cards: none (default: a card of its own with probability 0.6). */
  card?: false;
}

/** A residential proxy or a hosting-provider IP of the kind fraud crews rent: used by nobody else. */
export function proxyIp(w: World): string {
  return w.rng.chance(0.6) ? w.values.residentialIp() : `198.51.100.${w.rng.int(1, 190)}`;
}

/** A new account opened by the fraudster (or on their instructions), with a few later logins of its own. */
export function newcomer(w: World, pop: Population, at: number, o: Opening = {}): Account {
  const r = w.rng;
  const a = w.open(at);
  w.link(a, 'email', o.email ?? w.values.email(a.name), a.createdAt);
  w.link(a, 'phone', o.phone ?? w.values.spell(w.values.phone()), a.createdAt + r.int(0, 300_000));
  if (o.address) w.link(a, 'address', o.address, a.createdAt + r.int(0, 3) * DAY);
  const device = o.device ?? [w.values.deviceId(), w.values.handset().userAgent];
  w.useDevice(a, device[0], device[1], a.createdAt, a.createdAt + 400 * DAY);
  w.link(a, 'ip', o.ip ?? (r.chance(0.5) ? pop.nets.carrier().ip : w.values.mobileV6()), a.createdAt);
  if (o.card !== false && r.chance(0.6)) {
    const card = w.values.card();
    a.cards.push(card.value);
    w.link(a, 'payment', card.value, a.createdAt + r.int(0, 5) * DAY, { card: card.card });
  }
  if (!o.device) sessions(w, pop, a, r.int(1, 4));
  return a;
}

/** Honest customers not yet recruited or victimised, opened before `before`, taken out of `pool` for good. */
export function choose(w: World, pool: Account[], n: number, before: number): Account[] {
  const out: Account[] = [];
  for (let tries = 0; out.length < n && tries < n * 60 && pool.length > 0; tries++) {
    const i = w.rng.int(0, pool.length - 1);
    const a = pool[i]!;
    if (a.taken || a.label === 'known_fraud' || a.createdAt >= before) continue;
    a.taken = true;
    pool[i] = pool[pool.length - 1]!;
    pool.pop();
    out.push(a);
  }
  return out;
}

/** A login of `a` at `at` from a device and IP the crew controls. */
export function crewLogin(w: World, a: Account, at: number, device?: [string, string], ip?: string): void {
  if (device) w.link(a, 'device', device[0], at, { userAgent: device[1] });
  if (ip) w.link(a, 'ip', ip, at);
}

/** How many of a group's accounts the wallet has confirmed (a chargeback, a victim's report, a SAR). */
export function confirmed(w: World, members: Account[], share: number): Account[] {
  const n = w.rng.chance(0.2) ? 0 : Math.max(1, Math.round(members.length * share * (0.5 + w.rng.float())));
  return w.rng.shuffle([...members]).slice(0, Math.min(n, members.length - 1));
}

/** A time when the crew is active: a start after `minStart` and a span that ends a week before the window does. */
export function campaign(w: World, minStart: number, spanDays: number): [number, number] {
  const start = w.between(minStart, WINDOW_END - (spanDays + 7) * DAY);
  return [start, start + spanDays * DAY];
}

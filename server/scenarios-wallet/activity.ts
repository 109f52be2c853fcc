// What honest customers do with the wallet over the months: log in from home, from a phone on a carrier's network,
// from a cafe's wifi, from the office VPN or a campus; pay friends back for dinner, send teenagers an allowance, split
// the rent with roommates, pay the landlord, the club, merchants and creators; get paid by a small employer.
import type { Population } from './population.ts';
import { DAY, WINDOW_END, type Account, type World } from './world.ts';

/** Logins of one account over its life: each writes the IP, now and then the handset again. */
export function sessions(w: World, pop: Population, a: Account, count: number, until = WINDOW_END): void {
  const r = w.rng;
  const nets = pop.nets;
  for (let i = 0; i < count; i++) {
    const t = w.between(a.createdAt + 60_000, until);
    const device = w.deviceAt(a, t);
    if (device && r.chance(0.3)) w.link(a, 'device', device[0], t, { userAgent: device[1] });
    const home = a.homeIps.find(([, from, to]) => from <= t && t < to);
    const corporate = pop.corporate.get(a);
    const campus = pop.students.get(a);
    const privacy = pop.privacy.get(a);
    const place = r.weighted([
      ['home', home ? 50 : 0],
      ['mobile', 35],
      ['wifi', 5],
      ['corporate', corporate === undefined ? 0 : 15],
      ['campus', campus === undefined ? 0 : 60],
      ['privacy', privacy === undefined ? 0 : 25],
    ] as const);
    let ip: string;
    if (place === 'home') ip = home![0];
    else if (place === 'wifi') ip = nets.pick(nets.wifi).ip;
    else if (place === 'corporate') ip = nets.corporate[corporate!]!.ip;
    else if (place === 'campus') ip = nets.campuses[campus!]!.ip;
    else if (place === 'privacy') ip = nets.privacy[privacy!]!.ip;
    else ip = r.chance(0.6) ? nets.carrier().ip : w.values.mobileV6();
    w.link(a, 'ip', ip, t);
  }
}

/** Months an account has been open by the end of the window. */
function months(a: Account): number {
  return (WINDOW_END - a.createdAt) / (30 * DAY);
}

/** A payee drawn with a heavy tail: the first few are paid by thousands, the rest by dozens. */
function popular<T>(w: World, list: readonly T[], skew = 2.2): T {
  return list[Math.floor(list.length * w.rng.float() ** skew)]!;
}

/** Regular payments (rent, wages, allowance) every `every` days, with some jitter, from `from` for `count` times. */
function recurring(
  w: World,
  payer: Account,
  payee: Account,
  amount: number,
  from: number,
  every: number,
  count: number,
) {
  for (let i = 0; i < count; i++) {
    const at = from + i * every * DAY + w.rng.int(-2, 2) * DAY + w.rng.int(0, 20) * 3_600_000;
    if (at >= WINDOW_END) break;
    w.pay(payer, payee, amount * (0.97 + 0.06 * w.rng.float()), at);
  }
}

export function live(w: World, pop: Population): void {
  const r = w.rng;
  const everyone = [...w.accounts];
  for (const a of everyone) sessions(w, pop, a, Math.min(16, r.int(2, 4) + Math.floor(months(a) * r.float() * 0.8)));

  // Friends from the same community settle up now and then.
  const byCommunity = new Map<number, Account[]>();
  for (const p of pop.people) byCommunity.set(p.community, [...(byCommunity.get(p.community) ?? []), p]);
  for (const p of pop.people) {
    const local = byCommunity.get(p.community)!;
    for (let f = r.int(0, 4); f > 0; f--) {
      const friend = r.chance(0.85) ? r.pick(local) : r.pick(pop.people);
      const from = Math.max(p.createdAt, friend.createdAt);
      for (let k = r.int(1, 5); k > 0; k--) {
        const [payer, payee] = r.chance(0.5) ? [p, friend] : [friend, p];
        w.pay(
          payer,
          payee,
          r.weighted([
            [r.int(5, 40), 6],
            [r.int(40, 150), 3],
            [r.int(150, 600), 1],
          ]),
          w.between(from, WINDOW_END),
        );
      }
    }
  }

  for (const h of pop.households) {
    if (h.roommates) {
      // Everyone pays the roommate on the lease their share of the rent, monthly.
      const [lead, ...rest] = h.members;
      const rent = r.int(450, 1300);
      for (const m of rest) {
        const from = Math.max(lead!.createdAt, m.createdAt) + r.int(1, 20) * DAY;
        recurring(w, m, lead!, rent, from, 30, r.int(3, 14));
        if (r.chance(0.5)) w.pay(lead!, m, r.int(20, 120), w.between(from, WINDOW_END));
      }
      continue;
    }
    for (const kid of h.kids)
      if (r.chance(0.7)) {
        const parent = r.pick(h.parents);
        recurring(
          w,
          parent,
          kid,
          r.int(15, 80),
          Math.max(kid.createdAt, parent.createdAt) + DAY,
          r.pick([7, 14, 30]),
          r.int(4, 30),
        );
      }
    if (h.parents.length === 2)
      for (let k = r.int(0, 6); k > 0; k--)
        w.pay(h.parents[0]!, h.parents[1]!, r.int(20, 400), w.between(h.parents[1]!.createdAt, WINDOW_END));
  }

  for (const p of pop.people) {
    if (r.chance(0.65))
      for (let m = r.int(1, 4); m > 0; m--) {
        const merchant = popular(w, pop.merchants);
        for (let k = r.int(1, 4); k > 0; k--)
          w.pay(p, merchant, r.int(6, 120) + r.int(0, 99) / 100, w.between(p.createdAt, WINDOW_END));
      }
    if (r.chance(0.22)) {
      const job = popular(w, pop.employers, 1.5);
      job.members.push(p);
      job.c.members.add(p.id);
      const from = Math.max(p.createdAt, job.hub.createdAt) + r.int(3, 60) * DAY;
      recurring(w, job.hub, p, r.int(180, 2400), from, r.pick([7, 14, 14, 30]), r.int(2, 30));
    }
    if (r.chance(0.09)) {
      const lease = popular(w, pop.landlords, 1.3);
      lease.members.push(p);
      lease.c.members.add(p.id);
      recurring(
        w,
        p,
        lease.hub,
        r.int(650, 2200),
        Math.max(p.createdAt, lease.hub.createdAt) + r.int(1, 30) * DAY,
        30,
        r.int(2, 17),
      );
    }
    if (r.chance(0.06)) {
      const club = popular(w, pop.clubs, 1.2);
      club.members.push(p);
      club.c.members.add(p.id);
      for (let k = r.int(1, 4); k > 0; k--)
        w.pay(p, club.hub, r.pick([10, 15, 20, 25, 40, 60]), w.between(p.createdAt, WINDOW_END));
    }
  }
  // Merchants and creators paid by many are a look-alike group of their own: a hub with a crowd of payers.
  const payers = new Map<string, Set<string>>();
  const merchantIds = new Set(pop.merchants.map((m) => m.id));
  for (const p of w.payments)
    if (merchantIds.has(p.payee)) payers.set(p.payee, (payers.get(p.payee) ?? new Set()).add(p.payer));
  for (const m of pop.merchants) {
    const set = payers.get(m.id);
    if (!set || set.size < 25) continue;
    const c = w.confounder('popular_payee');
    c.members.add(m.id);
    for (const id of set) c.members.add(id);
  }
}

/** Logins and a few transfers of a customer added after the planting (to reach the size asked for). */
export function fillIn(w: World, pop: Population, a: Account): void {
  const r = w.rng;
  sessions(w, pop, a, Math.min(16, r.int(2, 4) + Math.floor(months(a) * r.float() * 0.8)));
  if (r.chance(0.65))
    for (let k = r.int(1, 6); k > 0; k--)
      w.pay(a, popular(w, pop.merchants), r.int(6, 120), w.between(a.createdAt, WINDOW_END));
  for (let k = r.int(0, 4); k > 0; k--) {
    const friend = r.pick(pop.people);
    w.pay(a, friend, r.int(5, 150), w.between(Math.max(a.createdAt, friend.createdAt), WINDOW_END));
  }
}

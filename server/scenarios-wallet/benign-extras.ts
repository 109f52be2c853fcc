// Honest behaviour that looks like fraud, added once the customers live their lives (activity.ts): a joint bank
// account of two parents, the shop tablet a small employer's staff all log into, and the friend who paid for the
// trip being paid back by six people within hours. (The sole trader's second account is opened in population.ts.)
import { sessions } from './activity.ts';
import type { Population } from './population.ts';
import { DAY, WINDOW_END, type Account, type World } from './world.ts';

export function extras(w: World, pop: Population): void {
  const r = w.rng;
  const byCommunity = new Map<number, Account[]>();
  for (const p of pop.people) byCommunity.set(p.community, [...(byCommunity.get(p.community) ?? []), p]);
  for (const h of pop.households)
    if (h.parents.length === 2 && r.chance(0.3)) {
      const bank = w.values.bank();
      const c = w.confounder('joint_bank_account', [{ kind: 'payment', value: bank }]);
      for (const p of h.parents) w.link(p, 'payment', bank, p.createdAt + r.int(1, 60) * DAY, { tag: c });
    }
  for (const job of pop.employers)
    if (job.members.length >= 3 && r.chance(0.3)) {
      const tablet = w.values.deviceId();
      const userAgent = 'RLWallet/6.4.0 (iPad13,18; iPadOS 17.4)';
      const c = w.confounder('shop_device', [{ kind: 'device', value: tablet }]);
      for (const m of [job.hub, ...r.shuffle([...job.members]).slice(0, r.int(2, 4))]) {
        w.link(m, 'device', tablet, w.between(Math.max(m.createdAt, job.hub.createdAt), WINDOW_END), {
          userAgent,
          tag: c,
        });
        sessions(w, pop, m, 1);
      }
    }
  // Trips, dinners and gifts: one friend paid, several pay them back within hours.
  for (let n = Math.round(pop.people.length / 60); n > 0; n--) {
    const organiser = r.pick(pop.people);
    const friends = byCommunity.get(organiser.community)!.filter((f) => f !== organiser);
    if (friends.length < 3) continue;
    const at = w.between(organiser.createdAt, WINDOW_END - DAY);
    const share = r.int(18, 140);
    const c = w.confounder('bill_split');
    c.members.add(organiser.id);
    for (const f of r.shuffle([...friends]).slice(0, r.int(3, 8)))
      if (w.pay(f, organiser, share + r.int(0, 99) / 100, at + r.int(10, 360) * 60_000)) c.members.add(f.id);
  }
}

// Poker fraud, where the money moves between players: chip dumping (accounts funded with stolen cards, bonuses or
// dirty money lose on purpose to one winner, who cashes out clean) and collusion (a team at the same tables shares
// hole cards and squeezes the honest players; the team's own hands against each other are few and small).
import { formatAddress } from './ids.ts';
import { leaseAt, type Life } from './life.ts';
import { hand, type Tables } from './poker.ts';
import { sizeClass } from './fraud-accounts.ts';
import { DAY, HOUR, MINUTE, WINDOW_END, WINDOW_START, type Device, type Player } from './world.ts';

export function chipDumping(life: Life, size: number): void {
  const { w, ids, pools } = life;
  const r = w.rng;
  const funding = r.pick(['stolen_cards', 'bonus', 'dirty_money'] as const);
  const cover = r.pick(['vpn', 'one_machine', 'separate'] as const);
  const pace = r.pick(['one_night', 'weeks'] as const);
  const winner = w.player(w.signupTime(WINDOW_START, WINDOW_END - 200 * DAY), { poker: true });
  const winnerKit = life.ordinary(winner, { sessions: r.int(10, 40) });
  const start = w.between(winner.createdAt + 30 * DAY, WINDOW_END - 60 * DAY);
  const span = pace === 'one_night' ? 8 * HOUR : r.int(14, 60) * DAY;
  const machine = ids.device('desktop');
  const machineIp = ids.homeIp();
  const exits = pools.exits(r, r.int(2, 4));
  const dumpers = Array.from({ length: size - 1 }, () =>
    w.player(start - w.between(HOUR, 10 * DAY), { region: winner.region, status: r.pick(['closed', 'suspended']) }),
  );
  for (const d of dumpers) {
    const own = ids.device(r.chance(0.6) ? 'phone' : 'desktop');
    const ownIp = ids.homeIp();
    const device: () => Device = () => (cover === 'one_machine' ? machine : own);
    const ip = () => (cover === 'vpn' ? r.pick(exits) : cover === 'one_machine' ? machineIp : ownIp);
    w.link(d, 'email', ids.email(d, r.chance(0.3) ? 'tempbox.example' : undefined), d.createdAt);
    if (r.chance(0.6)) w.link(d, 'phone', ids.phone(d.region), d.createdAt);
    w.link(d, 'address', formatAddress(ids.address(d.region)), d.createdAt);
    const card =
      funding === 'stolen_cards'
        ? ids.card(r.pick(['US', 'GB', 'BR', 'RO']))
        : funding === 'bonus'
          ? ids.card(d.region.country)
          : ids.voucher();
    w.instrument(d, card, d.createdAt + 10 * MINUTE);
    // Lose the balance to the winner over a few sessions at the same table.
    const sessions = w.times(r.int(1, 4), start, start + span);
    for (const t of sessions) {
      w.device(d, device(), t);
      w.link(d, 'ip', ip(), t + 1000);
      for (let h = r.int(2, 6); h > 0; h--) hand(w, d, winner, t + h * 3 * MINUTE, funding === 'bonus' ? 40 : 150);
    }
  }
  // The winner cashes out soon after, from their usual life.
  for (const x of winnerKit.withdraw) w.instrument(winner, x, start + span + w.between(HOUR, 5 * DAY));
  const members = [winner, ...dumpers];
  w.plant('chip_dumping', members, { funding, cover, pace, size: sizeClass(size) }, 0.25);
}

/**
 * A collusion team: honest-looking players who sit at the same tables, win from the same strangers (the victims are
 * not in the case) and rarely play a real hand against each other.
 */
export function pokerCollusion(life: Life, size: number, tables: Tables): void {
  const { w } = life;
  const r = w.rng;
  const room = r.pick(['same_room', 'remote'] as const);
  const first = w.player(w.signupTime(WINDOW_START, WINDOW_END - 250 * DAY), { poker: true });
  const team = [first];
  for (let i = 1; i < size; i++)
    team.push(w.player(first.createdAt + w.between(0, 60) * DAY, { poker: true, region: first.region }));
  const kits = team.map((m) => life.ordinary(m, { sessions: r.int(8, 25) }));
  const room0 = kits[0]!.home;
  const outside = new Set([...w.fraud, ...team.map((m) => m.index)]);
  const victims = new Set<Player>();
  const from = Math.max(...team.map((m) => m.createdAt)) + 7 * DAY;
  for (const t of w.times(r.int(10, 30), from, WINDOW_END - DAY)) {
    const seated = team.filter(() => r.chance(0.8));
    if (seated.length < 2) continue;
    for (const m of seated) {
      const kit = kits[team.indexOf(m)]!;
      w.device(m, kit.phone, t);
      w.link(m, 'ip', room === 'same_room' ? leaseAt(room0, t) : life.ipAt(m, kit, t, kit.phone), t + 1000);
    }
    for (let h = r.int(2, 6); h > 0; h--) {
      const victim = tables.stranger(first, t, outside);
      if (!victim) continue;
      victims.add(victim);
      hand(w, victim, r.pick(seated), t + h * 2 * MINUTE, 60);
    }
    // An occasional small hand inside the team, for appearances.
    if (r.chance(0.3)) {
      const [a, b] = r.shuffle([...seated]);
      hand(w, a!, b!, t + 30 * MINUTE, 6);
    }
  }
  w.plant('poker_collusion', team, { room, size: sizeClass(size) }, 0.2, { victims: [...victims] });
}

// Peer-to-peer poker, the one product where money moves between players: every hand's pot goes from the losers to the
// winner (written as payments from loser to winner), and the poker client lets players transfer funds to each other
// (used for staking, settling home games and gifts). Poker liquidity is ring-fenced by country: Americans only play
// Americans and Ontarians Ontarians. Honest poker here: random tables, staking deals, home-game clubs, high-stakes regulars.
import { leaseAt, type Life } from './life.ts';
import { DAY, HOUR, WINDOW_END, type Player, type World } from './world.ts';

/** One hand: the loser's chips go to the winner. */
export function hand(w: World, loser: Player, winner: Player, at: number, median: number): void {
  if (loser.region.country !== winner.region.country) return;
  w.pay(loser, winner, Math.max(0.5, w.amount(median, 0.9)), at, 'hand');
}

/** Players of one country who play poker, by creation time, to seat strangers at a table. */
export class Tables {
  private readonly byCountry = new Map<string, Player[]>();

  constructor(private readonly w: World) {}

  /** Seats every poker player (call once all players exist). */
  seat(): void {
    for (const p of this.w.players) {
      if (!p.poker) continue;
      const list = this.byCountry.get(p.region.country) ?? [];
      list.push(p);
      this.byCountry.set(p.region.country, list);
    }
    for (const list of this.byCountry.values()) list.sort((a, b) => a.createdAt - b.createdAt || a.index - b.index);
  }

  /** A random stranger at `p`'s table at time `t`, outside `exclude`. */
  stranger(p: Player, t: number, exclude?: ReadonlySet<number>): Player | undefined {
    const list = this.byCountry.get(p.region.country) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.createdAt < t) lo = mid + 1;
      else hi = mid;
    }
    for (let tries = 0; tries < 8 && lo > 1; tries++) {
      const o = list[this.w.rng.int(0, lo - 1)]!;
      if (o !== p && !exclude?.has(o.index)) return o;
    }
    return undefined;
  }

  /** Every poker player's ordinary sessions: a few hands won or lost against strangers each time. */
  play(): void {
    const { w } = this;
    for (const p of w.players) {
      if (!p.poker) continue;
      const stakes = w.rng.weighted([
        [2, 50],
        [8, 35],
        [30, 13],
        [120, 2],
      ] as const);
      for (const t of w.times(w.rng.int(1, 10), p.createdAt + HOUR, WINDOW_END - HOUR)) {
        for (let h = w.rng.int(1, 3); h > 0; h--) {
          const o = this.stranger(p, t);
          if (!o) continue;
          if (w.rng.chance(0.5)) hand(w, p, o, t + h * 60_000, stakes);
          else hand(w, o, p, t + h * 60_000, stakes);
        }
      }
    }
  }
}

/** A backer funds a stable of poker players; they send back the backer's share of profits. No shared identifiers. */
export function staking(life: Life, size: number): void {
  const { w } = life;
  const backer = w.player(w.signupTime(), { poker: true, type: 'vip' });
  life.ordinary(backer, { sessions: w.rng.int(20, 50) });
  const horses = Array.from({ length: size - 1 }, () => {
    const h = w.player(w.signupTime(), { poker: true, region: backer.region });
    life.ordinary(h, { sessions: w.rng.int(15, 50) });
    return h;
  });
  for (const h of horses) {
    const from = Math.max(backer.createdAt, h.createdAt);
    for (const t of w.times(w.rng.int(2, 6), from, WINDOW_END - 10 * DAY)) {
      w.pay(backer, h, w.amount(500, 0.6), t, 'transfer');
      if (w.rng.chance(0.5)) w.pay(h, backer, w.amount(300, 0.8), t + w.between(5, 40) * DAY, 'transfer');
    }
  }
  w.confound('poker_staking', [backer, ...horses], []);
}

/** Friends who play a private table every week (some nights at one member's house) and settle up by transfer. */
export function homeGameClub(life: Life, size: number): void {
  const { w } = life;
  const start = w.signupTime();
  const first = w.player(start, { poker: true });
  const members = [first];
  for (let i = 1; i < size; i++)
    members.push(w.player(start + w.between(0, 120) * DAY, { poker: true, region: first.region }));
  const kits = members.map((m) => life.ordinary(m));
  const hosted = w.rng.chance(0.5);
  const hostIps = new Set<string>();
  const from = Math.max(...members.map((m) => m.createdAt)) + DAY;
  for (let night = from; night < WINDOW_END - 2 * DAY; night += 7 * DAY) {
    if (!w.rng.chance(0.6)) continue;
    const t = night + w.between(19 * HOUR, 22 * HOUR) - (night % DAY);
    const seated = members.filter(() => w.rng.chance(0.7));
    const hostIp = hosted ? leaseAt(kits[0]!.home, t) : undefined;
    for (const m of seated)
      if (hostIp && w.rng.chance(0.5)) {
        w.link(m, 'ip', hostIp, t);
        hostIps.add(hostIp);
      }
    for (let h = 0; h < seated.length * 2; h++) {
      const [a, b] = [w.rng.pick(seated), w.rng.pick(seated)];
      if (a && b && a !== b) hand(w, a, b, t + h * 120_000, 15);
    }
    if (seated.length >= 2 && w.rng.chance(0.2)) w.pay(seated[0]!, seated[1]!, w.amount(40), t + 4 * HOUR, 'transfer');
  }
  w.confound(
    'home_game_club',
    members,
    [...hostIps].map((value) => ({ kind: 'ip' as const, value })),
  );
}

/** The few professionals at the highest stakes meet each other all the time: big pots both ways, nothing shared. */
export function highStakesRegulars(life: Life, size: number): void {
  const { w } = life;
  const first = w.player(w.signupTime(), { poker: true, type: 'vip' });
  const regs = [first];
  for (let i = 1; i < size; i++)
    regs.push(w.player(w.signupTime(), { poker: true, type: 'vip', region: first.region }));
  for (const r of regs) {
    const kit = life.ordinary(r, { sessions: w.rng.int(40, 90) });
    // Professionals keep several instruments and move money often.
    kit.withdraw.push(life.ids.bank());
    for (const t of w.times(w.rng.int(5, 15), r.createdAt, WINDOW_END - DAY))
      w.instrument(r, w.rng.pick(kit.withdraw), t);
  }
  const from = Math.max(...regs.map((r) => r.createdAt));
  for (const t of w.times(size * 12, from, WINDOW_END - HOUR)) {
    const a = w.rng.pick(regs);
    const b = w.rng.pick(regs);
    if (a !== b) hand(w, a, b, t, 900);
  }
  w.confound('high_stakes_regulars', regs, []);
}

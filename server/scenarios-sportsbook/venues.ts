// Places and infrastructure that put strangers on one identifier: sports bars on match days (a group of friends and
// whoever else is in), stadium guest wifi, betting-shop self-service terminals, office networks, student halls,
// carrier-grade NAT, commercial VPN exits, default handset fingerprints, a payments aggregator's merchant token and
// the placeholders people (and shop staff) type into forms. Their honest holders are the confounder's members.
import { formatAddress } from './ids.ts';
import type { Life } from './life.ts';
import { DAY, HOUR, MINUTE, WINDOW_END, WINDOW_START, type Player } from './world.ts';
import { CAMPUSES } from './words.ts';

/** A sighting at a venue: the player's own handset (when known) on the venue's network. */
function visit(life: Life, p: Player, ip: string, at: number, device = life.kits.get(p.index)?.phone) {
  const t = Math.max(at, p.createdAt + HOUR);
  if (t >= WINDOW_END - HOUR) return;
  if (device) life.w.device(p, device, t);
  life.w.link(p, 'ip', ip, t + 1000);
}

/** `n` distinct players drawn from `pool` (all players by default). */
function some(life: Life, n: number, pool: readonly Player[] = life.w.players): Player[] {
  const picked = new Set<Player>();
  for (let tries = 0; picked.size < Math.min(n, pool.length) && tries < n * 20; tries++)
    picked.add(life.w.rng.pick(pool));
  return [...picked];
}

const inRegion = (life: Life, p: Player) => life.w.players.filter((o) => o.region === p.region);

/** A sports bar: a group of friends watching most games together, and other patrons now and then. */
export function sportsBar(life: Life): void {
  const { w, ids } = life;
  const r = w.rng;
  const ip = ids.venueIp();
  const anchor = r.pick(w.players);
  const local = inRegion(life, anchor);
  const friends = some(life, r.int(4, 10), local);
  for (const f of friends) for (let k = r.int(3, 15); k > 0; k--) visit(life, f, ip, w.matchDay(f.createdAt));
  for (const p of some(life, r.int(5, 40), local))
    for (let k = r.int(1, 3); k > 0; k--) visit(life, p, ip, w.matchDay(p.createdAt));
  w.confound('sports_bar_wifi', [], [{ kind: 'ip', value: ip }], true);
}

/** Stadium guest wifi: a few hundred fans on a handful of match days. */
export function stadium(life: Life): void {
  const { w, ids } = life;
  const r = w.rng;
  const ips = [ids.venueIp(), ids.venueIp()];
  const local = inRegion(life, r.pick(w.players));
  const days = Array.from({ length: 12 }, () => w.matchDay(WINDOW_START + 30 * DAY));
  for (const p of some(life, r.int(40, 250), local))
    for (let k = r.int(1, 3); k > 0; k--) visit(life, p, r.pick(ips), r.pick(days) - w.between(0, 2 * HOUR));
  for (const ip of ips) w.confound('stadium_wifi', [], [{ kind: 'ip', value: ip }], true);
}

/** A betting shop's self-service terminal: retail customers log into their online accounts on the kiosk. */
export function bettingShop(life: Life): void {
  const { w, ids } = life;
  const r = w.rng;
  const kiosk = ids.device('kiosk');
  const ip = ids.venueIp();
  const local = inRegion(life, r.pick(w.players));
  for (const p of some(life, r.int(15, 80), local))
    for (let k = r.int(1, 6); k > 0; k--) visit(life, p, ip, w.between(p.createdAt, WINDOW_END - DAY), kiosk);
  w.confound('betting_shop_terminal', [], [{ kind: 'device', value: kiosk.value }], true);
  w.confound('betting_shop_terminal', [], [{ kind: 'ip', value: ip }], true);
}

/** An office network: colleagues checking their bets at lunch on weekdays. */
export function office(life: Life): void {
  const { w, ids } = life;
  const r = w.rng;
  const ip = ids.venueIp();
  const local = inRegion(life, r.pick(w.players));
  for (const p of some(life, r.int(15, 90), local))
    for (let k = r.int(1, 12); k > 0; k--) {
      const day = Math.floor(w.between(p.createdAt, WINDOW_END - 2 * DAY) / DAY) * DAY;
      const weekday = new Date(day).getUTCDay();
      visit(life, p, ip, day + (weekday === 0 ? 1 : weekday === 6 ? 2 : 0) * DAY + (16 + r.int(0, 3)) * HOUR);
    }
  w.confound('office_network', [], [{ kind: 'ip', value: ip }], true);
}

/** Student halls: one campus NAT; some students type the hall's address without their room. */
export function studentHalls(life: Life): void {
  const { w, ids } = life;
  const r = w.rng;
  const ip = ids.venueIp();
  const anchor = r.pick(w.players);
  const hall = `${r.pick(['North', 'East', 'Maple', 'Founders'])} Hall, ${r.pick(CAMPUSES)}, ${formatAddress(ids.address(anchor.region))}`;
  const students = some(life, r.int(20, 70), inRegion(life, anchor));
  const lazy: Player[] = [];
  for (const s of students) {
    for (let k = r.int(2, 10); k > 0; k--) visit(life, s, ip, w.between(s.createdAt, WINDOW_END - DAY));
    if (r.chance(0.25)) {
      w.link(s, 'address', hall, s.createdAt + w.between(DAY, 30 * DAY));
      lazy.push(s);
    }
  }
  w.confound('student_halls', [], [{ kind: 'ip', value: ip }], true);
  if (lazy.length >= 2) w.confound('student_halls', [], [{ kind: 'address', value: hall }], true);
}

/** Placeholders typed into forms (often by retail staff registering a walk-in customer). */
export function placeholders(life: Life): void {
  const { w } = life;
  const r = w.rng;
  const values = [
    ['email', 'none@none.com'],
    ['email', 'noemail@example.com'],
    ['phone', '0000000000'],
    ['phone', '(555) 555-5555'],
    ['address', 'N/A'],
    ['address', 'Unknown'],
  ] as const;
  for (const [kind, value] of values) {
    for (const p of some(life, Math.max(3, Math.round(w.players.length * r.float() * 0.006))))
      w.link(p, kind, value, p.createdAt + MINUTE);
    w.confound('placeholder', [], [{ kind, value }], true);
  }
}

/** Everybody's shared infrastructure, listed once the whole population has lived: NAT, VPN, fingerprints, tokens. */
export function infrastructure(life: Life): void {
  const { w, pools } = life;
  for (const p of some(life, Math.round(w.players.length * 0.02)))
    for (let k = w.rng.int(1, 4); k > 0; k--)
      w.instrument(p, pools.aggregator, w.between(p.createdAt, WINDOW_END - DAY));
  w.confound('ewallet_aggregator', [], [{ kind: 'payment', value: pools.aggregator.value }], true);
  for (const d of pools.generic) w.confound('generic_fingerprint', [], [{ kind: 'device', value: d.value }], true);
  for (const ip of pools.vpnExits) w.confound('commercial_vpn', [], [{ kind: 'ip', value: ip }], true);
  for (const country of ['US', 'CA'] as const)
    for (const carrier of pools.carriers[country])
      for (const ip of carrier) w.confound('carrier_nat', [], [{ kind: 'ip', value: ip }], true);
}

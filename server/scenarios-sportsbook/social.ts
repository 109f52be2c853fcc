// Honest people who share things: households and couples (home broadband, address, a family laptop, a family card,
// chip gifts), flatmates, a parent's card on a grown-up child's account, a handset sold second-hand, a broadband IP
// the ISP handed to the next customer, friends settling bets by transfer, and a tipster's followers signing up on
// the same evening (nothing shared at all).
import { formatAddress } from './ids.ts';
import type { Home, Life } from './life.ts';
import { DAY, HOUR, WINDOW_END, WINDOW_START, type Player } from './world.ts';

/** A household of 2 to 5 adults who bet: one home, often a shared laptop, sometimes a shared card, small transfers. */
export function household(life: Life, size: number, chargeback = false): void {
  const { w, ids } = life;
  const r = w.rng;
  const first = w.player(w.signupTime());
  const members = [first];
  for (let i = 1; i < size; i++)
    members.push(w.player(w.signupTime(), { region: first.region, poker: r.chance(0.15) }));
  members.forEach((m) => (m.last = first.last));
  const home: Home = life.home(first);
  const laptop = r.chance(0.5) ? ids.device('desktop') : undefined;
  const familyCard = r.chance(0.35) ? ids.card(first.region.country) : undefined;
  const values: { kind: 'ip' | 'address' | 'device' | 'payment'; value: string }[] = [];
  members.forEach((m, i) => {
    // Some type the address in full, some abbreviate: the same flat, not always the same string.
    const address = formatAddress(home.address, r.chance(0.2) ? 'long' : r.chance(0.1) ? 'caps' : 'plain');
    const kit = life.kit(m, home);
    if (laptop) kit.desktop = laptop;
    if (familyCard && (i === 0 || r.chance(0.6))) kit.deposit.push(familyCard);
    life.register(m, kit, { address });
    w.instrument(m, kit.deposit[0]!, m.createdAt + HOUR);
    life.activity(m, kit, life.sessionCount());
    if (familyCard && kit.deposit.includes(familyCard))
      w.instrument(m, familyCard, w.between(m.createdAt, WINDOW_END - DAY));
  });
  for (const { ip } of home.ips) if (members.some((m) => w.holds(m, 'ip', ip))) values.push({ kind: 'ip', value: ip });
  if (laptop) values.push({ kind: 'device', value: laptop.value });
  if (familyCard) values.push({ kind: 'payment', value: familyCard.value });
  values.push({ kind: 'address', value: formatAddress(home.address) });
  // Couples and families send each other the odd chip gift or share of a win.
  if (r.chance(0.3))
    for (let k = r.int(1, 4); k > 0; k--) {
      const [a, b] = r.shuffle([...members]);
      w.pay(a!, b!, w.amount(25), w.between(Math.max(a!.createdAt, b!.createdAt), WINDOW_END - DAY), 'transfer');
    }
  // One member disputed a card payment of gambling losses: confirmed (friendly) fraud, still an ordinary household.
  if (chargeback) r.pick(members).label = 'known_fraud';
  w.confound(chargeback ? 'household_with_chargeback' : 'household', members, values);
}

/** Flatmates: same building and broadband, own rooms, cards and devices. */
export function flatmates(life: Life, size: number): void {
  const { w, ids } = life;
  const first = w.player(w.signupTime());
  const members = [first];
  for (let i = 1; i < size; i++) members.push(w.player(w.signupTime(), { region: first.region }));
  const base = ids.address(first.region);
  const home = life.home(first, base);
  for (const m of members) life.ordinary(m, { home, address: formatAddress(base) });
  w.confound('flatmates', members, [
    ...home.ips
      .filter((l) => members.some((m) => w.holds(m, 'ip', l.ip)))
      .map((l) => ({ kind: 'ip' as const, value: l.ip })),
    { kind: 'address', value: formatAddress(base) },
  ]);
}

/** A parent's card on a grown-up child's account (different homes), occasionally topped up. */
export function familyCard(life: Life): void {
  const { w, ids } = life;
  const parent = w.player(w.signupTime());
  const child = w.player(w.signupTime(), { region: parent.region });
  child.last = parent.last;
  const card = ids.card(parent.region.country);
  const pk = life.kit(parent);
  pk.deposit.unshift(card);
  life.register(parent, pk);
  w.instrument(parent, card, parent.createdAt + HOUR);
  life.activity(parent, pk, life.sessionCount());
  const ck = life.kit(child);
  life.register(child, ck);
  for (const t of w.times(w.rng.int(1, 4), child.createdAt, WINDOW_END - DAY)) w.instrument(child, card, t);
  life.activity(child, ck, life.sessionCount());
  w.confound('family_card', [parent, child], [{ kind: 'payment', value: card.value }]);
}

/** A handset sold second-hand: the old owner's sessions stop, the new owner's start weeks later. */
export function secondHandPhone(life: Life): void {
  const { w, ids } = life;
  const seller = w.player(w.signupTime(WINDOW_START, WINDOW_START + 200 * DAY));
  const sold = w.between(seller.createdAt + 60 * DAY, WINDOW_END - 90 * DAY);
  const buyer = w.player(sold + w.between(7, 60) * DAY);
  const handset = ids.device('phone');
  const sk = life.kit(seller);
  sk.phone = handset;
  life.register(seller, sk);
  life.activity(seller, sk, w.rng.int(3, 15), seller.createdAt, sold);
  sk.phone = ids.device('phone');
  life.activity(seller, sk, w.rng.int(0, 6), sold, WINDOW_END - DAY);
  const bk = life.kit(buyer);
  bk.phone = handset;
  life.register(buyer, bk);
  life.activity(buyer, bk, life.sessionCount());
  w.confound('second_hand_phone', [seller, buyer], [{ kind: 'device', value: handset.value }], true);
}

/** The ISP gave a broadband IP to another customer after the first moved: two unrelated homes, months apart. */
export function recycledHomeIp(life: Life): void {
  const { w, ids } = life;
  const ip = ids.homeIp();
  const a = w.player(w.signupTime(WINDOW_START, WINDOW_START + 150 * DAY));
  const handover = w.between(a.createdAt + 60 * DAY, WINDOW_END - 120 * DAY);
  const b = w.player(handover - w.between(0, 90) * DAY, { region: a.region });
  const ha = life.home(a);
  ha.ips = [
    { ip, from: 0 },
    { ip: ids.homeIp(), from: handover - w.between(10, 40) * DAY },
  ];
  const hb = life.home(b);
  hb.ips = [
    { ip: ids.homeIp(), from: 0 },
    { ip, from: handover },
  ];
  life.ordinary(a, { home: ha, sessions: w.rng.int(6, 20) });
  life.ordinary(b, { home: hb, sessions: w.rng.int(6, 20) });
  // Each logged in at least once from the line while it was theirs.
  w.link(a, 'ip', ip, a.createdAt + HOUR);
  w.link(b, 'ip', ip, handover + DAY);
  w.confound('recycled_home_ip', [a, b], [{ kind: 'ip', value: ip }], true);
}

/** Friends who settle bets and sweepstakes by player transfer; they live apart and share nothing else. */
export function friendsSettlingUp(life: Life, size: number): void {
  const { w } = life;
  const first = w.player(w.signupTime(), { poker: true });
  const members = [first];
  for (let i = 1; i < size; i++) members.push(w.player(w.signupTime(), { region: first.region, poker: true }));
  for (const m of members) life.ordinary(m);
  const from = Math.max(...members.map((m) => m.createdAt));
  for (const t of w.times(w.rng.int(3, 10), from, WINDOW_END - DAY)) {
    const [a, b] = w.rng.shuffle([...members]);
    w.pay(a!, b!, w.amount(30), t, 'transfer');
  }
  w.confound('friends_settling_up', members, []);
}

/** A tipster posts a sign-up link: dozens of strangers open accounts the same evening, each from their own life. */
export function tipsterFollowers(life: Life, size: number): void {
  const { w } = life;
  const post = w.matchDay(WINDOW_START + 30 * DAY, WINDOW_END - 60 * DAY) - 5 * HOUR;
  const members: Player[] = [];
  for (let i = 0; i < size; i++) members.push(w.player(post + w.between(0, 6 * HOUR)));
  for (const m of members) life.ordinary(m, { sessions: w.rng.int(2, 12) });
  w.confound('tipster_followers', members, []);
}

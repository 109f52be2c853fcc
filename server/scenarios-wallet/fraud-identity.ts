// Typologies about who opens the accounts: synthetic identities (fabricated people built from shared fragments —
// one phone written several ways, near-duplicate mailboxes, one address spelled differently, one or two handsets),
// duplicate accounts (a banned customer coming back: a pair), and referral/sign-up bonus farms (batches of accounts
// from sequential throw-away mailboxes and VOIP numbers on a few emulators, sending their bonuses to one account).
import { campaign, confirmed, crewLogin, newcomer, proxyIp } from './crew.ts';
import type { Population } from './population.ts';
import { DISPOSABLE_DOMAINS } from './words.ts';
import { DAY, HOUR, WINDOW_END, WINDOW_START, type Account, type World } from './world.ts';

export function syntheticIdentities(w: World, pop: Population, size: number): void {
  const r = w.rng;
  const shape = r.pick(['dense', 'chain'] as const);
  const tempo = r.pick(['burst', 'spaced'] as const);
  const persona = w.values.name(WINDOW_START);
  const address = w.values.address(0.8);
  const phones = [w.values.phone(), w.values.phone()];
  const devices: [string, string][] = [0, 1].map(() => [w.values.deviceId(), w.values.handset().userAgent]);
  const start = w.between(WINDOW_START, WINDOW_END - (tempo === 'burst' ? 60 : 280) * DAY);
  const ip = proxyIp(w);
  // Five fragments; a dense ring gives each identity three of them, a chain gives identity i fragments i and i+1.
  const fragments = ['phone0', 'device0', 'address', 'phone1', 'device1'] as const;
  const domain = r.pick(['example.com', 'example.net', 'mail.example']);
  const ring: Account[] = [];
  for (let i = 0; i < size; i++) {
    const at = start + (tempo === 'burst' ? r.int(0, 7 * 24) * HOUR : r.int(0, 240) * DAY);
    const own =
      shape === 'dense' ? r.shuffle([...fragments]).slice(0, 3) : [fragments[i % 5]!, fragments[(i + 1) % 5]!];
    const nn = String(i + 1 + r.int(0, 1) * 10).padStart(2, '0');
    const email = r.pick([
      `${persona.first}.${persona.last}${nn}@${domain}`,
      `${persona.first}${persona.last}${nn}@${domain}`,
      `${persona.first[0]}.${persona.last}.${nn}@${domain}`,
      `${persona.first}_${persona.last[0]}${nn}@${domain}`,
    ]);
    const phone = own.includes('phone0') ? phones[0]! : own.includes('phone1') ? phones[1]! : w.values.phone();
    const a = newcomer(w, pop, at, {
      email,
      phone: w.values.spell(phone),
      ...(own.includes('address')
        ? { address: i % 4 === 0 ? w.values.written(address) : w.values.rewritten(address, i) }
        : {}),
      ...(own.includes('device0') ? { device: devices[0]! } : own.includes('device1') ? { device: devices[1]! } : {}),
      ip: tempo === 'burst' ? ip : proxyIp(w),
    });
    if (own.includes('device0') && own.includes('device1')) crewLogin(w, a, at + 3 * DAY, devices[1]);
    if (own.includes('phone0') && own.includes('phone1')) w.link(a, 'phone', w.values.spell(phones[1]!), at + 5 * DAY);
    ring.push(a);
  }
  // Building a history: small transfers among the identities, before some of them are charged off.
  for (let k = size * 2; k > 0; k--) {
    const [x, y] = [r.pick(ring), r.pick(ring)];
    w.pay(x, y, r.int(10, 90), w.between(Math.max(x.createdAt, y.createdAt), WINDOW_END));
  }
  w.plant('synthetic_identity', ring, confirmed(w, ring, 0.3), { shape, tempo });
}

/** Another mailbox of the same person: dots, a suffix, another domain. */
function anotherMailbox(w: World, a: Account): string {
  const n = a.name;
  const r = w.rng;
  return r.pick([
    `${n.first}.${n.last}.${r.int(2, 99)}@example.org`,
    `${n.first}${n.last[0]}${n.born % 100}@inbox.example`,
    `${n.last}${n.first}${r.int(1, 9)}@example.net`,
    `real.${n.first}${n.last}@post.example`,
  ]);
}

export function duplicatePair(w: World, pop: Population): void {
  const r = w.rng;
  const link = r.pick(['device', 'card', 'phone', 'address+home_ip', 'device+card'] as const);
  const reason = r.chance(0.75) ? 'fraud' : 'policy';
  const first = newcomer(w, pop, w.between(WINDOW_START, WINDOW_END - 200 * DAY), { card: false });
  const device = w.deviceAt(first, first.createdAt)!;
  const card = w.values.card();
  w.link(first, 'payment', card.value, first.createdAt + DAY, { card: card.card });
  const address = w.values.address();
  const homeIp = w.values.residentialIp();
  const phone = w.values.phone();
  w.link(first, 'phone', w.values.spell(phone), first.createdAt + HOUR);
  w.link(first, 'address', w.values.written(address), first.createdAt + 2 * DAY);
  for (let k = r.int(3, 8); k > 0; k--)
    w.link(first, 'ip', homeIp, w.between(first.createdAt, first.createdAt + 150 * DAY));
  for (let k = r.int(3, 12); k > 0; k--)
    w.pay(first, r.pick(pop.merchants), r.int(10, 200), w.between(first.createdAt, first.createdAt + 150 * DAY));
  const banned = w.between(first.createdAt + 30 * DAY, first.createdAt + 180 * DAY);
  first.status = 'banned';
  // The customer comes back under another mailbox, on the same handset, card, number or home.
  const back = newcomer(w, pop, banned + r.int(3, 120) * DAY, {
    email: anotherMailbox(w, first),
    ...(link.includes('device') ? { device: [device[0], device[1]] as [string, string] } : {}),
    ...(link === 'phone' ? { phone: w.values.spell(phone) } : {}),
    ...(link === 'address+home_ip' ? { address: w.values.rewritten(address, r.int(0, 3)), ip: homeIp } : {}),
    card: false,
  });
  if (link.includes('card'))
    w.link(back, 'payment', card.value, back.createdAt + r.int(0, 10) * DAY, { card: card.card });
  if (link === 'address+home_ip')
    for (let k = r.int(2, 6); k > 0; k--) w.link(back, 'ip', homeIp, w.between(back.createdAt, WINDOW_END));
  w.plant('duplicate_account', [first, back], reason === 'fraud' ? [first] : [], { link, banned_for: reason });
}

export function bonusFarm(w: World, pop: Population, size: number): void {
  const r = w.rng;
  const rig = r.pick(['emulator_rotation', 'one_phone', 'reset_device'] as const);
  const [start, end] = campaign(w, WINDOW_START + 30 * DAY, r.int(4, 30));
  const domain = r.pick(DISPOSABLE_DOMAINS);
  const stem = `${r.pick(['deal', 'promo', 'cash', 'lucky', 'bonus'])}${r.base62(3).toLowerCase()}`;
  // A block of consecutive VOIP numbers, bought together.
  const npa = r.pick([415, 646, 702, 813, 972]);
  let line = r.int(100, 9000);
  const emulators: [string, string][] = Array.from({ length: rig === 'one_phone' ? 1 : r.int(2, 4) }, () => [
    w.values.deviceId(),
    rig === 'one_phone' ? w.values.handset().userAgent : 'RLWallet/6.3.1 (sdk_gphone64_x86_64; Android 13)',
  ]);
  const ip = proxyIp(w);
  const consolidator = newcomer(w, pop, start - r.int(30, 200) * DAY);
  const farm: Account[] = [];
  for (let i = 0; i < size - 1; i++) {
    let phone = '';
    for (; !phone; line++)
      if (w.values.takePhone(`${npa}555${String(line).padStart(4, '0')}`))
        phone = `${npa}555${String(line).padStart(4, '0')}`;
    const at = start + ((end - start) * i) / size + r.int(0, 6) * HOUR;
    const a = newcomer(w, pop, at, {
      email: `${stem}${String(i + 1).padStart(2, '0')}@${domain}`,
      phone: w.values.spell(phone),
      device: rig === 'reset_device' ? [w.values.deviceId(), emulators[0]![1]] : emulators[i % emulators.length]!,
      ip: rig === 'reset_device' || r.chance(0.7) ? ip : proxyIp(w),
      card: false,
    });
    // The sign-up bonus (and the referral bonus of the account that invited it) goes to the consolidating account.
    w.pay(a, consolidator, r.pick([5, 10, 15, 20]), at + r.int(2, 72) * HOUR);
    if (i > 0) w.pay(farm[i - 1]!, consolidator, r.pick([5, 10]), at + r.int(3, 96) * HOUR);
    farm.push(a);
  }
  const members = [consolidator, ...farm];
  w.plant('bonus_farm', members, confirmed(w, farm, 0.1), { rig, disposable_domain: domain });
}

// Fraud that is about accounts rather than money: bonus abuse by multi-accounting ("gnoming"), affiliates' fake
// sign-ups, excluded or banned players coming back, and verified accounts sold or rented to someone abroad.
import { formatAddress, type AddressStyle } from './ids.ts';
import type { Life } from './life.ts';
import { DAY, HOUR, MINUTE, WINDOW_END, WINDOW_START, type Device, type Instrument, type Player } from './world.ts';
import { DISPOSABLE_DOMAINS } from './words.ts';

/** Big sporting events that welcome offers (and bonus hunters) cluster around. */
export const EVENTS = [
  Date.UTC(2025, 1, 9),
  Date.UTC(2025, 2, 20),
  Date.UTC(2025, 8, 4),
  Date.UTC(2025, 10, 27),
  Date.UTC(2026, 1, 8),
  Date.UTC(2026, 2, 19),
  Date.UTC(2026, 5, 11),
];

/** Creation times of a group's accounts: a burst (a day or two), one a week, or in the run-up to a big event. */
export function openingTimes(life: Life, n: number, timing: string): number[] {
  const w = life.w;
  if (timing === 'event') {
    const event = w.rng.pick(EVENTS.filter((e) => e > WINDOW_START + 20 * DAY && e < WINDOW_END - 40 * DAY));
    return w.times(n, event - 12 * DAY, event);
  }
  const start = w.signupTime(WINDOW_START, WINDOW_END - (timing === 'weekly' ? n * 8 + 30 : 30) * DAY);
  if (timing === 'burst') return w.times(n, start, start + w.between(2 * HOUR, 40 * HOUR));
  return Array.from({ length: n }, (_, i) => start + i * 7 * DAY + w.between(-2 * DAY, 2 * DAY)).sort((a, b) => a - b);
}

/** A few sessions in the weeks after opening: claim the bonus, play it through, cash out. */
function bonusRun(life: Life, p: Player, device: () => Device, ip: () => string, pay: Instrument[], out: Instrument) {
  const w = life.w;
  for (const x of pay) w.instrument(p, x, p.createdAt + w.between(5 * MINUTE, 2 * DAY));
  const sessions = w.rng.int(2, 7);
  for (const t of w.times(sessions, p.createdAt, p.createdAt + w.between(3, 30) * DAY)) {
    w.device(p, device(), t);
    w.link(p, 'ip', ip(), t + 1000);
  }
  w.instrument(p, out, p.createdAt + w.between(4, 35) * DAY);
}

export function bonusAbuse(life: Life, size: number): void {
  const { w, ids, pools } = life;
  const r = w.rng;
  const method = r.pick(['one_device', 'emulator_vpn', 'gang', 'address_variants', 'gmail_dots'] as const);
  const timing = r.pick(['burst', 'weekly', 'event'] as const);
  const density = r.pick(['dense', 'sparse'] as const);
  const times = openingTimes(life, size, timing);
  const status = () => r.pick(['dormant', 'closed', 'active']);
  const lead = w.player(times[0]!, { status: status() });
  const members = [lead, ...times.slice(1).map((t) => w.player(t, { region: lead.region, status: status() }))];
  const home = life.home(lead);
  const laptop = ids.device('desktop');
  const phone = ids.device('phone');
  const wallets = density === 'dense' ? [ids.ewallet()] : [ids.ewallet(), ids.ewallet(), ids.ewallet()];
  const cards = [ids.card(lead.region.country), ids.card(lead.region.country)];
  const homeIp = () => home.ips[0]!.ip;
  const burners = ids.burners(lead.region, size);
  const exits = pools.exits(r, r.int(3, 6));
  const emails =
    method === 'gmail_dots'
      ? ids.gmailDots(lead, size)
      : ids.emailSeries(
          `${lead.first}${r.pick(['bets', 'win', 'x', ''])}`,
          r.pick(['gmail.com', ...DISPOSABLE_DOMAINS]),
          size,
        );
  // The gang: two to four people, each running a few accounts from their own phone and home.
  const people = Array.from({ length: Math.min(size, r.int(2, 4)) }, () => ({
    phone: ids.device('phone'),
    ip: ids.homeIp(),
  }));
  members.forEach((m, i) => {
    const person = people[i % people.length]!;
    const styles: AddressStyle[] = ['plain', 'caps', 'long', 'hash', 'spaced'];
    const address =
      method === 'address_variants'
        ? formatAddress({ ...home.address, unit: home.address.unit ?? 2 }, styles[i % styles.length])
        : formatAddress(ids.address(lead.region));
    w.link(m, 'email', emails[i]!, m.createdAt);
    if (method !== 'emulator_vpn' || r.chance(0.5)) w.link(m, 'phone', burners[i]!, m.createdAt + MINUTE);
    w.link(m, 'address', address, m.createdAt);
    const emulator = ids.device('emulator');
    const device = {
      one_device: () => (r.chance(0.8) ? laptop : phone),
      emulator_vpn: () => emulator,
      gang: () => person.phone,
      address_variants: () => r.pick([laptop, phone, person.phone]),
      gmail_dots: () => phone,
    }[method];
    const ip = {
      one_device: homeIp,
      emulator_vpn: () => (r.chance(0.06) ? homeIp() : r.pick(exits)),
      gang: () => person.ip,
      address_variants: homeIp,
      gmail_dots: () => (r.chance(0.5) ? homeIp() : r.pick(pools.carriers[lead.region.country][0]!)),
    }[method];
    // A gang passes its cards around; a lone abuser uses their own card, now and then a prepaid one.
    const pay =
      method === 'gang' || method === 'emulator_vpn'
        ? [cards[i % 2]!, ...(r.chance(0.5) ? [cards[(i + 1) % 2]!] : [])]
        : [i % 3 === 2 ? ids.voucher() : cards[0]!];
    bonusRun(life, m, device, ip, pay, wallets[Math.floor(i / 2) % wallets.length]!);
  });
  w.plant('bonus_abuse', members, { method, timing, density, size: sizeClass(size) }, 0.3);
}

export function affiliateFraud(life: Life, size: number): void {
  const { w, ids } = life;
  const r = w.rng;
  const setup = r.pick(['devices', 'proxies', 'office'] as const);
  const batches = r.int(2, 4);
  const first = w.signupTime(WINDOW_START, WINDOW_END - (batches * 30 + 20) * DAY);
  const times = Array.from({ length: size }, (_, i) => {
    const batch = i % batches;
    return first + batch * 30 * DAY + w.between(0, 2 * DAY);
  }).sort((a, b) => a - b);
  const devices = Array.from({ length: r.int(2, 4) }, () => ids.device(r.chance(0.5) ? 'emulator' : 'desktop'));
  const officeIps = [ids.homeIp(), ids.homeIp()];
  // Prepaid cards in blocks of four consecutive sign-ups, devices in turn: every sign-up meets the others.
  const prepaid = Array.from({ length: Math.max(1, Math.floor(size / 4)) }, () => ids.voucher());
  const domain = r.pick(DISPOSABLE_DOMAINS);
  const members = times.map((t) => w.player(t, { status: r.pick(['dormant', 'dormant', 'closed']) }));
  members.forEach((m, i) => {
    w.link(m, 'email', ids.email(m, r.chance(0.7) ? domain : undefined), m.createdAt);
    if (r.chance(0.4)) w.link(m, 'phone', ids.phone(m.region), m.createdAt);
    w.link(m, 'address', formatAddress(ids.address(m.region)), m.createdAt);
    const ip = () => (setup === 'proxies' ? ids.foreignIp() : setup === 'office' ? r.pick(officeIps) : ids.homeIp());
    const device = () => (setup === 'proxies' && r.chance(0.5) ? ids.device('desktop') : devices[i % devices.length]!);
    // The qualifying first deposit, then a session or two so the sign-up counts as active.
    const block = Math.min(Math.floor(i / 4), prepaid.length - 1);
    w.instrument(m, prepaid[block]!, m.createdAt + w.between(10 * MINUTE, 3 * HOUR));
    // Some top up from the next card of the stack before it runs dry.
    if (r.chance(0.4)) w.instrument(m, prepaid[(block + 1) % prepaid.length]!, m.createdAt + w.between(DAY, 5 * DAY));
    for (const t of w.times(r.int(1, 3), m.createdAt, m.createdAt + 10 * DAY)) {
      w.device(m, device(), t);
      w.link(m, 'ip', ip(), t + 1000);
    }
  });
  w.plant('affiliate_fraud', members, { setup, batches: String(batches), size: sizeClass(size) }, 0.15);
}

/** A self-excluded or banned player opens a new account months later; one thing from the old life gives them away. */
export function reRegistration(life: Life): void {
  const { w, ids } = life;
  const r = w.rng;
  const reason = r.chance(0.55) ? 'self_excluded' : 'banned';
  const via = r.pick(['device', 'card', 'bank', 'phone', 'address', 'address_variant+home_ip', 'home_ip'] as const);
  const original = w.player(w.signupTime(WINDOW_START, WINDOW_START + 240 * DAY), { status: reason });
  const kit = life.kit(original);
  // Caught by the home line: a line whose IP the ISP has not changed in the meantime.
  if (via === 'home_ip' || via === 'address_variant+home_ip') kit.home.ips = kit.home.ips.slice(0, 1);
  if (via === 'bank' && !kit.withdraw.some((x) => x.value.startsWith('bat_'))) kit.withdraw.push(ids.bank());
  const oldPhone = ids.phone(original.region);
  life.register(original, kit, { phone: oldPhone, address: formatAddress(kit.home.address) });
  w.instrument(original, kit.deposit[0]!, original.createdAt + HOUR);
  const excludedAt = original.createdAt + w.between(40, 200) * DAY;
  life.activity(original, kit, r.int(6, 30), original.createdAt, excludedAt);
  if (via === 'bank')
    w.instrument(
      original,
      kit.withdraw.find((x) => x.value.startsWith('bat_'))!,
      excludedAt - DAY,
    );

  const back = w.player(Math.min(excludedAt + w.between(60, 240) * DAY, WINDOW_END - 20 * DAY), {
    region: original.region,
  });
  back.first = original.first;
  if (r.chance(0.4)) back.last = r.pick(['smith', 'jones', 'brown', back.last]);
  const newKit = life.kit(back, {
    ...life.home(back, via.startsWith('address') ? kit.home.address : undefined),
    ...(via === 'address_variant+home_ip' || via === 'home_ip' ? { ips: kit.home.ips } : {}),
  });
  if (via === 'device') {
    newKit.phone = kit.phone;
    w.device(original, kit.phone, excludedAt - 2 * DAY);
  }
  if (via === 'card') newKit.deposit = [kit.deposit.find((x) => x.card) ?? kit.deposit[0]!];
  if (via === 'bank') newKit.withdraw = [kit.withdraw.find((x) => x.value.startsWith('bat_'))!];
  const digits = oldPhone.replace(/\D/g, '').slice(-10);
  const phone = via === 'phone' ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : null;
  // The same flat: typed in capitals (the same address once normalised) or spelled out (a different string).
  const address = formatAddress(kit.home.address, via === 'address' ? 'caps' : 'long');
  life.register(back, newKit, {
    email: ids.email(back),
    phone: phone ?? (r.chance(0.7) ? ids.phone(back.region) : null),
    ...(via.startsWith('address') ? { address } : {}),
  });
  w.instrument(back, newKit.deposit[0]!, back.createdAt + HOUR);
  life.activity(back, newKit, r.int(3, 20));
  if (via === 'device') w.device(back, kit.phone, back.createdAt + HOUR);
  if (via === 'home_ip' || via === 'address_variant+home_ip') {
    // Both logged in over the home broadband at least once (the original before the exclusion).
    w.link(original, 'ip', kit.home.ips[0]!.ip, excludedAt - DAY);
    w.link(back, 'ip', kit.home.ips[0]!.ip, back.createdAt + 2 * HOUR);
  }
  if (via === 'bank') w.instrument(back, newKit.withdraw[0]!, back.createdAt + w.between(5, 60) * DAY);
  const known = reason === 'banned' ? [original] : r.chance(0.2) ? [back] : [];
  w.plant('re_registration', [original, back], { reason, via }, 0, { known });
}

/** Verified accounts of different people sold to one buyer, who uses them from abroad after the sale. */
export function accountRental(life: Life, size: number): void {
  const { w, ids } = life;
  const r = w.rng;
  const setup = r.pick(['one_device', 'device_per_account', 'proxy_only'] as const);
  const cashout = r.pick(['buyer_wallet', 'own_instruments'] as const);
  const sale = w.between(WINDOW_START + 300 * DAY, WINDOW_END - 60 * DAY);
  const buyerDevices = [ids.device('desktop'), ids.device('phone')];
  const buyerIps = Array.from({ length: r.int(1, 3) }, () => ids.foreignIp());
  const buyerWallet = ids.ewallet();
  const members = Array.from({ length: size }, () =>
    w.player(w.signupTime(WINDOW_START, sale - 90 * DAY), { label: r.chance(0.15) ? 'legit' : 'unknown' }),
  );
  for (const m of members) {
    const kit = life.kit(m);
    life.register(m, kit);
    w.instrument(m, kit.deposit[0]!, m.createdAt + HOUR);
    life.activity(m, kit, r.int(4, 20), m.createdAt, sale - w.between(5, 60) * DAY);
    const own = ids.device(r.chance(0.5) ? 'desktop' : 'phone');
    const soldAt = sale + w.between(0, 20 * DAY);
    for (const t of w.times(r.int(4, 15), soldAt, WINDOW_END - DAY)) {
      const d =
        setup === 'one_device' ? buyerDevices[0]! : setup === 'device_per_account' ? own : ids.device('desktop');
      w.device(m, d, t);
      w.link(m, 'ip', r.pick(buyerIps), t + 1000);
      if (r.chance(0.3)) w.instrument(m, r.pick(kit.deposit), t + 5 * MINUTE);
    }
    w.instrument(m, cashout === 'buyer_wallet' ? buyerWallet : kit.withdraw[0]!, WINDOW_END - w.between(2, 20) * DAY);
  }
  w.plant('account_rental', members, { setup, cashout }, 0.2);
}

export function sizeClass(n: number): string {
  return n <= 3 ? 'small' : n <= 7 ? 'medium' : 'large';
}

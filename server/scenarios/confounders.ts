// Benign look-alikes: sharing that is normal on a marketplace and must not be flagged. Households and family cards are
// made with the background population (they are part of who people are); the rest are laid over it afterwards: campus,
// corporate and carrier-grade NAT IPs, VPN exits, office and kiosk devices, the generic fingerprint of a popular phone
// build, placeholder values typed into forms, and a popular freelancer's clients paying them.
import type { IdentifierKind as LinkKind } from '../../contracts/vocabulary.ts';
import type { IpPool } from './identity.ts';
import { DAY, END, START, type World } from './world.ts';

export const CONFOUNDER_KINDS = [
  'household',
  'family_card',
  'campus_ip',
  'corporate_nat',
  'carrier_nat',
  'vpn_exit',
  'shared_device',
  'generic_fingerprint',
  'placeholder',
  'freelancer_clients',
] as const;
export type ConfounderKind = (typeof CONFOUNDER_KINDS)[number];

export interface Confounder {
  kind: ConfounderKind;
  members: number[];
  values: { kind: LinkKind; value: string }[];
}

const HOUSEHOLD_SHARE = 0.1;
const LEGIT_SHARE = 0.08;
const LONE_FRAUD_SHARE = 0.003;

/** `count` ordinary accounts, some living in households (same address and home IP, sometimes a tablet or a card). */
export function populate(w: World, count: number): Confounder[] {
  const out: Confounder[] = [];
  const rng = w.rng;
  // A lone known fraudster lives alone: a household sharing a tablet with one would rightly be worth a look
  // (guilt by association), so it could not count as a benign confounder.
  const person = (alone = false) => {
    const roll = rng.real();
    const label =
      alone && roll < LONE_FRAUD_SHARE ? 'known_fraud' : roll < LONE_FRAUD_SHARE + LEGIT_SHARE ? 'legit' : 'unknown';
    return w.add({ createdAt: START + Math.floor(rng.real() * (END - START - 20 * DAY)), background: true, label });
  };
  let made = 0;
  while (made < count) {
    const left = count - made;
    if (left < 2 || !rng.coin(HOUSEHOLD_SHARE / 2.5)) {
      w.ordinaryProfile(person(true));
      made++;
      continue;
    }
    const size = Math.min(left, rng.between(2, 5));
    const head = person();
    w.ordinaryProfile(head, { home: true, address: true });
    const members = [head];
    for (let i = 1; i < size; i++) {
      const m = person();
      members.push(m);
      w.ownEmail(m);
      if (rng.coin(0.7)) w.ownDevice(m);
      if (rng.coin(0.5)) w.ownPhone(m);
      if (rng.coin(0.3)) w.ownCard(m);
      w.shareHome(m, head);
    }
    made += size;
    const values: Confounder['values'] = [];
    if (rng.coin(0.4)) {
      const tablet = w.ids.device('tab');
      for (const m of rng.sample(members, rng.between(2, size))) w.link(m, 'device', tablet);
      values.push({ kind: 'device', value: tablet });
    }
    out.push({ kind: 'household', members, values });
    if (rng.coin(0.25)) {
      const card = w.ids.card(w.accounts[head]!.country);
      const users = [head, ...rng.sample(members.slice(1), rng.between(1, Math.min(2, size - 1)))];
      for (const m of users) w.useCard(m, card);
      out.push({ kind: 'family_card', members: users, values: [{ kind: 'payment', value: card.token }] });
    }
  }
  return out;
}

const IP_CROWDS: { kind: ConfounderKind; pool: IpPool; per20k: number; size: [number, number] }[] = [
  { kind: 'campus_ip', pool: 'campus', per20k: 4, size: [25, 120] },
  { kind: 'corporate_nat', pool: 'corporate', per20k: 4, size: [15, 80] },
  { kind: 'carrier_nat', pool: 'carrier', per20k: 6, size: [40, 300] },
  { kind: 'vpn_exit', pool: 'vpn', per20k: 5, size: [8, 45] },
];
const PHONE_BUILDS = [
  'iphone15-ios17.5-safari',
  'galaxy-a54-android14-chrome',
  'pixel8-android14-chrome',
  'iphone13-ios16.7',
];
const PLACEHOLDERS: { kind: LinkKind; value: string }[] = [
  { kind: 'phone', value: '000-000-0000' },
  { kind: 'email', value: 'test@test.com' },
  { kind: 'address', value: 'N/A' },
  { kind: 'address', value: 'unknown' },
  { kind: 'device', value: 'unknown' },
];

/**
 * Lays the shared-by-many confounders over the background. `fraud` lists planted members by group: a few of them also
 * sit behind a VPN exit or type a placeholder, as real fraudsters do, which glues unrelated cases together.
 */
export function overlay(w: World, fraud: number[][]): Confounder[] {
  const rng = w.rng;
  const background = w.backgroundAccounts();
  const scale = w.accounts.length / 20_000;
  const times = (per20k: number) => Math.max(1, Math.round(per20k * scale));
  const out: Confounder[] = [];
  const someFraud = (max: number) => rng.sample(fraud, rng.between(0, max)).map((group) => rng.one(group));

  for (const crowd of IP_CROWDS)
    for (let c = 0; c < times(crowd.per20k); c++) {
      const ip = w.ids.ip(crowd.pool);
      const members = rng.sample(background, rng.between(...crowd.size));
      if (crowd.kind === 'vpn_exit' || crowd.kind === 'carrier_nat') members.push(...someFraud(3));
      for (const m of members) w.link(m, 'ip', ip);
      out.push({ kind: crowd.kind, members, values: [{ kind: 'ip', value: ip }] });
    }

  for (let c = 0; c < times(6); c++) {
    // An office PC or a library / shop kiosk: a handful of unrelated people over months, behind the office IP.
    const device = w.ids.device(rng.coin(0.5) ? 'kiosk' : 'office');
    const ip = w.ids.ip('corporate');
    const members = rng.sample(background, rng.between(4, 12));
    for (const m of members) {
      w.link(m, 'device', device);
      w.link(m, 'ip', ip);
    }
    out.push({
      kind: 'shared_device',
      members,
      values: [
        { kind: 'device', value: device },
        { kind: 'ip', value: ip },
      ],
    });
  }

  const households = new Set<number>();
  w.accounts.forEach((a, i) => a.background && a.address && households.add(i));
  const housed = [...households];
  for (let c = 0; c < times(4); c++) {
    // The default fingerprint of a popular build: 20–30 strangers, some of them in households.
    const device = `fp-${PHONE_BUILDS[c % PHONE_BUILDS.length]}-${Math.floor(c / PHONE_BUILDS.length) + 1}`;
    const n = rng.between(20, 30);
    const members = [
      ...new Set([...rng.sample(housed, Math.floor(n / 3)), ...rng.sample(background, n - Math.floor(n / 3))]),
    ];
    for (const m of members) w.link(m, 'device', device);
    out.push({ kind: 'generic_fingerprint', members, values: [{ kind: 'device', value: device }] });
  }

  for (const placeholder of PLACEHOLDERS) {
    const members = [...rng.sample(background, 8 + Math.round(8 * scale)), ...someFraud(3)];
    for (const m of members) w.link(m, placeholder.kind, placeholder.value);
    out.push({ kind: 'placeholder', members, values: [placeholder] });
  }

  const sellers = background.filter((i) => w.accounts[i]!.type === 'seller');
  const buyers = background.filter((i) => w.accounts[i]!.type === 'buyer');
  for (let c = 0; c < times(10) && sellers.length > 0; c++) {
    const freelancer = rng.one(sellers);
    const clients = rng.sample(buyers, rng.between(10, 40)).filter((b) => b !== freelancer);
    for (const client of clients)
      for (let k = rng.between(1, 3); k > 0; k--) w.pay(client, freelancer, rng.between(20, 800), w.after(client, 400));
    out.push({ kind: 'freelancer_clients', members: [freelancer, ...clients], values: [] });
  }
  // Everyone else's ordinary purchases.
  for (const buyer of buyers)
    for (let k = rng.between(0, 3); k > 0 && sellers.length > 0; k--)
      w.pay(buyer, rng.one(sellers), rng.between(10, 500), w.after(buyer, 500));
  return out;
}

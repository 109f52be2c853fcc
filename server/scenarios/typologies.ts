// The fraud typologies of the catalogue, as trust-and-safety teams describe them. Each planter creates its accounts
// and what they share, and returns the planted group for the ground truth. Every typology comes in variants (size,
// timing, density) so that a detector cannot be tuned to one shape; `variant` in the ground truth says which.
import type { IdentifierKind as LinkKind } from '../../contracts/vocabulary.ts';
import { addressSpellings, type Card } from './identity.ts';
import type { Rng } from './rng.ts';
import { DAY, END, START, type World } from './world.ts';

export const TYPOLOGIES = [
  'device_farm',
  'card_sharing',
  'chain',
  'controller_ring',
  'sleeper',
  'collusion_mesh',
  'mule_chain',
  'templated_identity',
  'duplicate_pair',
  'fraud_adjacent',
] as const;
export type Typology = (typeof TYPOLOGIES)[number];

/** An identifier the group shares on purpose (the evidence an investigator would find). */
export interface Shared {
  kind: LinkKind;
  value: string;
  members: number[];
}

export interface Planted {
  typology: Typology;
  members: number[];
  knownFraud: number[];
  variant: Record<string, string>;
  shared: Shared[];
  /** Payments between members. */
  payments: number;
}

type Size = 'small' | 'medium' | 'large';
type Timing = 'burst' | 'spread';
type Density = 'sparse' | 'dense';

/** Variant number `v` → one point of the size × timing × density grid, so consecutive groups differ. */
export function variantOf(v: number): { size: Size; timing: Timing; density: Density } {
  const sizes: Size[] = ['small', 'medium', 'large'];
  return {
    size: sizes[v % 3]!,
    timing: Math.floor(v / 3) % 2 === 0 ? 'burst' : 'spread',
    density: v % 2 === 0 ? 'dense' : 'sparse',
  };
}

class Group {
  readonly members: number[] = [];
  readonly shared: Shared[] = [];
  readonly knownFraud: number[] = [];
  payments = 0;

  constructor(
    readonly world: World,
    readonly typology: Typology,
    readonly variant: Record<string, string>,
  ) {}

  get rng(): Rng {
    return this.world.rng;
  }

  /** `n` new accounts created in [start, start + spanDays). */
  open(n: number, start: number, spanDays: number, extra: { status?: 'active' | 'suspended' } = {}): number[] {
    const made: number[] = [];
    for (let i = 0; i < n; i++) {
      const createdAt = start + Math.floor(this.rng.real() * spanDays * DAY);
      const a = this.world.add({ createdAt, ...extra });
      this.members.push(a);
      made.push(a);
    }
    return made;
  }

  share(kind: LinkKind, value: string, members: number[], at?: number): void {
    for (const m of members) this.world.link(m, kind, value, at ?? this.world.after(m, 5));
    this.shared.push({ kind, value, members: [...members] });
  }

  shareCard(card: Card, members: number[], at?: number): void {
    for (const m of members) this.world.useCard(m, card, at ?? this.world.after(m, 5));
    this.shared.push({ kind: 'payment', value: card.token, members: [...members] });
  }

  label(account: number): void {
    const a = this.world.accounts[account]!;
    a.label = 'known_fraud';
    a.status = this.rng.coin(0.5) ? 'suspended' : 'closed';
    this.knownFraud.push(account);
  }

  /** One member labelled known fraud (a chargeback) with probability p. */
  maybeLabel(p: number): void {
    if (this.rng.coin(p)) this.label(this.rng.one(this.members));
  }

  pay(payer: number, payee: number, amount: number, at: number): void {
    this.world.pay(payer, payee, amount, at);
    this.payments++;
  }

  done(): Planted {
    return {
      typology: this.typology,
      members: this.members,
      knownFraud: this.knownFraud,
      variant: this.variant,
      shared: this.shared,
      payments: this.payments,
    };
  }
}

function windowStart(rng: Rng, spanDays: number): number {
  return START + 30 * DAY + Math.floor(rng.real() * (END - START - (spanDays + 90) * DAY));
}

/** Member j uses item j mod k of the pool and, while the pool lasts, item j + 1: consecutive items are chained. */
function chainedPool<T>(pool: readonly T[], j: number): T[] {
  return j < pool.length - 1 ? [pool[j % pool.length]!, pool[j + 1]!] : [pool[j % pool.length]!];
}

function sizeIn(rng: Rng, size: Size, ranges: Record<Size, [number, number]>): number {
  const [lo, hi] = ranges[size];
  return rng.between(lo, hi);
}

/** Many accounts, few devices (emulators, phone racks), behind a few datacenter proxies; throwaway mailboxes. */
function deviceFarm(w: World, v: number): Planted {
  const { size, timing, density } = variantOf(v);
  const g = new Group(w, 'device_farm', { size, timing, density });
  const n = sizeIn(w.rng, size, { small: [5, 8], medium: [10, 18], large: [22, 40] });
  const span = timing === 'burst' ? 2 : 45;
  const members = g.open(n, windowStart(w.rng, span), span);
  const devices = Array.from(
    { length: density === 'dense' ? Math.max(1, Math.round(n / 8)) : Math.max(2, Math.round(n / 3)) },
    () => w.ids.device(w.rng.coin(0.5) ? 'emu' : 'dfp'),
  );
  const proxies = Array.from({ length: w.rng.between(1, 3) }, () => w.ids.ip('datacenter'));
  const users = devices.map(() => [] as number[]);
  const ipUsers = proxies.map(() => [] as number[]);
  members.forEach((m, j) => {
    for (const d of chainedPool(devices, j)) users[devices.indexOf(d)]!.push(m);
    ipUsers[j % proxies.length]!.push(m);
    w.ownEmail(m);
    if (w.rng.coin(0.4)) w.ownCard(m);
  });
  devices.forEach((d, i) => g.share('device', d, users[i]!));
  proxies.forEach((ip, i) => ipUsers[i]!.length > 0 && g.share('ip', ip, ipUsers[i]!));
  g.maybeLabel(0.3);
  return g.done();
}

/** A handful of (stolen or shared) cards paying for otherwise ordinary-looking accounts. */
function cardSharing(w: World, v: number): Planted {
  const { size, timing, density } = variantOf(v);
  const g = new Group(w, 'card_sharing', { size, timing, density });
  const n = sizeIn(w.rng, size, { small: [3, 5], medium: [6, 10], large: [12, 20] });
  const span = timing === 'burst' ? 5 : 90;
  const members = g.open(n, windowStart(w.rng, span), span, { status: 'active' });
  const cards = Array.from({ length: density === 'dense' ? 1 : Math.max(2, Math.round(n / 4)) }, () =>
    w.ids.card('US'),
  );
  const users = cards.map(() => [] as number[]);
  members.forEach((m, j) => {
    for (const c of chainedPool(cards, j)) users[cards.indexOf(c)]!.push(m);
    w.ownDevice(m);
    w.ownEmail(m);
    w.ownHomeIp(m);
    if (w.rng.coin(0.5)) w.ownPhone(m);
  });
  cards.forEach((c, i) => g.shareCard(c, users[i]!));
  g.maybeLabel(0.3);
  return g.done();
}

const CHAIN_KINDS: LinkKind[] = ['device', 'payment', 'phone', 'email'];

/**
 * A–B–C–…: consecutive members share one identifier, each link of another kind (device, card, phone, mailbox), each
 * identifier held by two members (three when a link reaches one further). Sparse and path-like on purpose.
 */
function chain(w: World, v: number): Planted {
  const { size, timing, density } = variantOf(v);
  const g = new Group(w, 'chain', { size, timing, density });
  const n = sizeIn(w.rng, size, { small: [3, 4], medium: [5, 8], large: [9, 14] });
  const span = timing === 'burst' ? 7 : 120;
  const members = g.open(n, windowStart(w.rng, span), span);
  const kinds = w.rng.shuffled(CHAIN_KINDS);
  for (let i = 0; i < n - 1; i++) {
    const holders = [members[i]!, members[i + 1]!];
    if (density === 'dense' && i + 2 < n && w.rng.coin(0.4)) holders.push(members[i + 2]!);
    const kind = kinds[i % kinds.length]!;
    if (kind === 'payment') g.shareCard(w.ids.card('US'), holders);
    else if (kind === 'device') g.share('device', w.ids.device(), holders);
    else if (kind === 'phone') g.share('phone', w.ids.phone(), holders);
    else g.share('email', w.ids.email(), holders);
  }
  for (const m of members) {
    w.ownEmail(m);
    w.ownHomeIp(m);
    if (w.rng.coin(0.5)) w.ownDevice(m);
    if (w.rng.coin(0.5)) w.ownCard(m);
  }
  g.maybeLabel(size === 'small' ? 0.6 : 0.4);
  return g.done();
}

/** One controller device logs into 3–5 accounts, each with its own card, usually through one proxy IP. */
function controllerRing(w: World, v: number): Planted {
  const { timing, density } = variantOf(v);
  const n = 3 + (v % 3);
  const g = new Group(w, 'controller_ring', { size: String(n), timing, density });
  const span = timing === 'burst' ? 4 : 60;
  const members = g.open(n, windowStart(w.rng, span), span);
  g.share('device', w.ids.device(), members);
  if (w.rng.coin(0.7)) g.share('ip', w.ids.ip('datacenter'), members);
  for (const m of members) {
    w.ownCard(m);
    w.ownEmail(m);
    if (density === 'dense') w.ownPhone(m);
    if (w.rng.coin(0.4)) w.ownDevice(m);
  }
  g.maybeLabel(0.4);
  return g.done();
}

/** Accounts opened months apart, living ordinary lives, that briefly share one card and one device when activated. */
function sleeper(w: World, v: number): Planted {
  const { size, density } = variantOf(v);
  const g = new Group(w, 'sleeper', { size, timing: 'months_apart', density });
  const n = sizeIn(w.rng, size, { small: [3, 3], medium: [4, 5], large: [6, 8] });
  const activation = END - w.rng.between(5, 60) * DAY;
  const spanDays = w.rng.between(120, 360);
  const first = activation - (spanDays + w.rng.between(20, 60)) * DAY;
  const members = g.open(n, Math.max(START, first), spanDays);
  for (const m of members) w.ordinaryProfile(m, { home: true });
  const at = () => activation + Math.floor(w.rng.real() * 2 * DAY);
  g.shareCard(w.ids.card('US'), members, at());
  g.share('device', w.ids.device(), members, at());
  if (density === 'dense') g.share('ip', w.ids.ip('datacenter'), members, at());
  g.maybeLabel(0.3);
  return g.done();
}

/** Colluders paying each other round a loop (with chords when dense), sharing almost nothing else. */
function collusionMesh(w: World, v: number): Planted {
  const { size, timing, density } = variantOf(v);
  const g = new Group(w, 'collusion_mesh', { size, timing, density });
  const n = sizeIn(w.rng, size, { small: [4, 5], medium: [6, 8], large: [9, 12] });
  const span = timing === 'burst' ? 10 : 150;
  const members = g.open(n, windowStart(w.rng, span), span);
  for (const m of members) w.ordinaryProfile(m);
  const start = Math.max(...members.map((m) => w.accounts[m]!.createdAt));
  const rounds = w.rng.between(2, 4);
  for (let r = 0; r < rounds; r++) {
    const at = start + (r * 7 + w.rng.between(1, 6)) * DAY;
    const amount = w.rng.between(200, 900);
    for (let i = 0; i < n; i++)
      g.pay(members[i]!, members[(i + 1) % n]!, amount * (0.9 + 0.2 * w.rng.real()), at + i * 3_600_000);
    if (density === 'dense')
      for (let c = 0; c < Math.ceil(n / 2); c++) {
        const [a, b] = w.rng.sample(members, 2) as [number, number];
        g.pay(a, b, w.rng.between(50, 400), at + w.rng.between(1, 48) * 3_600_000);
      }
  }
  const pair = w.rng.sample(members, 2);
  g.share('device', w.ids.device(), pair);
  if (density === 'dense') g.share('ip', w.ids.ip('vpn'), w.rng.sample(members, Math.min(3, n)));
  g.maybeLabel(0.2);
  return g.done();
}

/** Money mules: funds enter at a source and hop mule to mule to a cash-out within hours; linked mostly by payments. */
function muleChain(w: World, v: number): Planted {
  const { size, timing, density } = variantOf(v);
  const g = new Group(w, 'mule_chain', { size, timing, density });
  const n = sizeIn(w.rng, size, { small: [4, 4], medium: [5, 6], large: [7, 9] });
  const span = timing === 'burst' ? 10 : 100;
  const members = g.open(n, windowStart(w.rng, span), span);
  for (const m of members) w.ordinaryProfile(m);
  const start = Math.max(...members.map((m) => w.accounts[m]!.createdAt)) + DAY;
  const waves = w.rng.between(2, 4);
  for (let k = 0; k < waves; k++) {
    let amount = w.rng.between(900, 4900);
    let at = start + k * w.rng.between(3, 12) * DAY;
    for (let i = 0; i + 1 < n; i++) {
      g.pay(members[i]!, members[i + 1]!, amount, at);
      amount *= 0.93 + 0.04 * w.rng.real();
      at += w.rng.between(1, 6) * 3_600_000;
    }
  }
  g.share('ip', w.ids.ip('vpn'), w.rng.sample(members, Math.min(3, n)));
  if (density === 'dense') {
    const i = w.rng.between(1, n - 2);
    g.share('device', w.ids.device(), [members[i]!, members[i + 1]!]);
  }
  if (w.rng.coin(0.5)) g.label(members[0]!);
  return g.done();
}

/** Sign-ups from one template: mark.s01@…, mark.s02@…; consecutive phone numbers; one address spelled three ways. */
function templatedIdentity(w: World, v: number, bases: Set<string>): Planted {
  const { timing, density } = variantOf(v);
  const n = w.rng.between(3, 8);
  const g = new Group(w, 'templated_identity', {
    size: String(n),
    timing,
    density: density === 'dense' ? 'with_ip' : 'bare',
  });
  const span = timing === 'burst' ? 2 : 30;
  const members = g.open(n, windowStart(w.rng, span), span);
  let base = '';
  for (let tries = 0; base === '' || bases.has(base); tries++) {
    const name = w.ids.personName();
    const domain = w.rng.one(['example.com', 'example.net', 'example.org', 'mail.test']);
    base = `${name.first}.${name.last[0]}${tries > 20 ? w.rng.chars('abcdefghjk', 2) : ''}|${domain}`;
  }
  bases.add(base);
  const [local, domain] = base.split('|') as [string, string];
  const phones = w.ids.phones(n);
  const spellings = addressSpellings(w.ids.address());
  const proxy = density === 'dense' ? w.ids.ip('datacenter') : undefined;
  members.forEach((m, j) => {
    w.link(m, 'email', `${local}${String(j + 1).padStart(2, '0')}@${domain}`, w.accounts[m]!.createdAt);
    w.link(m, 'phone', phones[j]!);
    w.link(m, 'address', spellings[j % 3]!);
    w.ownDevice(m);
    w.ownCard(m);
  });
  if (proxy) g.share('ip', proxy, members);
  g.maybeLabel(0.3);
  return g.done();
}

/** Two accounts of one person on a one-account-per-person marketplace: a device and/or a card in common. */
function duplicatePair(w: World, v: number): Planted {
  const ties = (['device', 'card', 'device+card'] as const)[v % 3]!;
  const timing = Math.floor(v / 3) % 2 === 0 ? 'reopened' : 'parallel';
  const g = new Group(w, 'duplicate_pair', { ties, timing });
  const first = g.open(1, windowStart(w.rng, 200), 1)[0]!;
  const gap = timing === 'reopened' ? w.rng.between(30, 180) : w.rng.between(0, 3);
  const second = g.open(1, w.accounts[first]!.createdAt + gap * DAY, 1)[0]!;
  for (const m of [first, second]) {
    w.ownEmail(m);
    if (w.rng.coin(0.5)) w.ownPhone(m);
  }
  if (ties !== 'card') g.share('device', w.ids.device(), [first, second]);
  else for (const m of [first, second]) w.ownDevice(m);
  if (ties !== 'device') g.shareCard(w.ids.card(w.accounts[first]!.country), [first, second]);
  else for (const m of [first, second]) w.ownCard(m);
  if (w.rng.coin(0.5)) g.share('ip', w.ids.ip('home'), [first, second]);
  if (timing === 'reopened' || w.rng.coin(0.3)) g.label(first);
  return g.done();
}

/** A known fraudster (chargebacks, closed) and the accounts tied to it by a device or a card. */
function fraudAdjacent(w: World, v: number): Planted {
  const { timing, density } = variantOf(v);
  const tied = 1 + (v % 4);
  const g = new Group(w, 'fraud_adjacent', {
    size: String(tied + 1),
    timing,
    density: density === 'dense' ? 'star' : 'chained',
  });
  const span = timing === 'burst' ? 10 : 120;
  const members = g.open(tied + 1, windowStart(w.rng, span), span);
  const [fraudster] = members as [number];
  g.label(fraudster);
  for (const m of members) {
    w.ownEmail(m);
    if (w.rng.coin(0.6)) w.ownHomeIp(m);
  }
  for (let i = 1; i < members.length; i++) {
    const anchor = density === 'dense' ? fraudster : members[i - 1]!;
    if (w.rng.coin(0.5)) g.share('device', w.ids.device(), [anchor, members[i]!]);
    else g.shareCard(w.ids.card('US'), [anchor, members[i]!]);
  }
  return g.done();
}

export function plantTypology(w: World, typology: Typology, variant: number, templateBases: Set<string>): Planted {
  switch (typology) {
    case 'device_farm':
      return deviceFarm(w, variant);
    case 'card_sharing':
      return cardSharing(w, variant);
    case 'chain':
      return chain(w, variant);
    case 'controller_ring':
      return controllerRing(w, variant);
    case 'sleeper':
      return sleeper(w, variant);
    case 'collusion_mesh':
      return collusionMesh(w, variant);
    case 'mule_chain':
      return muleChain(w, variant);
    case 'templated_identity':
      return templatedIdentity(w, variant, templateBases);
    case 'duplicate_pair':
      return duplicatePair(w, variant);
    case 'fraud_adjacent':
      return fraudAdjacent(w, variant);
  }
}

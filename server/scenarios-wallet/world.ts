// The wallet generator's world: customer accounts with a profile (name, mailbox, phone, home, handsets, cards),
// every identifier use (a link row) and every transfer (a payment row), the planted fraud groups and the benign
// look-alike groups, kept in memory and written in time order at the end, as a wallet's export would be.
import { permute32, type Random } from '../generate/rng.ts';
import type { ScenarioLinkRow, ScenarioPaymentRow } from '../generate/scenario-files.ts';
import { Values, type Address, type Name } from './values.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Eighteen months of activity. */
export const WINDOW_START = Date.UTC(2025, 0, 1);
export const WINDOW_END = Date.UTC(2026, 6, 1);

export type Kind = ScenarioLinkRow['kind'];
export type AccountType = 'personal' | 'business' | 'creator';

export interface Account {
  id: string;
  createdAt: number;
  type: AccountType;
  country: string;
  status: 'active' | 'closed' | 'frozen' | 'banned';
  label: 'unknown' | 'legit' | 'known_fraud';
  /** Friends are drawn from the same community (a town, a school, a workplace). */
  community: number;
  name: Name;
  /** Home IPs and the times they were in use: [ip, from, to]. */
  homeIps: [string, number, number][];
  /** Handsets in the order used: [device value, user agent, from, to]. */
  devices: [string, string, number, number][];
  cards: string[];
  /** The phone number's digits, as first given. */
  phone?: string;
  address?: Address;
  /** The planted group an account belongs to (look-alike groups never count it). */
  planted?: string;
  /** Recruited into a crew or victimised already: never chosen again. */
  taken?: boolean;
}

export interface Group {
  id: string;
  typology: string;
  kind: 'ring' | 'pair';
  members: string[];
  known_fraud: string[];
  variant: Record<string, string>;
  /** Accounts that took part without being in the case (scam victims paying mules). */
  victims?: string[];
}

export interface Confounder {
  id: string;
  kind: string;
  members: Set<string>;
  values: { kind: string; value: string }[];
}

export class World {
  readonly values: Values;
  readonly accounts: Account[] = [];
  readonly links: ScenarioLinkRow[] = [];
  readonly payments: ScenarioPaymentRow[] = [];
  readonly groups: Group[] = [];
  readonly confounders: Confounder[] = [];
  /** `kind:value` of every look-alike group's identifiers: whoever uses one joins the group. */
  private readonly tags = new Map<string, Confounder>();
  private readonly key: number;
  private readonly counters = new Map<string, number>();

  constructor(
    readonly rng: Random,
    seed: number,
    readonly communities: number,
  ) {
    this.values = new Values(rng);
    this.key = (seed ^ 0x5eed_ba11) >>> 0;
  }

  /** A new account; its id is a keyed permutation of its number, so ids say nothing about when or why it was made. */
  open(createdAt: number, opts: Partial<Pick<Account, 'type' | 'country' | 'community' | 'name'>> = {}): Account {
    const at = Math.max(WINDOW_START, Math.min(createdAt, WINDOW_END - 2 * DAY));
    const account: Account = {
      id: `w${permute32(this.accounts.length, this.key).toString(36).padStart(7, '0')}`,
      createdAt: at,
      type: opts.type ?? 'personal',
      country: opts.country ?? 'US',
      status: 'active',
      label: 'unknown',
      community: opts.community ?? this.rng.int(0, this.communities - 1),
      name: opts.name ?? this.values.name(at),
      homeIps: [],
      devices: [],
      cards: [],
    };
    this.accounts.push(account);
    return account;
  }

  /** One use of an identifier; `tag` adds the account to a benign look-alike group. */
  link(
    a: Account,
    kind: Kind,
    value: string,
    at: number,
    extra: { card?: ScenarioLinkRow['card']; userAgent?: string; tag?: Confounder } = {},
  ): void {
    const row: ScenarioLinkRow = { account: a.id, kind, value, at: this.clamp(at, a.createdAt) };
    if (extra.card) row.card = extra.card;
    if (extra.userAgent) row.userAgent = extra.userAgent;
    this.links.push(row);
    (extra.tag ?? this.tags.get(`${kind}:${value}`))?.members.add(a.id);
  }

  /** A P2P transfer; skipped when it would fall outside the window or before either account existed. */
  pay(payer: Account, payee: Account, amount: number, at: number): boolean {
    if (payer === payee) return false;
    const t = Math.round(at);
    if (t < Math.max(payer.createdAt, payee.createdAt) || t >= WINDOW_END) return false;
    const n = this.next('payment');
    this.payments.push({
      payer: payer.id,
      payee: payee.id,
      amount: Math.max(1, Math.round(amount * 100) / 100),
      currency: 'USD',
      at: t,
      id: `tx_${permute32(n, this.key ^ 0x7a7a).toString(36)}`,
    });
    return true;
  }

  /** A time within the window, not before `floor`. */
  clamp(at: number, floor: number): number {
    return Math.round(Math.min(Math.max(at, floor), WINDOW_END - 1000));
  }

  /** A uniform time between two instants (clamped to the window). */
  between(from: number, to: number): number {
    const lo = Math.max(from, WINDOW_START);
    const hi = Math.min(Math.max(to, lo), WINDOW_END - 1000);
    return lo + this.rng.float() * (hi - lo);
  }

  /** The handset an account was using at a time (the last one started before it). */
  deviceAt(a: Account, at: number): [string, string, number, number] | undefined {
    let found = a.devices[0];
    for (const d of a.devices) if (d[2] <= at) found = d;
    return found;
  }

  /** Gives a handset to an account from `from` to `to` and writes its first use. */
  useDevice(a: Account, value: string, userAgent: string, from: number, to: number, tag?: Confounder): void {
    a.devices.push([value, userAgent, from, to]);
    this.link(a, 'device', value, from, { userAgent, ...(tag ? { tag } : {}) });
  }

  /** The look-alike group an identifier already belongs to. */
  tagged(kind: Kind, value: string): Confounder | undefined {
    return this.tags.get(`${kind}:${value}`);
  }

  confounder(kind: string, values: { kind: string; value: string }[] = []): Confounder {
    const c = { id: `${kind}-${this.next(`c:${kind}`)}`, kind, members: new Set<string>(), values };
    this.confounders.push(c);
    for (const v of values) this.tags.set(`${v.kind}:${v.value}`, c);
    return c;
  }

  plant(typology: string, members: Account[], known: Account[], variant: Record<string, string>, victims?: Account[]) {
    const id = `${typology}-${this.next(`g:${typology}`)}`;
    for (const m of members) m.planted = id;
    for (const k of known) {
      k.label = 'known_fraud';
      if (k.status === 'active') k.status = this.rng.chance(0.6) ? 'closed' : 'frozen';
    }
    const group: Group = {
      id,
      typology,
      kind: members.length === 2 ? 'pair' : 'ring',
      members: members.map((m) => m.id),
      known_fraud: known.map((k) => k.id),
      variant,
      ...(victims ? { victims: victims.map((v) => v.id) } : {}),
    };
    this.groups.push(group);
    return group;
  }

  private next(counter: string): number {
    const n = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, n);
    return n;
  }
}

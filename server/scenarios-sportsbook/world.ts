// The sportsbook generator's world, built in memory before anything is written: players (accounts) with their
// identifier sightings, money moved between players (poker hands won and lost, player-to-player transfers), the
// planted fraud groups and the benign look-alike groups. One seeded random stream drives everything, in a fixed order.
import type { IdentifierKind } from '../../contracts/vocabulary.ts';
import { Random } from '../generate/rng.ts';
import { FIRST_NAMES, LAST_NAMES, REGIONS, type Region } from './words.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Eighteen months of activity. */
export const WINDOW_START = Date.UTC(2025, 0, 1);
export const WINDOW_END = Date.UTC(2026, 6, 1);

export type Label = 'unknown' | 'legit' | 'known_fraud';

export interface Card {
  bin: string;
  last4: string;
  issuer: string;
}

export interface Link {
  kind: IdentifierKind;
  value: string;
  at: number;
  card?: Card;
  userAgent?: string;
}

export interface Device {
  value: string;
  userAgent: string;
}

/** A payment instrument as the payment processor reports it: a token, and card details for display. */
export interface Instrument {
  value: string;
  card?: Card;
}

export interface Player {
  index: number;
  createdAt: number;
  region: Region;
  first: string;
  last: string;
  type: 'player' | 'vip';
  status: string;
  label: Label;
  links: Link[];
  /** Plays peer-to-peer poker (and so wins and loses hands against other players). */
  poker: boolean;
}

/** Money from one player to another: a poker hand's pot (loser to winner) or a player-to-player transfer. */
export interface Transfer {
  payer: number;
  payee: number;
  amount: number;
  at: number;
  kind: 'hand' | 'transfer';
}

export interface Planted {
  typology: string;
  members: number[];
  known: number[];
  variant: Record<string, string>;
  /** Players outside the case whose money the group took (poker collusion's table victims). */
  victims?: number[];
}

export interface Confounder {
  kind: string;
  members: number[];
  values: { kind: IdentifierKind; value: string }[];
  /** Members are every honest holder of the (single) value, worked out once all links exist. */
  byHolders?: boolean;
}

const REGION_WEIGHTS = REGIONS.map((r) => [r, r.weight] as const);

export class World {
  readonly rng: Random;
  readonly players: Player[] = [];
  readonly transfers: Transfer[] = [];
  readonly planted: Planted[] = [];
  readonly confounders: Confounder[] = [];
  /** Players in a planted group. */
  readonly fraud = new Set<number>();

  constructor(
    seed: number,
    readonly target: number,
  ) {
    this.rng = new Random(seed);
  }

  get room(): number {
    return this.target - this.players.length;
  }

  /** A new player; `region` defaults to one drawn by the operator's player mix. */
  player(
    createdAt: number,
    opts: Partial<Pick<Player, 'region' | 'type' | 'status' | 'label' | 'poker'>> = {},
  ): Player {
    if (this.players.length >= this.target) throw new Error('the world is full: more players planned than accounts');
    const p: Player = {
      index: this.players.length,
      createdAt: clampTime(createdAt),
      region: opts.region ?? this.rng.weighted(REGION_WEIGHTS),
      first: this.rng.pick(FIRST_NAMES),
      last: this.rng.pick(LAST_NAMES),
      type: opts.type ?? 'player',
      status: opts.status ?? 'active',
      label: opts.label ?? 'unknown',
      links: [],
      poker: opts.poker ?? false,
    };
    this.players.push(p);
    return p;
  }

  /** Records a sighting of an identifier; never before the player existed, never after the window. */
  link(p: Player, kind: IdentifierKind, value: string, at: number, extra: Pick<Link, 'card' | 'userAgent'> = {}) {
    const t = Math.min(Math.max(at, p.createdAt), WINDOW_END - MINUTE);
    p.links.push({ kind, value, at: t, ...extra });
  }

  device(p: Player, d: Device, at: number) {
    this.link(p, 'device', d.value, at, { userAgent: d.userAgent });
  }

  instrument(p: Player, i: Instrument, at: number) {
    this.link(p, 'payment', i.value, at, i.card ? { card: i.card } : {});
  }

  /** Whether `p` was ever seen with this exact value. */
  holds(p: Player, kind: IdentifierKind, value: string): boolean {
    const fold = (v: string) => (kind === 'ip' || kind === 'payment' ? v : v.toLowerCase().replace(/\s+/g, ' '));
    return p.links.some((l) => l.kind === kind && fold(l.value) === fold(value));
  }

  /** Money between two players, no earlier than both accounts. */
  pay(payer: Player, payee: Player, amount: number, at: number, kind: Transfer['kind']) {
    if (payer === payee) return;
    const t = Math.min(Math.max(at, payer.createdAt, payee.createdAt) + MINUTE, WINDOW_END - MINUTE);
    this.transfers.push({
      payer: payer.index,
      payee: payee.index,
      amount: Math.max(0.01, round2(amount)),
      at: t,
      kind,
    });
  }

  /** Plants a fraud group; `knownShare` of its members (at least one when above 0) are confirmed fraud. */
  plant(
    typology: string,
    members: Player[],
    variant: Record<string, string>,
    knownShare: number,
    extra: { victims?: Player[]; known?: Player[] } = {},
  ): Planted {
    for (const m of members) {
      if (this.fraud.has(m.index)) throw new Error(`player ${m.index} is already in a planted group`);
      this.fraud.add(m.index);
    }
    const known =
      extra.known ??
      (knownShare > 0
        ? this.rng.shuffle([...members]).slice(0, Math.max(1, Math.round(members.length * knownShare)))
        : []);
    for (const k of known) k.label = 'known_fraud';
    const group: Planted = {
      typology,
      members: members.map((m) => m.index),
      known: known.map((k) => k.index),
      variant,
    };
    if (extra.victims) group.victims = extra.victims.map((v) => v.index);
    this.planted.push(group);
    return group;
  }

  /** A benign look-alike; a group given by its members lists only the values some member was really seen with. */
  confound(kind: string, members: Player[], values: Confounder['values'], byHolders = false) {
    const seen = byHolders ? values : values.filter((v) => members.some((m) => this.holds(m, v.kind, v.value)));
    this.confounders.push({ kind, members: members.map((m) => m.index), values: seen, byHolders });
  }

  // --- time -------------------------------------------------------------------------------------------------------

  /** Uniform time in [from, to). */
  between(from: number, to: number): number {
    return from + Math.floor(this.rng.float() * Math.max(1, to - from));
  }

  /** A registration time: the operator grows, with peaks at the start of the football season and in February. */
  signupTime(from = WINDOW_START, to = WINDOW_END - 30 * DAY): number {
    for (;;) {
      const t = this.between(from, to);
      const month = new Date(t).getUTCMonth();
      const season = month === 8 || month === 1 ? 1.6 : month >= 5 && month <= 6 ? 0.7 : 1;
      const growth = 0.6 + (0.8 * (t - WINDOW_START)) / (WINDOW_END - WINDOW_START);
      if (this.rng.float() * 1.9 < season * growth) return t;
    }
  }

  /** A match-day evening (Saturday, Sunday or Monday) after `from`: when stadiums, bars and bettors are busy. */
  matchDay(from: number, to = WINDOW_END - DAY): number {
    const day = Math.floor(this.between(from, Math.max(from + 7 * DAY, to)) / DAY) * DAY;
    const weekday = new Date(day).getUTCDay();
    const shift = [0, 0, 5, 4, 3, 2, 0][weekday]! * DAY;
    return Math.min(day + shift + (17 + this.rng.int(0, 6)) * HOUR + this.rng.int(0, 59) * MINUTE, WINDOW_END - HOUR);
  }

  /** `count` sorted times in [from, to). */
  times(count: number, from: number, to: number): number[] {
    return Array.from({ length: count }, () => this.between(from, to)).sort((a, b) => a - b);
  }

  /** A lognormal amount around `median`, in currency units. */
  amount(median: number, spread = 0.8): number {
    return round2(median * Math.exp(this.rng.gaussian() * spread));
  }
}

export function clampTime(t: number): number {
  return Math.min(Math.max(t, WINDOW_START), WINDOW_END - DAY);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function currencyOf(p: Player): string {
  return p.region.country === 'CA' ? 'CAD' : 'USD';
}

// Streams the rows of one synthetic account at a time from a Plan: the account itself, its identifier links and the
// payments it makes. Background accounts are clients and freelancers with their own devices, cards, home and mobile
// IPs; households share a home IP and address (sometimes a tablet); crowds share a public IP. Ring members follow
// their pattern (patterns.ts). Properties other accounts need (id, creation date, role, home IP) are pure functions
// of the account index, so nothing but the plan is kept in memory.
import type { IdentifierKind } from '../../contracts/vocabulary.ts';
import {
  addressSpelling,
  deviceId,
  email,
  homeIpv4,
  ipSpelling,
  mobileIpv6,
  paymentMethod,
  phoneDigits,
  phoneInternational,
  postalAddress,
  userAgent,
  type PaymentMethod,
} from './identifiers.ts';
import { collusionPayees, memberLinks, type MemberTools } from './patterns.ts';
import { WINDOW_END, WINDOW_START, crowdAt, type Plan, type RingPlan } from './plan.ts';
import { Random, hash32, permute32, unit } from './rng.ts';

const DAY = 86_400_000;

export interface AccountRow {
  id: string;
  created_at: string;
  type: 'client' | 'freelancer';
  country: string;
  status: 'active' | 'suspended' | 'closed';
  label: 'known_fraud' | 'legit' | 'unknown';
}

export interface LinkRow {
  account_id: string;
  kind: IdentifierKind;
  value: string;
  seen_at: string;
  bin?: string;
  last4?: string;
  issuer_country?: string;
  user_agent?: string;
}

export interface PaymentRow {
  payer: string;
  payee: string;
  amount: string;
  currency: string;
  at: string;
}

export interface RowSink {
  account(row: AccountRow): void;
  link(row: LinkRow): void;
  payment(row: PaymentRow): void;
}

const COUNTRIES: [string, number][] = [
  ['US', 40],
  ['GB', 10],
  ['IN', 10],
  ['DE', 8],
  ['FR', 6],
  ['BR', 6],
  ['CA', 6],
  ['AU', 4],
  ['ES', 4],
  ['NL', 3],
  ['PL', 3],
];
const COUNTRY_TOTAL = COUNTRIES.reduce((sum, [, weight]) => sum + weight, 0);
const CURRENCY: Record<string, string> = { US: 'USD', GB: 'GBP', IN: 'INR', BR: 'BRL', CA: 'CAD', AU: 'AUD' };

/** Seconds precision keeps files short and diffs readable. */
function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export class Marketplace {
  private readonly rng: Random;

  constructor(readonly plan: Plan) {
    this.rng = new Random(hash32(plan.seed, 2));
  }

  accountId(index: number): string {
    return `acc_${permute32(index, this.plan.keys.id).toString(36).padStart(7, '0')}`;
  }

  private ring(index: number): RingPlan | undefined {
    const r = this.plan.ringOf[index]!;
    return r === -1 ? undefined : this.plan.rings[r];
  }

  createdAt(index: number): number {
    const u = unit(hash32(this.plan.seed, 21, index));
    const ring = this.ring(index);
    // Ring members sign up in a burst; everyone else any time before the last few weeks.
    if (ring) return ring.windowStart + Math.floor(u * ring.windowMs);
    return WINDOW_START + Math.floor(u * (WINDOW_END - WINDOW_START - 30 * DAY));
  }

  isFreelancer(index: number): boolean {
    return hash32(this.plan.seed, 22, index) % 100 < 35;
  }

  country(index: number): string {
    // identity_reuse members write phones in US national format, which only reads right for US accounts.
    if (this.ring(index)?.pattern === 'identity_reuse') return 'US';
    let roll = hash32(this.plan.seed, 23, index) % COUNTRY_TOTAL;
    for (const [code, weight] of COUNTRIES) {
      roll -= weight;
      if (roll < 0) return code;
    }
    return 'US';
  }

  /** Households share the home IP and address of their first member. */
  private homeSlot(index: number): number {
    const h = this.plan.householdOf[index]!;
    return h === -1 ? index : this.plan.households[h]!.members[0]!;
  }

  homeIp(index: number): string {
    return homeIpv4(this.homeSlot(index), this.plan.keys.ip);
  }

  /** Write account `index` with its links and outgoing payments. */
  emit(index: number, sink: RowSink): void {
    const { rng, plan } = this;
    const id = this.accountId(index);
    const created = this.createdAt(index);
    const country = this.country(index);
    const ring = this.ring(index);
    const label = ring
      ? ring.labelled.has(index)
        ? 'known_fraud'
        : 'unknown'
      : rng.chance(0.0005)
        ? 'known_fraud'
        : rng.chance(0.02)
          ? 'legit'
          : 'unknown';
    const status =
      label === 'known_fraud' ? (rng.chance(0.8) ? 'suspended' : 'closed') : rng.chance(0.05) ? 'closed' : 'active';
    const type = this.isFreelancer(index) ? 'freelancer' : 'client';
    sink.account({ id, created_at: iso(created), type, country, status, label });

    const seen = () => iso(created + rng.float() * (WINDOW_END - created));
    const link = (kind: IdentifierKind, value: string, extra: Partial<LinkRow> = {}) =>
      sink.link({ account_id: id, kind, value, seen_at: seen(), ...extra });
    const tools: MemberTools = {
      rng,
      device: (device) => link('device', device, rng.chance(0.7) ? { user_agent: userAgent(rng) } : {}),
      card: (card: PaymentMethod) =>
        link('payment', card.token, { bin: card.bin, last4: card.last4, issuer_country: country }),
      ip: (value) => link('ip', value),
      email: (value) => link('email', value),
      phone: (value) => link('phone', value),
      address: (value) => link('address', value),
      ownDevice: () => tools.device(rng.chance(0.05) ? deviceId(rng).toUpperCase() : deviceId(rng)),
      ownCard: () => tools.card(paymentMethod(rng)),
      ownEmail: (domain?: string) => link('email', email(index, plan.keys.email, rng, domain)),
      ownPhone: () => {
        if (index < plan.ownPhones) link('phone', phoneInternational(phoneDigits(index, plan.keys.phone), rng));
      },
      homeIp: () => {
        const ip = this.homeIp(index);
        link('ip', rng.chance(0.03) ? ipSpelling(ip, rng) : ip);
      },
    };

    if (ring) this.ringMember(index, ring, tools);
    else this.backgroundLinks(index, tools);
    if (rng.chance(ring ? 0.3 : 0.2)) {
      const crowd = plan.crowds[crowdAt(plan, rng.float() * plan.crowdCumulative[plan.crowds.length - 1]!)]!;
      crowd.members++;
      link('ip', crowd.ip);
    }
    this.payments(index, created, country, ring, sink);
  }

  private backgroundLinks(index: number, t: MemberTools): void {
    const { rng, plan } = this;
    const devices = rng.weighted([
      [1, 50],
      [2, 35],
      [3, 15],
    ]);
    for (let d = 0; d < devices; d++) t.ownDevice();
    const household = plan.householdOf[index] === -1 ? undefined : plan.households[plan.householdOf[index]!];
    if (household?.sharedDevice) t.device(household.sharedDevice);
    t.ownCard();
    if (rng.chance(0.3)) t.ownCard();
    t.homeIp();
    if (rng.chance(0.6)) t.ip(rng.chance(0.1) ? ipSpelling(mobileIpv6(rng), rng) : mobileIpv6(rng));
    t.ownEmail();
    if (rng.chance(0.1)) t.email(email(plan.accounts * 2 + index, plan.keys.email, rng, 'example.com'));
    if (rng.chance(0.85)) t.ownPhone();
    if (rng.chance(0.8)) {
      const address = postalAddress(this.homeSlot(index), plan.keys.address);
      const spelled = household && household.members[0] !== index ? addressSpelling(address, rng) : address;
      t.address(spelled);
    }
  }

  private ringMember(index: number, ring: RingPlan, t: MemberTools): void {
    memberLinks(ring, ring.members.indexOf(index), t);
    if (ring.bridge?.member === index) t.ip(this.homeIp(ring.bridge.background));
  }

  private payments(index: number, created: number, country: string, ring: RingPlan | undefined, sink: RowSink): void {
    const { rng, plan } = this;
    const payer = this.accountId(index);
    const currency = CURRENCY[country] ?? (country === 'US' ? 'USD' : 'EUR');
    const pay = (payeeIndex: number, amount: number, earliest: number, latest: number) => {
      const start = Math.max(earliest, this.createdAt(payeeIndex));
      const at = Math.min(WINDOW_END - 1000, start + rng.float() * Math.max(0, latest - start));
      sink.payment({ payer, payee: this.accountId(payeeIndex), amount: amount.toFixed(2), currency, at: iso(at) });
    };
    if (ring?.pattern === 'collusion') {
      const end = ring.windowStart + ring.windowMs + 30 * DAY;
      for (const payee of collusionPayees(ring, ring.members.indexOf(index), rng)) {
        pay(payee, 50 * rng.int(4, 40), created, end);
      }
    }
    const count = ring
      ? rng.chance(0.4)
        ? rng.int(1, 2)
        : 0
      : this.isFreelancer(index)
        ? rng.weighted([
            [0, 80],
            [1, 20],
          ])
        : rng.weighted([
            [0, 20],
            [1, 30],
            [2, 25],
            [3, 15],
            [4, 10],
          ]);
    for (let p = 0; p < count; p++) {
      let payee = rng.int(0, plan.accounts - 1);
      while (payee === index || !this.isFreelancer(payee)) payee = rng.int(0, plan.accounts - 1);
      const amount = Math.min(25_000, Math.max(5, Math.exp(4 + rng.gaussian())));
      pay(payee, amount, created, WINDOW_END);
    }
  }
}

// Shared identifiers that honest customers end up with, each a benign look-alike group the ground truth lists:
// carrier-grade NAT gateways, public wifi, corporate VPN exits, privacy VPN exits, campus networks, build-level
// fingerprints of budget phones, placeholder values typed into optional fields, handsets resold to strangers and home
// IPs the ISP hands to another household months later.
import type { Address } from './values.ts';
import { GENERIC_MODELS } from './words.ts';
import { DAY, type Account, type Confounder, type World } from './world.ts';

interface Shared {
  ip: string;
  c: Confounder;
}

/** Placeholders people type when a form insists on a value they do not want to give. */
export const PLACEHOLDERS = [
  { kind: 'phone', value: '0000000000', same: 'zeros' },
  { kind: 'phone', value: '000-000-0000', same: 'zeros' },
  { kind: 'phone', value: '1234567890', same: 'sequence' },
  { kind: 'email', value: 'none@none.com', same: 'none' },
  { kind: 'email', value: 'noemail@example.com', same: 'noemail' },
  { kind: 'address', value: 'N/A', same: 'na' },
  { kind: 'address', value: 'unknown', same: 'unknown' },
] as const;

export class Networks {
  readonly carriers: Shared[] = [];
  readonly wifi: Shared[] = [];
  readonly corporate: Shared[] = [];
  readonly privacy: Shared[] = [];
  readonly campuses: (Shared & { community: number; dorm: Address })[] = [];
  private readonly generic = new Map<string, { value: string; c: Confounder }>();
  private readonly placeholders = new Map<string, Confounder>();
  /** Handsets sold on, available to a buyer from a date. */
  private readonly resale: { device: string; userAgent: string; from: number; c: Confounder }[] = [];
  /** Home IPs released by the ISP, available to another household from a date. */
  private readonly released: { ip: string; from: number; c: Confounder }[] = [];

  constructor(
    private readonly w: World,
    people: number,
  ) {
    const r = w.rng;
    const scale = Math.max(1, people / 20_000);
    // Carrier gateways: a few hundred customers behind each.
    for (let i = 0; i < Math.round(36 * scale); i++) {
      const ip = `100.${64 + (i % 60)}.${r.int(0, 255)}.${r.int(1, 254)}`;
      this.carriers.push({ ip, c: w.confounder('carrier_nat', [{ kind: 'ip', value: ip }]) });
    }
    for (let i = 0; i < Math.min(250, Math.round(60 * scale)); i++) {
      const ip = `203.0.113.${i + 1}`;
      this.wifi.push({ ip, c: w.confounder('public_wifi', [{ kind: 'ip', value: ip }]) });
    }
    for (let i = 0; i < Math.min(100, Math.round(12 * scale)); i++) {
      const ip = `192.0.2.${i + 1}`;
      this.corporate.push({ ip, c: w.confounder('corporate_vpn', [{ kind: 'ip', value: ip }]) });
    }
    for (let i = 0; i < Math.min(100, Math.round(10 * scale)); i++) {
      const ip = `192.0.2.${150 + i}`;
      this.privacy.push({ ip, c: w.confounder('privacy_vpn', [{ kind: 'ip', value: ip }]) });
    }
    for (let i = 0; i < Math.max(2, Math.round(4 * scale)); i++) {
      const ip = `198.51.100.${200 + (i % 50)}`;
      const community = r.int(0, w.communities - 1);
      // A residence hall: one street address for hundreds of students, written in every way it can be.
      const dorm = w.values.address(0);
      const spellings = [w.values.written(dorm), ...[0, 1, 2, 3].map((s) => w.values.rewritten(dorm, s))];
      w.confounder(
        'dorm_address',
        [...new Set(spellings)].map((value) => ({ kind: 'address', value })),
      );
      this.campuses.push({ ip, community, c: w.confounder('campus_network', [{ kind: 'ip', value: ip }]), dorm });
    }
  }

  /** A carrier gateway, the popular ones more often (the first gateways carry most traffic). */
  carrier(): Shared {
    const n = this.carriers.length;
    return this.carriers[Math.floor(n * this.w.rng.float() ** 1.6)]!;
  }

  pick(list: readonly Shared[]): Shared {
    return this.w.rng.pick(list);
  }

  /** The build fingerprint of a generic model (one value for every device of that build: model, OS, app). */
  genericDevice(model: string, userAgent: string): { value: string; c: Confounder } | undefined {
    if (!(GENERIC_MODELS as readonly string[]).includes(model)) return undefined;
    let g = this.generic.get(userAgent);
    if (!g) {
      const value = this.w.values.genericFingerprint(userAgent);
      g = { value, c: this.w.confounder('generic_fingerprint', [{ kind: 'device', value }]) };
      this.generic.set(userAgent, g);
    }
    return g;
  }

  /** Types a placeholder into an optional field of an account. */
  placeholder(a: Account, at: number): void {
    const p = this.w.rng.pick(PLACEHOLDERS);
    if (!this.placeholders.has(p.same)) {
      // One group per value once normalised: two spellings of ten zeros are one phone number.
      const values = PLACEHOLDERS.filter((q) => q.same === p.same).map((q) => ({ kind: q.kind, value: q.value }));
      this.placeholders.set(p.same, this.w.confounder('placeholder', values));
    }
    this.w.link(a, p.kind, p.value, at);
  }

  /** Puts a handset up for sale once its owner moves on; `c` is the pair of owners. */
  sell(seller: Account, device: string, userAgent: string, soldAt: number): void {
    const c = this.w.confounder('second_hand_device', [{ kind: 'device', value: device }]);
    c.members.add(seller.id);
    this.resale.push({ device, userAgent, from: soldAt + this.w.rng.int(20, 150) * DAY, c });
  }

  /** A resold handset available at `at`, taken off the market. */
  buy(at: number): { device: string; userAgent: string; c: Confounder } | undefined {
    const i = this.resale.findIndex((d) => d.from <= at);
    return i < 0 ? undefined : this.resale.splice(i, 1)[0];
  }

  /**
   * The ISP takes a home IP back when a household moves or the lease ends. Every later login from it (all logins
   * are written after the homes are settled) joins the group; an IP recycled twice stays one group.
   */
  release(ip: string, at: number): void {
    const c = this.w.tagged('ip', ip) ?? this.w.confounder('recycled_home_ip', [{ kind: 'ip', value: ip }]);
    this.released.push({ ip, from: at + this.w.rng.int(30, 200) * DAY, c });
  }

  /** A recycled home IP available at `at`, or a fresh one. */
  homeIp(at: number): { ip: string; c?: Confounder } {
    if (this.w.rng.chance(0.35)) {
      const i = this.released.findIndex((d) => d.from <= at);
      if (i >= 0) {
        const { ip, c } = this.released.splice(i, 1)[0]!;
        return { ip, c };
      }
    }
    return { ip: this.w.values.residentialIp() };
  }
}

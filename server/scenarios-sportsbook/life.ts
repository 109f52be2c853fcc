// An ordinary player's life at the sportsbook: registration details, the handset and laptop they log in from, their
// home broadband (a new IP every few months) and mobile data (carrier-grade NAT, shared with thousands), deposits with
// their own cards and wallets, withdrawals of the occasional win. Fraud scenarios reuse the pieces and replace what
// the fraud shares.
import { formatAddress, type Address, type Ids } from './ids.ts';
import { DAY, HOUR, WINDOW_END, type Device, type Instrument, type Player, type World } from './world.ts';
import { PHONE_MODELS } from './words.ts';

/** Identifiers everybody may meet on without being related: the environment of the whole population. */
export class Pools {
  /** Carrier-grade NAT exits per country (3 carriers each), 100.64.0.0/10. */
  readonly carriers: Record<'US' | 'CA', string[][]>;
  /** Commercial VPN exits (203.0.113.0/24); US and Ontario geolocation flags them but the login attempt is logged. */
  readonly vpnExits: string[];
  /** Fingerprints the device SDK gives every default-configured handset of a popular model (low entropy). */
  readonly generic: Device[];
  /** A payments aggregator that reports its own merchant token for every customer's voucher deposit. */
  readonly aggregator: { value: string };

  constructor(ids: Ids) {
    let block = 64;
    const carrier = () => {
      const b = block++;
      return Array.from({ length: 100 }, (_, i) => `100.${b}.${Math.floor(i / 50)}.${(i % 50) * 5 + 1}`);
    };
    this.carriers = { US: [carrier(), carrier(), carrier()], CA: [carrier(), carrier(), carrier()] };
    this.vpnExits = Array.from({ length: 60 }, (_, i) => `203.0.113.${i * 4 + 2}`);
    this.generic = PHONE_MODELS.slice(0, 6).map((m) => ids.device('phone', m));
    this.aggregator = ids.ewallet();
  }

  /** The few VPN servers one crew settles on (crews pick different servers of the same providers). */
  exits(rng: { shuffle<T>(items: T[]): T[] }, n: number): string[] {
    return rng.shuffle([...this.vpnExits]).slice(0, n);
  }
}

export interface Home {
  /** Broadband IPs and the time each started; the ISP renews the lease every few months. */
  ips: { ip: string; from: number }[];
  address: Address;
  v6?: string;
}

/** The home's broadband IP at time `t`. */
export function leaseAt(home: Home, t: number): string {
  let ip = home.ips[0]!.ip;
  for (const lease of home.ips) if (lease.from <= t) ip = lease.ip;
  return ip;
}

export interface Kit {
  phone: Device;
  desktop?: Device;
  home: Home;
  /** Index of the player's mobile carrier, or undefined without mobile data. */
  carrier?: number;
  deposit: Instrument[];
  withdraw: Instrument[];
  /** Share of sessions through a commercial VPN. */
  vpn: number;
}

export class Life {
  /** Each player's kit, once registered (venues and the environment use their handsets). */
  readonly kits = new Map<number, Kit>();

  constructor(
    readonly w: World,
    readonly ids: Ids,
    readonly pools: Pools,
  ) {}

  /** A home: an address and a broadband line whose IP changes every 3 to 9 months. */
  home(p: Player, address?: Address): Home {
    const w = this.w;
    const ips = [{ ip: this.ids.homeIp(), from: 0 }];
    for (let t = p.createdAt + w.between(90, 270) * DAY; t < WINDOW_END; t += w.between(90, 270) * DAY)
      if (w.rng.chance(0.6)) ips.push({ ip: this.ids.homeIp(), from: t });
    return {
      ips,
      address: address ?? this.ids.address(p.region),
      ...(w.rng.chance(0.25) ? { v6: this.ids.ipv6Prefix() } : {}),
    };
  }

  /** Devices, a home and the player's own instruments. */
  kit(p: Player, home?: Home): Kit {
    const r = this.w.rng;
    const cards = Array.from(
      {
        length: r.weighted([
          [1, 6],
          [2, 3],
          [3, 1],
        ] as const),
      },
      () => this.ids.card(p.region.country),
    );
    const wallet = r.chance(0.35) ? [this.ids.ewallet()] : [];
    const bank = r.chance(0.45) ? [this.ids.bank()] : [];
    return {
      phone: r.chance(0.05) ? r.pick(this.pools.generic) : this.ids.device('phone'),
      ...(r.chance(0.45) ? { desktop: this.ids.device('desktop') } : {}),
      home: home ?? this.home(p),
      ...(r.chance(0.7) ? { carrier: r.int(0, 2) } : {}),
      deposit: [...cards, ...wallet, ...(bank.length && r.chance(0.5) ? bank : [])],
      withdraw: [...wallet, ...bank].length ? [...wallet, ...bank] : [cards[0]!],
      vpn: r.chance(0.04) ? r.float() * 0.5 : 0,
    };
  }

  /** Registration: mailbox, phone (most give one), the address typed in `style`. */
  register(p: Player, kit: Kit, opts: { email?: string; phone?: string | null; address?: string } = {}) {
    const { w } = this;
    const at = p.createdAt;
    this.kits.set(p.index, kit);
    w.link(p, 'email', opts.email ?? this.ids.email(p), at);
    const phone = opts.phone === undefined ? (w.rng.chance(0.88) ? this.ids.phone(p.region) : null) : opts.phone;
    if (phone) w.link(p, 'phone', phone, at + w.between(0, 10 * 60_000));
    w.link(p, 'address', opts.address ?? formatAddress(kit.home.address, w.rng.chance(0.15) ? 'long' : 'plain'), at);
    this.session(p, kit, at, w.rng.chance(0.7) ? kit.phone : (kit.desktop ?? kit.phone));
  }

  /** The IP a player's session comes from at `t` on `device`. */
  ipAt(p: Player, kit: Kit, t: number, device: Device): string {
    const { w } = this;
    if (kit.vpn > 0 && w.rng.chance(kit.vpn)) return w.rng.pick(this.pools.vpnExits);
    if (device === kit.phone && kit.carrier !== undefined && w.rng.chance(0.55))
      return w.rng.pick(this.pools.carriers[p.region.country][kit.carrier]!);
    if (kit.home.v6 && w.rng.chance(0.3)) return this.ids.ipv6(kit.home.v6);
    return leaseAt(kit.home, t);
  }

  /** One login: a device and an IP sighting. */
  session(p: Player, kit: Kit, t: number, device?: Device) {
    const d = device ?? (kit.desktop && this.w.rng.chance(0.3) ? kit.desktop : kit.phone);
    this.w.device(p, d, t);
    this.w.link(p, 'ip', this.ipAt(p, kit, t, d), t + 1000);
  }

  /** `count` sessions in [from, to), about a third with a deposit and a few with a withdrawal. */
  activity(p: Player, kit: Kit, count: number, from = p.createdAt, to = WINDOW_END - HOUR) {
    const { w } = this;
    for (const t of w.times(count, from, to)) {
      this.session(p, kit, t);
      if (w.rng.chance(0.35)) w.instrument(p, w.rng.pick(kit.deposit), t + 2 * 60_000);
      if (w.rng.chance(0.08)) w.instrument(p, w.rng.pick(kit.withdraw), t + w.between(HOUR, 3 * DAY));
    }
  }

  /** A typical number of sessions over the player's life: most are casual, a few bet every week. */
  sessionCount(): number {
    const r = this.w.rng;
    return r.weighted([
      [r.int(1, 4), 45],
      [r.int(4, 12), 38],
      [r.int(12, 30), 14],
      [r.int(30, 60), 3],
    ] as const);
  }

  /** A whole ordinary player: registration, first deposit, then sessions; returns the kit for scenarios to extend. */
  ordinary(p: Player, opts: { home?: Home; sessions?: number; email?: string; address?: string } = {}): Kit {
    const kit = this.kit(p, opts.home);
    this.register(p, kit, {
      ...(opts.email ? { email: opts.email } : {}),
      ...(opts.address ? { address: opts.address } : {}),
    });
    this.w.instrument(p, kit.deposit[0]!, p.createdAt + this.w.between(60_000, 2 * DAY));
    this.activity(p, kit, opts.sessions ?? this.sessionCount());
    return kit;
  }
}

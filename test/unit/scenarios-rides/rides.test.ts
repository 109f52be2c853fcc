import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectEvalReads,
  expectPlantedGroups,
  expectReproducible,
  expectScenarioRows,
  expectTimelyRows,
  linkKey,
  readGenerated,
  sharedWithin as shared,
  type Generated,
} from '../../support/generated-files.ts';
import { INSTRUMENT_TOKEN } from '../../../server/scenarios-rides/ids.ts';
import {
  CONFOUNDER_KINDS,
  generateRides,
  RIDES_SIZES,
  RIDES_TYPOLOGIES,
  type RidesSummary,
  type RidesTruth,
} from '../../../server/scenarios-rides/rides.ts';

const ACCOUNTS = 3000;
const FILES = ['accounts.csv', 'links.csv', 'payments.csv', 'ground-truth.json'];
const DAY = 86_400_000;
/** A harness limit, not a speed requirement: 3000 accounts take seconds to write and read, longer on a busy machine. */
const TIMEOUT = 180_000;

const generate = async (seed: number) => {
  const dir = await mkdtemp(join(tmpdir(), `ringlens-rides-${seed}-`));
  const summary = await generateRides({ seed, accounts: ACCOUNTS, outDir: dir });
  return { dir, summary };
};

describe('rides scenario generator', () => {
  let dir: string;
  let summary: RidesSummary;
  let truth: RidesTruth;
  let data: Generated;
  const groupsOf = (typology: string) => truth.groups.filter((g) => g.typology === typology);
  const sharedWithin = (members: readonly string[], kinds: readonly string[]) => shared(data, members, kinds);
  const paymentsWithin = (members: readonly string[]) => {
    const set = new Set(members);
    return data.payments.filter((p) => set.has(p.payer) && set.has(p.payee));
  };
  const account = (id: string) => data.accounts.find((a) => a.id === id)!;
  const ofType = (members: readonly string[], type: string) => members.filter((m) => account(m).type === type);

  beforeAll(async () => {
    ({ dir, summary } = await generate(31));
    truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as RidesTruth;
    data = await readGenerated(dir);
  }, TIMEOUT);

  it(
    'is deterministic: the same seed gives byte-identical files, another seed different ones',
    () => expectReproducible(dir, async (seed) => (await generate(seed)).dir, 31, 32, FILES),
    TIMEOUT,
  );

  it('writes exactly the accounts asked for, only rows the loader accepts, in the window, and never a card number', async () => {
    await expectScenarioRows(dir, data, summary, ACCOUNTS, INSTRUMENT_TOKEN);
    expectTimelyRows(data, truth.window);
    const end = Date.parse(truth.window[1]);
    for (const l of data.links) expect(Date.parse(l.seen_at)).toBeLessThan(end);
    // Money stays in one city's currency: both sides in one country, USD in the US and Puerto Rico, CAD in Canada.
    const country = new Map(data.accounts.map((a) => [a.id, a.country]));
    for (const p of data.payments) {
      expect(country.get(p.payer)).toBe(country.get(p.payee));
      expect(p.currency).toBe(country.get(p.payer) === 'CA' ? 'CAD' : 'USD');
    }
    // Every kind of account and identifier appears; ids are handed out in sign-up order.
    expect(new Set(data.accounts.map((a) => a.type))).toEqual(
      new Set(['rider', 'driver', 'courier', 'merchant', 'business', 'fleet']),
    );
    expect(new Set(data.links.map((l) => l.kind))).toEqual(
      new Set(['device', 'payment', 'ip', 'email', 'phone', 'address']),
    );
    const created = data.accounts.map((a) => Date.parse(a.created_at!));
    expect(created).toEqual([...created].sort((x, y) => x - y));
  });

  it('stops seeing an account when its life ends, and no status or label is only fraud’s', () => {
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    const last = new Map<string, number>();
    for (const l of data.links) last.set(l.account_id, Math.max(last.get(l.account_id) ?? 0, Date.parse(l.seen_at)));
    for (const p of data.payments)
      for (const a of [p.payer, p.payee]) last.set(a, Math.max(last.get(a) ?? 0, Date.parse(p.at)));
    // Banned and closed accounts went quiet well before the end of the window, on both sides.
    for (const a of data.accounts.filter((x) => x.status === 'banned'))
      expect(last.get(a.id)!, a.id).toBeLessThan(Date.parse(truth.window[1]) - DAY);
    const statuses = (fraud: boolean) =>
      new Set(data.accounts.filter((a) => planted.has(a.id) === fraud).map((a) => `${a.type} ${a.status} ${a.label}`));
    const honest = statuses(false);
    for (const s of statuses(true)) expect(honest.has(s), s).toBe(true);
    expect(data.accounts.filter((a) => !planted.has(a.id) && a.label === 'known_fraud').length).toBeGreaterThan(0);
  });

  it('refuses sizes outside its range before writing anything', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ringlens-rides-range-'));
    await expect(generateRides({ seed: 1, accounts: 999, outDir: out })).rejects.toThrow(RangeError);
    await expect(generateRides({ seed: 1, accounts: 200_001, outDir: out })).rejects.toThrow(RangeError);
  });

  it('plants at least three groups of every typology, within their sizes, on accounts that exist', () => {
    expectPlantedGroups(truth, RIDES_SIZES, data.accounts, 0.2);
    expect(RIDES_TYPOLOGIES.length).toBeGreaterThanOrEqual(8);
    for (const t of RIDES_TYPOLOGIES) expect(summary.groups[t], t).toBe(groupsOf(t).length);
    expect(summary.fraudAccounts).toBe(truth.groups.flatMap((g) => g.members).length);
    const members = truth.groups.flatMap((g) => g.members);
    const known = truth.groups.flatMap((g) => g.known_fraud).length;
    expect(known).toBeGreaterThan(0);
    expect(known).toBeLessThan(members.length / 4);
    expect(truth.groups.some((g) => g.kind === 'pair')).toBe(true);
    const variants = new Set(truth.groups.map((g) => `${g.typology} ${JSON.stringify(g.variant)}`));
    expect(variants.size).toBeGreaterThan(truth.groups.length * 0.6);
  });

  it('ghost trips: fake riders pay the colluding driver again and again, tied by what the method leaves', () => {
    for (const g of groupsOf('ghost_trips')) {
      const drivers = ofType(g.members, 'driver');
      expect(drivers.length, g.id).toBe(Number(g.variant.drivers));
      for (const rider of ofType(g.members, 'rider')) {
        const trips = data.payments.filter((p) => p.payer === rider && drivers.includes(p.payee));
        expect(trips.length, `${g.id} ${rider}`).toBeGreaterThanOrEqual(3);
      }
      const kind = { second_phone: 'device', gps_spoofing_app: 'ip', promo_riders: 'payment' }[g.variant.method!]!;
      // With a single fake rider a second phone or a prepaid card is used once; the money still ties the pair.
      if (ofType(g.members, 'rider').length >= 2 || g.variant.method === 'gps_spoofing_app')
        expect(sharedWithin(g.members, [kind]).length, g.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('rented driver accounts share the renters’ phones; broker payouts share one bank account', () => {
    for (const g of groupsOf('account_renting')) {
      expect(ofType(g.members, 'driver')).toHaveLength(g.members.length);
      if (g.members.length === 2) expect(sharedWithin(g.members, ['device']).length, g.id).toBeGreaterThanOrEqual(1);
      if (g.variant.payout === 'broker_bank')
        expect(sharedWithin(g.members, ['payment']).length, g.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('referral farms: recruits meet on one mailbox, handset or proxy as their variant says', () => {
    for (const g of groupsOf('referral_farm')) {
      const recruits = g.members.slice(1);
      if (g.variant.mail !== 'fresh_mailboxes') {
        const mailboxes = sharedWithin(recruits, ['email']);
        expect(mailboxes, g.id).toHaveLength(1);
        // Every recruit's raw address is spelt differently but normalises to the one mailbox.
        const holders = data.holders.get(mailboxes[0]!)!;
        for (const m of recruits) expect(holders.has(m), `${g.id} ${m}`).toBe(true);
      } else expect(sharedWithin(recruits, ['email']), g.id).toEqual([]);
      const kind = g.variant.devices === 'reset_phones' ? 'device' : 'ip';
      expect(sharedWithin(recruits, [kind]).length, g.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('courier farms and stolen-card crews share payout banks, proxies, cards and drop addresses', () => {
    for (const g of groupsOf('courier_farm')) {
      expect(ofType(g.members, 'courier')).toHaveLength(g.members.length);
      expect(sharedWithin(g.members, ['payment']).length, g.id).toBeGreaterThanOrEqual(1);
      expect(sharedWithin(g.members, ['ip']).length, g.id).toBeGreaterThanOrEqual(1);
      if (g.variant.housing === 'one_house') expect(sharedWithin(g.members, ['address']), g.id).toHaveLength(1);
      // The house written four ways at most (`#4`, `Unit 4`, `Apt. 4`, `Apartment 4`), never as first written.
      if (g.variant.housing === 'unit_variants') expect(sharedWithin(g.members, ['address']).length).toBeLessThan(5);
    }
    for (const g of groupsOf('stolen_card_orders')) {
      expect(sharedWithin(g.members, ['address']).length, g.id).toBeGreaterThanOrEqual(1);
      if (Number(g.variant.phones) < g.members.length)
        expect(sharedWithin(g.members, ['device']).length, g.id).toBeGreaterThanOrEqual(1);
      const cards = data.links.filter((l) => g.members.includes(l.account_id) && l.kind === 'payment');
      if (g.variant.cards === 'foreign') for (const c of cards) expect(['US', 'CA']).not.toContain(c.issuer_country);
    }
  });

  it('restaurants order from themselves through accounts on their tablet or Wi-Fi', () => {
    for (const g of groupsOf('merchant_fake_orders')) {
      const [merchant] = ofType(g.members, 'merchant');
      expect(merchant, g.id).toBeDefined();
      for (const eater of ofType(g.members, 'rider'))
        expect(data.payments.filter((p) => p.payer === eater && p.payee === merchant).length).toBeGreaterThanOrEqual(5);
      const kind = g.variant.via === 'tablet' ? 'device' : 'ip';
      expect(sharedWithin(g.members, [kind]).length, g.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('banned drivers come back later under a new mailbox, betrayed by what the variant names', () => {
    const kinds: Record<string, string> = {
      payout_bank: 'payment',
      phone_number: 'phone',
      handset: 'device',
      'address_variant+home_ip': 'ip',
      same_home: 'address',
    };
    for (const g of groupsOf('banned_driver_return')) {
      const [first, ...back] = [...g.members].sort(
        (x, y) => Date.parse(account(x).created_at!) - Date.parse(account(y).created_at!),
      );
      expect(['banned', 'deactivated_low_rating'], g.id).toContain(account(first!).status);
      const firstSeen = data.links.filter((l) => l.account_id === first).map((l) => Date.parse(l.seen_at));
      for (const b of back) {
        expect(Date.parse(account(b).created_at!), g.id).toBeGreaterThan(Math.max(...firstSeen));
        expect(sharedWithin([first!, b], [kinds[g.variant.via!]!]).length, `${g.id} ${b}`).toBeGreaterThanOrEqual(1);
        expect(sharedWithin([first!, b], ['email']), g.id).toEqual([]);
        if (g.variant.via === 'address_variant+home_ip') expect(sharedWithin([first!, b], ['address'])).toEqual([]);
      }
    }
  });

  it('launderers tip big; rating rings ride with each other, never with themselves', () => {
    for (const g of groupsOf('tip_laundering')) {
      const inside = paymentsWithin(g.members);
      const tips = inside.filter((p) => p.id!.startsWith('tip_'));
      expect(tips.length, g.id).toBeGreaterThan(0);
      expect(tips.reduce((s, p) => s + p.amount, 0) / tips.length, g.id).toBeGreaterThan(25);
    }
    for (const g of groupsOf('rating_manipulation')) {
      const drivers = ofType(g.members, 'driver');
      for (const alt of ofType(g.members, 'rider')) {
        const owner = drivers.find((d) => sharedWithin([d, alt], ['device']).length > 0);
        expect(owner, `${g.id} ${alt}`).toBeDefined();
        const rides = paymentsWithin(g.members).filter((p) => p.payer === alt);
        expect(rides.length, g.id).toBeGreaterThanOrEqual(3);
        expect(
          rides.filter((p) => p.payee === owner),
          g.id,
        ).toEqual([]);
      }
    }
  });

  it('account takeovers hit long-standing riders from the crew’s own phones', () => {
    for (const g of groupsOf('account_takeover')) {
      const victims = ofType(g.members, 'rider');
      expect(victims.length, g.id).toBeGreaterThanOrEqual(2);
      const crew = sharedWithin(victims, ['device']);
      expect(crew.length, g.id).toBeGreaterThanOrEqual(1);
      for (const v of victims) {
        const firstCrew = data.links
          .filter((l) => l.account_id === v && crew.includes(`device:${l.key}`))
          .map((l) => Date.parse(l.seen_at));
        if (firstCrew.length > 0)
          expect(Math.min(...firstCrew) - Date.parse(account(v).created_at!), `${g.id} ${v}`).toBeGreaterThan(30 * DAY);
      }
      expect(
        g.known_fraud.filter((m) => victims.includes(m)),
        g.id,
      ).toEqual([]);
    }
  });

  it('promo multi-accounts share what their variant names', () => {
    const kinds: Record<string, string> = {
      same_handset: 'device',
      same_card: 'payment',
      'address_variant+home_ip': 'ip',
      gmail_dots: 'email',
    };
    for (const g of groupsOf('promo_multi_account'))
      expect(sharedWithin(g.members, [kinds[g.variant.via!]!]).length, g.id).toBeGreaterThanOrEqual(1);
  });

  it('lists every kind of benign look-alike, with honest members only, holding the values it names', () => {
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    const kinds = new Set(truth.confounders.map((c) => c.kind));
    expect(CONFOUNDER_KINDS.length).toBeGreaterThanOrEqual(12);
    for (const k of CONFOUNDER_KINDS) expect(kinds.has(k), k).toBe(true);
    for (const c of truth.confounders) {
      expect(c.members.length, c.id).toBeGreaterThanOrEqual(2);
      expect(
        c.members.filter((m) => planted.has(m)),
        c.id,
      ).toEqual([]);
      for (const v of c.values) {
        const holders = [...(data.holders.get(linkKey(v.kind, v.value)) ?? [])];
        expect(holders.length, `${c.id} ${v.value}`).toBeGreaterThanOrEqual(c.values.length === 1 ? 2 : 1);
        if (c.values.length === 1 && ['ip', 'device', 'payment'].includes(v.kind) && !c.kind.startsWith('household'))
          expect(holders.filter((u) => !planted.has(u)).sort(), c.id).toEqual([...c.members].sort());
      }
    }
    const sizes = (kind: string) => truth.confounders.filter((c) => c.kind === kind).map((c) => c.members.length);
    expect(Math.max(...sizes('carrier_nat'))).toBeGreaterThanOrEqual(20);
    expect(sizes('household').length).toBeGreaterThan(ACCOUNTS / 50);
    // Fleets pay their drivers, commuters pay their driver, friends pay each other back.
    for (const c of truth.confounders.filter((x) => ['fleet_operator', 'regular_commuter'].includes(x.kind)))
      expect(paymentsWithin(c.members).length, c.id).toBeGreaterThanOrEqual(2);
    const xfers = truth.confounders
      .filter((x) => x.kind === 'friends_splitting_fares')
      .flatMap((c) => paymentsWithin(c.members));
    expect(xfers.length).toBeGreaterThan(0);
    // A household member with a chargeback is labelled known fraud although the household is honest.
    for (const c of truth.confounders.filter((x) => x.kind === 'household_with_chargeback'))
      expect(
        c.members.filter((m) => account(m).label === 'known_fraud'),
        c.id,
      ).toHaveLength(1);
  });

  it('is read by npm run eval as the rides generator', () => {
    const perfect = expectEvalReads(truth, 'rides');
    for (const t of RIDES_TYPOLOGIES) expect(perfect.perTypology[t]!.found, t).toBe(groupsOf(t).length);
  });
});

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
import { INSTRUMENT_TOKEN } from '../../../server/scenarios-stays/ids.ts';
import {
  CONFOUNDER_KINDS,
  generateStays,
  STAYS_SIZES,
  STAYS_TYPOLOGIES,
  type StaysSummary,
  type StaysTruth,
} from '../../../server/scenarios-stays/stays.ts';

const ACCOUNTS = 3000;
const FILES = ['accounts.csv', 'links.csv', 'payments.csv', 'ground-truth.json'];
const DAY = 86_400_000;
/** A harness limit, not a speed requirement: 3000 accounts take seconds to write and read, longer on a busy machine. */
const TIMEOUT = 180_000;

const generate = async (seed: number) => {
  const dir = await mkdtemp(join(tmpdir(), `ringlens-stays-${seed}-`));
  const summary = await generateStays({ seed, accounts: ACCOUNTS, outDir: dir });
  return { dir, summary };
};

describe('stays scenario generator', () => {
  let dir: string;
  let summary: StaysSummary;
  let truth: StaysTruth;
  let data: Generated;
  const groupsOf = (typology: string) => truth.groups.filter((g) => g.typology === typology);
  const sharedWithin = (members: readonly string[], kinds: readonly string[]) => shared(data, members, kinds);
  const paymentsWithin = (members: readonly string[]) => {
    const set = new Set(members);
    return data.payments.filter((p) => set.has(p.payer) && set.has(p.payee));
  };
  let byId: Map<string, Generated['accounts'][number]>;
  const account = (id: string) => byId.get(id)!;
  const ofType = (members: readonly string[], type: string) => members.filter((m) => account(m).type === type);
  const created = (id: string) => Date.parse(account(id).created_at!);

  beforeAll(async () => {
    ({ dir, summary } = await generate(41));
    truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as StaysTruth;
    data = await readGenerated(dir);
    byId = new Map(data.accounts.map((a) => [a.id, a]));
  }, TIMEOUT);

  it(
    'is deterministic: the same seed gives byte-identical files, another seed different ones',
    () => expectReproducible(dir, async (seed) => (await generate(seed)).dir, 41, 42, FILES),
    TIMEOUT,
  );

  it('writes exactly the accounts asked for, only rows the loader accepts, in the window, and never a card number', async () => {
    await expectScenarioRows(dir, data, summary, ACCOUNTS, INSTRUMENT_TOKEN);
    expectTimelyRows(data, truth.window);
    const end = Date.parse(truth.window[1]);
    for (const l of data.links) expect(Date.parse(l.seen_at)).toBeLessThan(end);
    for (const p of data.payments) expect(['USD', 'CAD', 'BSD', 'JMD', 'DOP', 'GBP']).toContain(p.currency);
    expect(new Set(data.accounts.map((a) => a.type))).toEqual(
      new Set(['guest', 'host', 'business', 'agency', 'cohost']),
    );
    expect(new Set(data.links.map((l) => l.kind))).toEqual(
      new Set(['device', 'payment', 'ip', 'email', 'phone', 'address']),
    );
    expect(new Set(data.accounts.map((a) => a.country)).size).toBeGreaterThanOrEqual(7);
    const times = data.accounts.map((a) => Date.parse(a.created_at!));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    // Every booking, refund, co-host fee and transfer (split bills, mules) is there, named by its id.
    expect(new Set(data.payments.map((p) => p.id!.split('_')[0]))).toEqual(new Set(['bk', 'rf', 'svc', 'xfer']));
  });

  it('stops seeing an account when its life ends, and no type, status and label is only fraud’s', () => {
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    const last = new Map<string, number>();
    for (const l of data.links) last.set(l.account_id, Math.max(last.get(l.account_id) ?? 0, Date.parse(l.seen_at)));
    for (const p of data.payments)
      for (const a of [p.payer, p.payee]) last.set(a, Math.max(last.get(a) ?? 0, Date.parse(p.at)));
    for (const a of data.accounts.filter((x) => x.status === 'banned'))
      expect(last.get(a.id)!, a.id).toBeLessThan(Date.parse(truth.window[1]) - DAY);
    const statuses = (fraud: boolean) =>
      new Set(data.accounts.filter((a) => planted.has(a.id) === fraud).map((a) => `${a.type} ${a.status} ${a.label}`));
    const honest = statuses(false);
    for (const s of statuses(true)) expect(honest.has(s), s).toBe(true);
    expect(data.accounts.filter((a) => !planted.has(a.id) && a.label === 'known_fraud').length).toBeGreaterThan(0);
  });

  it('refuses sizes outside its range before writing anything', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ringlens-stays-range-'));
    await expect(generateStays({ seed: 1, accounts: 999, outDir: out })).rejects.toThrow(RangeError);
    await expect(generateStays({ seed: 1, accounts: 200_001, outDir: out })).rejects.toThrow(RangeError);
  });

  it('plants at least three groups of every typology, within their sizes, on about 5–10 % of the accounts', () => {
    expectPlantedGroups(truth, STAYS_SIZES, data.accounts, 0.12);
    expect(STAYS_TYPOLOGIES.length).toBeGreaterThanOrEqual(8);
    for (const t of STAYS_TYPOLOGIES) expect(summary.groups[t], t).toBe(groupsOf(t).length);
    const members = truth.groups.flatMap((g) => g.members);
    expect(summary.fraudAccounts).toBe(members.length);
    expect(members.length / ACCOUNTS).toBeGreaterThan(0.04);
    const known = truth.groups.flatMap((g) => g.known_fraud).length;
    expect(known).toBeGreaterThan(0);
    expect(known).toBeLessThan(members.length / 3);
    expect(truth.groups.some((g) => g.kind === 'pair')).toBe(true);
    const variants = new Set(truth.groups.map((g) => `${g.typology} ${JSON.stringify(g.variant)}`));
    expect(variants.size).toBeGreaterThan(truth.groups.length * 0.4);
  });

  it('fake-listing rings: host accounts under rotating names sharing the actor’s device or payout account', () => {
    for (const g of groupsOf('fake_listing_ring')) {
      expect(ofType(g.members, 'host'), g.id).toHaveLength(g.members.length);
      if (g.variant.share!.includes('device'))
        expect(sharedWithin(g.members, ['device']).length, g.id).toBeGreaterThanOrEqual(1);
      if (g.variant.share!.includes('bank'))
        expect(sharedWithin(g.members, ['payment']).length, g.id).toBeGreaterThanOrEqual(1);
      if (g.variant.emails === 'templated') {
        const mails = data.links.filter((l) => g.members.includes(l.account_id) && l.kind === 'email');
        expect(
          mails.some((l) => /[a-z]0[1-9]@/.test(l.key)),
          g.id,
        ).toBe(true);
      }
    }
    // Guests paid for stays at listings that were not there (a ring caught early may never have been booked).
    const booked = groupsOf('fake_listing_ring').filter((g) => data.payments.some((p) => g.members.includes(p.payee)));
    expect(booked.length).toBeGreaterThanOrEqual(groupsOf('fake_listing_ring').length / 2);
  });

  it('stolen-card crews: guests behind a proxy on drop phones, paying with cards some of them share', () => {
    for (const g of groupsOf('stolen_card_ring')) {
      expect(ofType(g.members, 'guest'), g.id).toHaveLength(g.members.length);
      expect(sharedWithin(g.members, ['ip']).length, g.id).toBeGreaterThanOrEqual(1);
      if (Number(g.variant.phones) < g.members.length)
        expect(sharedWithin(g.members, ['device']).length, g.id).toBeGreaterThanOrEqual(1);
      const cards = data.links.filter((l) => g.members.includes(l.account_id) && l.kind === 'payment');
      if (g.variant.cards === 'far')
        for (const c of cards) expect(['BR', 'DE', 'NG', 'IN', 'FR']).toContain(c.issuer_country);
      expect(data.payments.filter((p) => g.members.includes(p.payer)).length, g.id).toBeGreaterThan(0);
    }
  });

  it('review rings: guest accounts book the colluding host again and again, tied as the variant says', () => {
    for (const g of groupsOf('review_boost_ring')) {
      const hosts = ofType(g.members, 'host');
      expect(hosts.length, g.id).toBe(Number(g.variant.hosts));
      for (const guest of ofType(g.members, 'guest')) {
        const stays = data.payments.filter((p) => p.payer === guest && hosts.includes(p.payee));
        expect(stays.length, `${g.id} ${guest}`).toBeGreaterThanOrEqual(3);
      }
      if (g.variant.link === 'host_devices')
        expect(sharedWithin(g.members, ['device']).length, g.id).toBeGreaterThan(0);
      if (g.variant.link === 'host_wifi') expect(sharedWithin(g.members, ['ip']).length, g.id).toBeGreaterThan(0);
      if (g.variant.repay === 'yes')
        expect(paymentsWithin(g.members).filter((p) => hosts.includes(p.payer)).length, g.id).toBeGreaterThan(0);
    }
  });

  it('resellers book real listings from one desk with card after card, and cash out through their own listing', () => {
    for (const g of groupsOf('triangulation')) {
      expect(ofType(g.members, 'host'), g.id).toHaveLength(1);
      expect(sharedWithin(g.members, ['device']).length, g.id).toBeGreaterThanOrEqual(1);
      const cards = (m: string) =>
        new Set(
          data.linksOf
            .get(m)!
            .filter((l) => l.kind === 'payment')
            .map((l) => l.key),
        );
      const busy = ofType(g.members, 'guest').filter((m) => cards(m).size >= 3);
      expect(busy.length, g.id).toBeGreaterThan(0);
    }
  });

  it('takeovers: the crew’s phone and mule payout account show up on established hosts, none of them labelled', () => {
    for (const g of groupsOf('host_takeover')) {
      expect(ofType(g.members, 'host'), g.id).toHaveLength(g.members.length);
      const crew = sharedWithin(g.members, ['device']);
      expect(crew.length, g.id).toBeGreaterThanOrEqual(1);
      expect(sharedWithin(g.members, ['payment']).length, g.id).toBeGreaterThanOrEqual(1);
      for (const v of g.members) {
        const first = data.links
          .filter((l) => l.account_id === v && crew.includes(`device:${l.key}`))
          .map((l) => Date.parse(l.seen_at));
        if (first.length > 0) expect(Math.min(...first) - created(v), `${g.id} ${v}`).toBeGreaterThan(30 * DAY);
      }
      expect(g.known_fraud, g.id).toEqual([]);
    }
  });

  it('mule chains: every member passes money on to another', () => {
    for (const g of groupsOf('payout_mule_chain')) {
      const inside = paymentsWithin(g.members);
      for (const m of g.members)
        expect(
          inside.some((p) => p.payer === m || p.payee === m),
          `${g.id} ${m}`,
        ).toBe(true);
      expect(
        inside.every((p) => p.id!.startsWith('xfer_')),
        g.id,
      ).toBe(true);
    }
  });

  it('banned hosts come back later under a new mailbox, betrayed by what the variant names', () => {
    const kinds: Record<string, string> = {
      payout_bank: 'payment',
      phone: 'phone',
      device: 'device',
      listing_address: 'address',
      'address_variant+wifi': 'ip',
    };
    for (const g of groupsOf('banned_host_return')) {
      const [first, back] = [...g.members].sort((x, y) => created(x) - created(y));
      expect(account(first!).status, g.id).toBe('banned');
      const seen = data.links.filter((l) => l.account_id === first).map((l) => Date.parse(l.seen_at));
      expect(created(back!), g.id).toBeGreaterThan(Math.max(...seen));
      expect(sharedWithin([first!, back!], [kinds[g.variant.via!]!]).length, g.id).toBeGreaterThanOrEqual(1);
      expect(sharedWithin([first!, back!], ['email']), g.id).toEqual([]);
    }
  });

  it('promo duplicates share what their variant names', () => {
    const kinds: Record<string, string> = {
      device: 'device',
      card: 'payment',
      gmail_dots: 'email',
      'home_ip+address_variant': 'ip',
    };
    for (const g of groupsOf('promo_duplicate'))
      expect(sharedWithin(g.members, [kinds[g.variant.via!]!]).length, g.id).toBeGreaterThanOrEqual(1);
  });

  it('lists every kind of benign look-alike, with honest members only, holding the values it names', () => {
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    const kinds = new Set(truth.confounders.map((c) => c.kind));
    expect(CONFOUNDER_KINDS.length).toBeGreaterThanOrEqual(15);
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
        if (c.values.length === 1 && ['ip', 'device', 'payment'].includes(v.kind))
          expect(holders.filter((u) => !planted.has(u)).sort(), c.id).toEqual([...c.members].sort());
      }
    }
    const sizes = (kind: string) => truth.confounders.filter((c) => c.kind === kind).map((c) => c.members.length);
    expect(Math.max(...sizes('carrier_nat'))).toBeGreaterThanOrEqual(15);
    expect(sizes('household').length).toBeGreaterThan(ACCOUNTS / 60);
  });

  it('organisations look like rings: one office, one card, batches of sign-ups, staff phones on many accounts', () => {
    for (const c of truth.confounders.filter((x) => x.kind === 'property_manager')) {
      expect(ofType(c.members, 'host'), c.id).toHaveLength(c.members.length);
      expect(sharedWithin(c.members, ['ip']).length, c.id).toBeGreaterThanOrEqual(1);
      expect(sharedWithin(c.members, ['device']).length, c.id).toBeGreaterThanOrEqual(1);
      const times = c.members.map(created).sort((x, y) => x - y);
      expect(
        times.some((t, i) => i > 0 && t - times[i - 1]! < DAY),
        c.id,
      ).toBe(true);
      const domains = new Set(
        data.links
          .filter((l) => c.members.includes(l.account_id) && l.kind === 'email')
          .map((l) => l.key.split('@')[1]),
      );
      expect(domains.size, c.id).toBe(1);
    }
    for (const c of truth.confounders.filter((x) => x.kind === 'corporate_travel')) {
      expect(sharedWithin(c.members, ['payment']).length, c.id).toBeGreaterThanOrEqual(1);
      const [desk] = ofType(c.members, 'business');
      expect(
        data.payments.some((p) => p.payer === desk),
        c.id,
      ).toBe(true);
    }
    for (const c of truth.confounders.filter((x) => x.kind === 'travel_agency')) {
      expect(ofType(c.members, 'agency'), c.id).toHaveLength(1);
      expect(sharedWithin(c.members, ['payment', 'ip']).length, c.id).toBeGreaterThanOrEqual(2);
    }
    for (const c of truth.confounders.filter((x) => x.kind === 'cohost_service')) {
      const [service] = ofType(c.members, 'cohost');
      expect(sharedWithin(ofType(c.members, 'host'), ['device']).length, c.id).toBeGreaterThanOrEqual(1);
      expect(paymentsWithin(c.members).filter((p) => p.payee === service).length, c.id).toBeGreaterThan(0);
    }
    const splits = truth.confounders
      .filter((x) => x.kind === 'friends_splitting')
      .flatMap((c) => paymentsWithin(c.members));
    expect(splits.length).toBeGreaterThan(0);
    for (const c of truth.confounders.filter((x) => x.kind === 'household_with_chargeback'))
      expect(
        c.members.filter((m) => account(m).label === 'known_fraud'),
        c.id,
      ).toHaveLength(1);
  });

  it('is read by npm run eval as the stays generator', () => {
    const perfect = expectEvalReads(truth, 'stays');
    for (const t of STAYS_TYPOLOGIES) expect(perfect.perTypology[t]!.found, t).toBe(groupsOf(t).length);
  });
});

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
import { INSTRUMENT_TOKEN } from '../../../server/scenarios-sportsbook/ids.ts';
import {
  generateSportsbook,
  SPORTSBOOK_SIZES,
  SPORTSBOOK_TYPOLOGIES,
  type SportsbookSummary,
  type SportsbookTruth,
} from '../../../server/scenarios-sportsbook/sportsbook.ts';

const ACCOUNTS = 3000;
const FILES = ['accounts.csv', 'links.csv', 'payments.csv', 'ground-truth.json'];
const DAY = 86_400_000;
const CONFOUNDER_KINDS = [
  'household',
  'household_with_chargeback',
  'flatmates',
  'family_card',
  'second_hand_phone',
  'recycled_home_ip',
  'friends_settling_up',
  'tipster_followers',
  'poker_staking',
  'home_game_club',
  'high_stakes_regulars',
  'sports_bar_wifi',
  'stadium_wifi',
  'betting_shop_terminal',
  'office_network',
  'student_halls',
  'placeholder',
  'ewallet_aggregator',
  'generic_fingerprint',
  'commercial_vpn',
  'carrier_nat',
];
/** A harness limit, not a speed requirement: 3000 accounts take seconds to write and read, longer on a busy machine. */
const TIMEOUT = 180_000;

const generate = async (seed: number) => {
  const dir = await mkdtemp(join(tmpdir(), `ringlens-sportsbook-${seed}-`));
  const summary = await generateSportsbook({ seed, accounts: ACCOUNTS, outDir: dir });
  return { dir, summary };
};

describe('sportsbook scenario generator', () => {
  let dir: string;
  let summary: SportsbookSummary;
  let truth: SportsbookTruth;
  let data: Generated;
  const groupsOf = (typology: string) => truth.groups.filter((g) => g.typology === typology);
  const sharedWithin = (members: readonly string[], kinds: readonly string[]) => shared(data, members, kinds);
  const paymentsWithin = (members: readonly string[]) => {
    const set = new Set(members);
    return data.payments.filter((p) => set.has(p.payer) && set.has(p.payee));
  };

  beforeAll(async () => {
    ({ dir, summary } = await generate(21));
    truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as SportsbookTruth;
    data = await readGenerated(dir);
  }, TIMEOUT);

  it(
    'is deterministic: the same seed gives byte-identical files, another seed different ones',
    () => expectReproducible(dir, async (seed) => (await generate(seed)).dir, 21, 22, FILES),
    TIMEOUT,
  );

  it('writes exactly the accounts asked for, only rows the loader accepts, in the window, and never a card number', async () => {
    await expectScenarioRows(dir, data, summary, ACCOUNTS, INSTRUMENT_TOKEN);
    expectTimelyRows(data, truth.window);
    const end = Date.parse(truth.window[1]);
    for (const l of data.links) expect(Date.parse(l.seen_at)).toBeLessThan(end);
    // Poker is ring-fenced: money only moves between players of one country, in its currency.
    const country = new Map(data.accounts.map((a) => [a.id, a.country]));
    for (const p of data.payments) {
      expect(country.get(p.payer)).toBe(country.get(p.payee));
      expect(p.currency).toBe(country.get(p.payer) === 'CA' ? 'CAD' : 'USD');
    }
  });

  it('refuses sizes outside its range before writing anything', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ringlens-sportsbook-range-'));
    await expect(generateSportsbook({ seed: 1, accounts: 999, outDir: out })).rejects.toThrow(RangeError);
    await expect(generateSportsbook({ seed: 1, accounts: 200_001, outDir: out })).rejects.toThrow(RangeError);
  });

  it('plants at least three groups of every typology, within their sizes, on accounts that exist', () => {
    expectPlantedGroups(truth, SPORTSBOOK_SIZES, data.accounts, 0.2);
    for (const t of SPORTSBOOK_TYPOLOGIES) expect(summary.groups[t], t).toBe(groupsOf(t).length);
    expect(summary.fraudAccounts).toBe(truth.groups.flatMap((g) => g.members).length);
    const members = truth.groups.flatMap((g) => g.members);
    const known = truth.groups.flatMap((g) => g.known_fraud).length;
    expect(known).toBeGreaterThan(0);
    expect(known).toBeLessThan(members.length / 2);
    // Variants vary: most groups differ in method, timing, density or size from the others of their typology.
    const variants = new Set(truth.groups.map((g) => `${g.typology} ${JSON.stringify(g.variant)}`));
    expect(variants.size).toBeGreaterThan(truth.groups.length * 0.6);
  });

  it('bonus abusers open their accounts close together and cash out to a shared e-wallet', () => {
    for (const g of groupsOf('bonus_abuse')) {
      const shared = sharedWithin(g.members, ['payment']).filter((k) => k.startsWith('payment:ewt_'));
      expect(shared.length, g.id).toBeGreaterThanOrEqual(1);
      if (g.variant.method === 'gmail_dots') expect(sharedWithin(g.members, ['email']), g.id).toHaveLength(1);
      else expect(sharedWithin(g.members, ['email']), g.id).toEqual([]);
    }
  });

  it('brings excluded and banned players back later, sharing what the variant names and never the mailbox', () => {
    const acc = new Map(data.accounts.map((a) => [a.id, a]));
    const kinds: Record<string, string[]> = {
      device: ['device'],
      card: ['payment'],
      bank: ['payment'],
      phone: ['phone'],
      address: ['address'],
      'address_variant+home_ip': ['ip'],
      home_ip: ['ip'],
    };
    for (const g of groupsOf('re_registration')) {
      const [first, back] = [...g.members].sort(
        (x, y) => Date.parse(acc.get(x)!.created_at!) - Date.parse(acc.get(y)!.created_at!),
      );
      expect(acc.get(first!)!.status, g.id).toBe(g.variant.reason);
      expect(Date.parse(acc.get(back!)!.created_at!) - Date.parse(acc.get(first!)!.created_at!)).toBeGreaterThan(
        90 * DAY,
      );
      for (const kind of kinds[g.variant.via!]!)
        expect(sharedWithin([first!, back!], [kind]).length, `${g.id} ${kind}`).toBeGreaterThanOrEqual(1);
      expect(sharedWithin([first!, back!], ['email'])).toEqual([]);
      if (g.variant.via === 'address_variant+home_ip') expect(sharedWithin([first!, back!], ['address'])).toEqual([]);
    }
  });

  it('chip dumpers lose to one winner; colluders win from victims outside the case', () => {
    for (const g of groupsOf('chip_dumping')) {
      const inside = paymentsWithin(g.members);
      const winners = new Set(inside.map((p) => p.payee));
      expect(winners.size, g.id).toBe(1);
      expect(new Set(inside.map((p) => p.payer)).size, g.id).toBe(g.members.length - 1);
    }
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    for (const g of groupsOf('poker_collusion')) {
      expect(g.victims!.length, g.id).toBeGreaterThanOrEqual(2);
      for (const v of g.victims!) expect(planted.has(v), `${g.id} ${v}`).toBe(false);
      const team = new Set(g.members);
      const won = data.payments.filter((p) => team.has(p.payee) && g.victims!.includes(p.payer));
      const inside = paymentsWithin(g.members).reduce((s, p) => s + p.amount, 0);
      expect(
        won.reduce((s, p) => s + p.amount, 0),
        g.id,
      ).toBeGreaterThan(inside * 3);
    }
  });

  it('stolen-card rings share cards; laundering, rentals and syndicates share what their variant says', () => {
    for (const g of groupsOf('stolen_card_ring'))
      expect(sharedWithin(g.members, ['payment']).length, g.id).toBeGreaterThanOrEqual(1);
    for (const g of groupsOf('money_laundering')) {
      if (g.variant.method === 'p2p_layering') {
        // Player transfers all go to one collector (poker hands with strangers may seat two mules together).
        const transfers = paymentsWithin(g.members).filter((p) => p.id!.startsWith('p2p-'));
        expect(transfers.length, g.id).toBeGreaterThanOrEqual(g.members.length - 1);
        const payees = new Set(transfers.map((p) => p.payee));
        expect(payees.size, g.id).toBe(1);
      } else expect(sharedWithin(g.members, ['payment']).length, g.id).toBeGreaterThanOrEqual(1);
    }
    for (const g of groupsOf('account_rental')) {
      const ips = sharedWithin(g.members, ['ip']).filter((k) => k.startsWith('ip:198.19.'));
      expect(ips.length, g.id).toBeGreaterThanOrEqual(1);
    }
    for (const g of groupsOf('matched_betting_syndicate'))
      expect(sharedWithin(g.members, ['payment']).length, g.id).toBeGreaterThanOrEqual(1);
    for (const g of groupsOf('match_fixing_insiders')) {
      expect(sharedWithin(g.members, ['ip']).length, g.id).toBeGreaterThanOrEqual(1);
      expect(paymentsWithin(g.members), g.id).toEqual([]);
    }
  });

  it('lists every kind of benign look-alike, with honest members only, holding the values it names', () => {
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    const kinds = new Set(truth.confounders.map((c) => c.kind));
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
    expect(Math.max(...sizes('stadium_wifi'))).toBeGreaterThanOrEqual(20);
    // Households are many and mostly couples.
    expect(sizes('household').length).toBeGreaterThan(ACCOUNTS / 50);
    // Staking deals and home games move money between honest players.
    for (const c of truth.confounders.filter((x) => ['poker_staking', 'home_game_club'].includes(x.kind)))
      expect(paymentsWithin(c.members).length, c.id).toBeGreaterThanOrEqual(2);
  });

  it('is read by npm run eval as the sportsbook generator', () => {
    const perfect = expectEvalReads(truth, 'sportsbook');
    for (const t of SPORTSBOOK_TYPOLOGIES) expect(perfect.perTypology[t]!.found, t).toBe(groupsOf(t).length);
  });
});

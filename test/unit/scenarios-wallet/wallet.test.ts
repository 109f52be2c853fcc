import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectReproducible,
  expectEvalReads,
  expectPlantedGroups,
  expectScenarioRows,
  expectTimelyRows,
  identifierKeys,
  linkKey,
  readGenerated,
  sharedWithin as shared,
  type Generated,
} from '../../support/generated-files.ts';
import {
  generateWallet,
  WALLET_SIZES,
  WALLET_TYPOLOGIES,
  type WalletSummary,
  type WalletTruth,
} from '../../../server/scenarios-wallet/wallet.ts';

const ACCOUNTS = 3000;
const FILES = ['accounts.csv', 'links.csv', 'payments.csv', 'ground-truth.json'];
const DAY = 86_400_000;
const CONFOUNDER_KINDS = [
  'household',
  'roommates',
  'family_card',
  'employer',
  'landlord',
  'club_collector',
  'popular_payee',
  'carrier_nat',
  'public_wifi',
  'corporate_vpn',
  'privacy_vpn',
  'campus_network',
  'generic_fingerprint',
  'placeholder',
  'second_hand_device',
  'recycled_home_ip',
  'dorm_address',
  'household_with_chargeback',
  'personal_and_business',
  'joint_bank_account',
  'shop_device',
  'bill_split',
];
/** A harness limit, not a speed requirement: 3000 accounts take seconds to write and read, longer on a busy machine. */
const TIMEOUT = 180_000;

/** Generates the wallet of `seed` into a new temporary folder. */
const generate = async (seed: number) => {
  const dir = await mkdtemp(join(tmpdir(), `ringlens-wallet-${seed}-`));
  const written = await generateWallet({ seed, accounts: ACCOUNTS, outDir: dir });
  return { dir, summary: written };
};

describe('wallet scenario generator', () => {
  let dir: string;
  let summary: WalletSummary;
  let truth: WalletTruth;
  let data: Generated;
  const keysOf = (account: string, kind: string) => identifierKeys(data, account, kind);
  const groupsOf = (typology: string) => truth.groups.filter((g) => g.typology === typology);
  /** Identifier keys (`kind:key`) that at least two of `members` hold. */
  const sharedWithin = (members: readonly string[], kinds: readonly string[]) => shared(data, members, kinds);

  beforeAll(async () => {
    ({ dir, summary } = await generate(11));
    truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as WalletTruth;
    data = await readGenerated(dir);
  }, TIMEOUT);

  it(
    'is deterministic: the same seed gives byte-identical files, another seed different ones',
    () => expectReproducible(dir, async (seed) => (await generate(seed)).dir, 11, 12, FILES),
    TIMEOUT,
  );

  it('writes exactly the accounts asked for, only rows the loader accepts, in the window, and never a card number', async () => {
    await expectScenarioRows(dir, data, summary, ACCOUNTS, /^(cfp|ba)_[0-9a-f]{24}$/);
    expectTimelyRows(data, truth.window);
  });

  it('refuses sizes outside its range before writing anything', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ringlens-wallet-range-'));
    await expect(generateWallet({ seed: 1, accounts: 999, outDir: out })).rejects.toThrow(RangeError);
    await expect(generateWallet({ seed: 1, accounts: 200_001, outDir: out })).rejects.toThrow(RangeError);
  });

  it('plants at least three groups of every typology, within their sizes, on accounts that exist', () => {
    expectPlantedGroups(truth, WALLET_SIZES, data.accounts, 0.2);
    for (const t of WALLET_TYPOLOGIES) expect(summary.groups[t], t).toBe(groupsOf(t).length);
    const members = truth.groups.flatMap((g) => g.members);
    // Some, not all, planted accounts are confirmed fraud.
    const known = truth.groups.flatMap((g) => g.known_fraud).length;
    expect(known).toBeGreaterThan(0);
    expect(known).toBeLessThan(members.length / 2);
  });

  it('routes scam victims’ money through mules to collectors; victims are not in the case', () => {
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    for (const g of [...groupsOf('money_mule_network'), ...groupsOf('app_scam_collectors')]) {
      const members = new Set(g.members);
      expect(g.victims!.length, g.id).toBeGreaterThanOrEqual(2);
      for (const v of g.victims!) expect(planted.has(v), `${g.id} ${v}`).toBe(false);
      const fromVictims = data.payments.filter((p) => g.victims!.includes(p.payer) && members.has(p.payee));
      expect(fromVictims.length, g.id).toBeGreaterThanOrEqual(2);
      const inside = data.payments.filter((p) => members.has(p.payer) && members.has(p.payee));
      expect(inside.length, g.id).toBeGreaterThanOrEqual(1);
    }
    for (const g of groupsOf('money_mule_network')) {
      const members = new Set(g.members);
      const received = data.payments.filter((p) => g.victims!.includes(p.payer) && members.has(p.payee));
      const forwarded = data.payments.filter((p) => members.has(p.payer) && members.has(p.payee));
      const sum = (ps: typeof data.payments) => ps.reduce((s, p) => s + p.amount, 0);
      expect(sum(forwarded), g.id).toBeGreaterThan(sum(received) * 0.8);
    }
  });

  it('brings banned customers back later on the handset, card, number or home the variant names', () => {
    const acc = new Map(data.accounts.map((a) => [a.id, a]));
    for (const g of groupsOf('duplicate_account')) {
      const [first, back] = [...g.members].sort(
        (x, y) => Date.parse(acc.get(x)!.created_at!) - Date.parse(acc.get(y)!.created_at!),
      );
      expect(acc.get(first!)!.status, g.id).toBe('banned');
      const kinds = {
        device: ['device'],
        card: ['payment'],
        phone: ['phone'],
        'address+home_ip': ['ip'],
        'device+card': ['device', 'payment'],
      }[g.variant.link!]!;
      for (const kind of kinds)
        expect(sharedWithin([first!, back!], [kind]).length, `${g.id} ${kind}`).toBeGreaterThanOrEqual(1);
      expect(sharedWithin([first!, back!], ['email'])).toEqual([]);
    }
  });

  it('builds synthetic identities from shared fragments and templated mailboxes', () => {
    for (const g of groupsOf('synthetic_identity')) {
      const emails = g.members.flatMap((m) => [...keysOf(m, 'email')]);
      expect(new Set(emails).size, g.id).toBe(g.members.length);
      for (const m of g.members) {
        const shared = sharedWithin(g.members, ['phone', 'device', 'address']).filter((k) =>
          keysOf(m, k.slice(0, k.indexOf(':'))).has(k.slice(k.indexOf(':') + 1)),
        );
        const building = [...keysOf(m, 'address')].map((a) => a.split(' ').slice(0, 2).join(' '));
        const sameBuilding = g.members.some(
          (o) =>
            o !== m && [...keysOf(o, 'address')].some((a) => building.includes(a.split(' ').slice(0, 2).join(' '))),
        );
        expect(shared.length > 0 || sameBuilding, `${g.id} ${m}`).toBe(true);
      }
    }
  });

  it('farms bonuses from sequential throw-away mailboxes into one consolidating account', () => {
    for (const g of groupsOf('bonus_farm')) {
      const disposable = g.members.filter((m) =>
        [...keysOf(m, 'email')].some((e) => e.endsWith(`@${g.variant.disposable_domain}`)),
      );
      expect(disposable.length, g.id).toBe(g.members.length - 1);
      const payees = new Set(data.payments.filter((p) => disposable.includes(p.payer)).map((p) => p.payee));
      expect(payees.size, g.id).toBe(1);
      expect(g.members).toContain([...payees][0]);
    }
  });

  it('takes over established accounts from the attacker’s device or proxy; crews and bust-outs share what the variant says', () => {
    const created = new Map(data.accounts.map((a) => [a.id, Date.parse(a.created_at!)]));
    for (const g of groupsOf('account_takeover')) {
      const attacker = sharedWithin(g.members, ['device', 'ip']).filter((k) =>
        g.members.every((m) => keysOf(m, k.split(':')[0]!).has(k.slice(k.indexOf(':') + 1))),
      );
      expect(attacker.length, g.id).toBeGreaterThanOrEqual(1);
      const firstUse = Math.min(
        ...data.links.filter((l) => attacker.includes(`${l.kind}:${l.key}`)).map((l) => Date.parse(l.seen_at)),
      );
      for (const m of g.members) expect(created.get(m)!, `${g.id} ${m}`).toBeLessThan(firstUse - 60 * DAY);
    }
    for (const g of groupsOf('cash_out_crew'))
      for (const m of g.members)
        expect(
          [...keysOf(m, 'payment')].some((k) => g.members.filter((o) => keysOf(o, 'payment').has(k)).length >= 2),
          `${g.id} ${m}`,
        ).toBe(true);
    for (const g of groupsOf('bust_out')) {
      const kind = g.variant.shared === 'ip' ? 'ip' : g.variant.shared!.startsWith('device') ? 'device' : 'payment';
      const shared = sharedWithin(g.members, [kind]).filter((k) =>
        g.members.every((m) => keysOf(m, kind).has(k.slice(k.indexOf(':') + 1))),
      );
      expect(shared.length, g.id).toBeGreaterThanOrEqual(1);
      const opened = Math.max(...g.members.map((m) => created.get(m)!));
      const firstShared = Math.min(
        ...data.links.filter((l) => shared.includes(`${l.kind}:${l.key}`)).map((l) => Date.parse(l.seen_at)),
      );
      expect(firstShared - opened, g.id).toBeGreaterThan(60 * DAY);
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
        const users = data.holders.get(linkKey(v.kind, v.value)) ?? new Set();
        if (['ip', 'device'].includes(v.kind) && !c.kind.startsWith('household'))
          expect([...users].filter((u) => !planted.has(u)).sort(), c.id).toEqual(c.members);
      }
    }
    const sizes = (kind: string) => truth.confounders.filter((c) => c.kind === kind).map((c) => c.members.length);
    expect(Math.max(...sizes('carrier_nat'))).toBeGreaterThanOrEqual(50);
    expect(Math.max(...sizes('generic_fingerprint'))).toBeGreaterThanOrEqual(10);
    expect(Math.max(...sizes('popular_payee'))).toBeGreaterThanOrEqual(50);
  });

  it('is read by npm run eval as the wallet generator', () => {
    const perfect = expectEvalReads(truth, 'wallet');
    for (const t of WALLET_TYPOLOGIES) expect(perfect.perTypology[t]!.found, t).toBe(groupsOf(t).length);
  });
});

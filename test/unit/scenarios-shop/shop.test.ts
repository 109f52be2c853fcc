import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectEvalReads,
  expectPlantedGroups,
  expectReproducible,
  expectScenarioRows,
  linkKey,
  readGenerated,
} from '../../support/generated-files.ts';
import type { Issue, NormalizedLink, ValidRecord } from '../../../server/ingest/validate.ts';
import {
  generateShop,
  SHOP_SIZES,
  SHOP_TYPOLOGIES,
  type ShopSummary,
  type ShopTruth,
} from '../../../server/scenarios-shop/shop.ts';
import { buildReport, reportMarkdown } from '../../../server/eval/report.ts';
import { PLACEHOLDER_EMAIL, PLACEHOLDER_PHONE } from '../../../server/scenarios-shop/background.ts';

const ACCOUNTS = 3000;
const CONFOUNDER_KINDS = [
  'household',
  'office_nat',
  'campus_nat',
  'library_kiosk',
  'default_fingerprint',
  'placeholder',
  'pickup_point',
  'gift_shipping',
  'carrier_nat',
  'vpn_exit',
];
const FILES = ['accounts.csv', 'links.csv', 'payments.csv', 'ground-truth.json'];
const DAY = 86_400_000;
/** Generating and reading a few thousand accounts takes seconds, more on a busy machine: a harness limit only. */
const SLOW = 180_000;

async function generate(seed: number, accounts = ACCOUNTS): Promise<{ dir: string; summary: ShopSummary }> {
  const dir = await mkdtemp(join(tmpdir(), `ringlens-shop-${seed}-`));
  return { dir, summary: await generateShop({ seed, accounts, outDir: dir }) };
}

describe('shop scenario generator', () => {
  let dir: string;
  let summary: ShopSummary;
  let truth: ShopTruth;
  let accounts: ValidRecord<'accounts'>[];
  let links: NormalizedLink[];
  let payments: ValidRecord<'payments'>[];
  let issues: Issue[];
  /** `kind:key` → accounts holding it; account → its links. */
  let holders: Map<string, Set<string>>;
  let linksOf: Map<string, NormalizedLink[]>;
  const keysOf = (account: string, kind: string) =>
    new Set((linksOf.get(account) ?? []).filter((l) => l.kind === kind).map((l) => l.key));
  /** Identifier keys of `kind` that every one of `members` holds. */
  const sharedBy = (members: readonly string[], kind: string) => {
    const sets = members.map((m) => keysOf(m, kind));
    return [...sets[0]!].filter((k) => sets.every((s) => s.has(k)));
  };
  const groupsOf = (typology: string) => truth.groups.filter((g) => g.typology === typology);

  beforeAll(async () => {
    ({ dir, summary } = await generate(11));
    truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as ShopTruth;
    ({ accounts, links, payments, issues, holders, linksOf } = await readGenerated(dir));
  }, SLOW);

  it(
    'is deterministic: the same seed gives byte-identical files, another seed different ones',
    () => expectReproducible(dir, async (seed) => (await generate(seed)).dir, 11, 12, FILES),
    SLOW,
  );

  it('writes exactly the accounts asked for, only rows the loader accepts, and never a card number', async () => {
    await expectScenarioRows(
      dir,
      { accounts, links, payments, issues, holders, linksOf },
      summary,
      ACCOUNTS,
      /^tok_[0-9a-f]{24}$/,
    );
    // Payments reference accounts of the file and carry their order's id.
    const ids = new Set(accounts.map((a) => a.id));
    expect(payments.every((p) => ids.has(p.payer) && ids.has(p.payee) && /^ord_[0-9a-z]+(-r)?$/.test(p.id!))).toBe(
      true,
    );
  });

  it('refuses sizes outside its range before writing anything', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ringlens-shop-range-'));
    await expect(generateShop({ seed: 1, accounts: 999, outDir: out })).rejects.toThrow(RangeError);
    await expect(generateShop({ seed: 1, accounts: 200_001, outDir: out })).rejects.toThrow(RangeError);
  });

  it('plants at least three groups of every typology, within their sizes, on accounts that exist', () => {
    expectPlantedGroups(truth, SHOP_SIZES, accounts, 0.15);
  });

  it('takes over established customers from the attacker’s browser, which no one else uses', () => {
    const created = new Map(accounts.map((a) => [a.id, Date.parse(a.created_at!)]));
    for (const g of groupsOf('account_takeover')) {
      const deviceCounts = new Map<string, number>();
      for (const m of g.members)
        for (const k of keysOf(m, 'device')) deviceCounts.set(k, (deviceCounts.get(k) ?? 0) + 1);
      const attacker = [...deviceCounts].filter(
        ([k, n]) => n >= Math.ceil(g.members.length / 2) && holders.get(`device:${k}`)!.size === n,
      );
      expect(attacker.length, g.id).toBeGreaterThanOrEqual(1);
      const [key] = attacker[0]!;
      const firstUse = Math.min(
        ...links.filter((l) => l.kind === 'device' && l.key === key).map((l) => Date.parse(l.seen_at)),
      );
      for (const m of g.members) {
        expect(created.get(m)!, `${g.id} ${m}`).toBeLessThan(firstUse - 30 * DAY);
        expect(keysOf(m, 'device').size, `${g.id} ${m} has devices of its own`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('passes a chargeback ring’s few cards around: every card of the ring is used by two members or more', () => {
    for (const g of groupsOf('chargeback_ring')) {
      const counts = new Map<string, number>();
      for (const m of g.members) for (const k of keysOf(m, 'payment')) counts.set(k, (counts.get(k) ?? 0) + 1);
      const ringCards = [...counts].filter(([, n]) => n >= 2);
      expect(ringCards.length, g.id).toBeGreaterThanOrEqual(1);
      expect(ringCards.length, g.id).toBeLessThanOrEqual(4);
      expect(
        g.members.every((m) => ringCards.some(([k]) => keysOf(m, 'payment').has(k))),
        g.id,
      ).toBe(true);
    }
  });

  it('ships a reseller ring to one or two buildings written many ways, through proxies used by few', () => {
    for (const g of groupsOf('reseller_bot')) {
      const addresses = new Set(g.members.flatMap((m) => [...keysOf(m, 'address')]));
      const buildings = new Set([...addresses].map((a) => a.split(' ').slice(0, 2).join(' ')));
      expect(buildings.size, g.id).toBeLessThanOrEqual(Number(g.variant.buildings));
      if (g.members.length >= 8) expect(addresses.size, g.id).toBeGreaterThan(1);
      const ips = g.members.flatMap((m) => [...keysOf(m, 'ip')]);
      expect(new Set(ips).size / ips.length, g.id).toBeGreaterThan(0.5);
    }
  });

  it('gives promo abusers one address and, with plus-addressed or dotted Gmail, one mailbox', () => {
    for (const g of groupsOf('promo_abuse')) {
      const addresses = new Set(g.members.flatMap((m) => [...keysOf(m, 'address')]));
      expect(addresses.size, g.id).toBe(g.variant.address === 'abbreviated' ? 2 : 1);
      const mailboxes = new Set(g.members.flatMap((m) => [...keysOf(m, 'email')]));
      if (g.variant.mail === 'plus_gmail' || g.variant.mail === 'dotted_gmail') expect(mailboxes.size, g.id).toBe(1);
      else expect(mailboxes.size, g.id).toBe(g.members.length);
      const devices = new Set(g.members.flatMap((m) => [...keysOf(m, 'device')]));
      expect(devices.size, g.id).toBeLessThanOrEqual(3);
    }
  });

  it('runs triangulation through a seller paid by real buyers, the buying accounts’ orders shipped as the variant says', () => {
    const type = new Map(accounts.map((a) => [a.id, a.type]));
    for (const g of groupsOf('triangulation')) {
      const sellers = g.members.filter((m) => type.get(m) === 'seller');
      expect(sellers, g.id).toHaveLength(1);
      const paid = payments.filter((p) => p.payee === sellers[0]);
      expect(paid.length, g.id).toBeGreaterThanOrEqual(g.members.length - 1);
      expect(paid.every((p) => !g.members.includes(p.payer))).toBe(true);
      const buyers = g.members.filter((m) => m !== sellers[0]);
      if (g.variant.shipping === 'drop') expect(sharedBy(buyers, 'address'), g.id).toHaveLength(1);
    }
  });

  it('links refund-abuse pairs by the phone number, the handset or both', () => {
    for (const g of groupsOf('refund_abuse_pair')) {
      const phone = sharedBy(g.members, 'phone').length > 0;
      const handset = sharedBy(g.members, 'device').length > 0;
      expect([phone, handset], g.id).toEqual([g.variant.link !== 'handset', g.variant.link !== 'phone_number']);
    }
  });

  it('brings blocked chargeback customers back on new accounts opened later on the same computer', () => {
    const acc = new Map(accounts.map((a) => [a.id, a]));
    for (const g of groupsOf('chargeback_reentry')) {
      const [known, ...later] = [...g.members].sort(
        (x, y) => Date.parse(acc.get(x)!.created_at!) - Date.parse(acc.get(y)!.created_at!),
      );
      expect(acc.get(known!)).toMatchObject({ status: 'blocked', label: 'known_fraud' });
      expect(sharedBy(g.members, 'device'), g.id).toHaveLength(1);
      const blockedBy = Date.parse(acc.get(known!)!.created_at!);
      for (const m of later) expect(Date.parse(acc.get(m)!.created_at!)).toBeGreaterThan(blockedBy);
    }
  });

  it('lists every benign look-alike with the accounts that hold its values', () => {
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    const victims = new Set(groupsOf('account_takeover').flatMap((g) => g.members));
    const kinds = new Set(truth.confounders.map((c) => c.kind));
    for (const k of CONFOUNDER_KINDS) expect(kinds.has(k), k).toBe(true);
    for (const c of truth.confounders) {
      expect(c.members.length, c.id).toBeGreaterThanOrEqual(2);
      const users = new Set(c.values.flatMap((v) => [...(holders.get(linkKey(v.kind, v.value)) ?? [])]));
      if (c.kind === 'household') {
        const address = c.values.find((v) => v.kind === 'address')!;
        for (const m of c.members)
          expect([...keysOf(m, 'address')], c.id).toContain(linkKey('address', address.value).slice(8));
        // Families are honest, though a taken-over account may live in one.
        expect(
          c.members.filter((m) => planted.has(m) && !victims.has(m)),
          c.id,
        ).toEqual([]);
        for (const m of c.members) expect(users.has(m), c.id).toBe(true);
      } else expect([...users].sort(), c.id).toEqual(c.members);
    }
    const sizes = (kind: string) => truth.confounders.filter((c) => c.kind === kind).map((c) => c.members.length);
    expect(Math.min(...sizes('pickup_point'))).toBeGreaterThanOrEqual(50);
    expect(Math.min(...sizes('default_fingerprint'))).toBeGreaterThanOrEqual(10);
    const placeholders = truth.confounders.filter((c) => c.kind === 'placeholder').flatMap((c) => c.values);
    expect(placeholders.map((v) => v.value).sort()).toEqual([PLACEHOLDER_PHONE, PLACEHOLDER_EMAIL].sort());
  });

  it('is read by npm run eval as the shop generator and reported per typology', () => {
    const perfect = expectEvalReads(truth, 'shop');
    const dataset = {
      generator: 'shop',
      seed: 11,
      accounts: ACCOUNTS,
      findings: 0,
      detectSeconds: 0,
      evaluation: perfect,
    };
    const meta = { command: 'x', mode: 'offline' as const, accounts: ACCOUNTS, seeds: [11], settings: {} };
    const markdown = reportMarkdown(buildReport([dataset], { ...meta, generators: ['shop'] }));
    expect(markdown).toContain('### Generator: shop');
    for (const t of SHOP_TYPOLOGIES) {
      const n = groupsOf(t).length;
      expect(markdown, t).toContain(`| ${t} | ${n} | ${n} | 100.0 |`);
    }
    const all = buildReport([dataset, { ...dataset, generator: 'catalogue' }], {
      ...meta,
      generators: ['marketplace', 'catalogue', 'shop'],
    });
    expect(reportMarkdown(all)).toContain('### All generators together');
  });
});

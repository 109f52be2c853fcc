import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectReproducible, linkKey, readGenerated } from '../../support/generated-files.ts';
import { looksLikePan } from '../../../server/ingest/normalize.ts';
import type { Issue, NormalizedLink, ValidRecord } from '../../../server/ingest/validate.ts';
import { generateCatalogue, type CatalogueTruth } from '../../../server/scenarios/catalogue.ts';
import { CONFOUNDER_KINDS } from '../../../server/scenarios/confounders.ts';
import { TYPOLOGIES } from '../../../server/scenarios/typologies.ts';

const ACCOUNTS = 4000;
const FILES = ['accounts.csv', 'links.csv', 'payments.csv', 'ground-truth.json'];
const DAY = 86_400_000;
/** Generating and reading a few thousand accounts takes seconds, more on a busy machine: a harness limit only. */
const SLOW = 180_000;

async function generate(seed: number): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), `ringlens-cat-${seed}-`));
  await generateCatalogue({ seed, accounts: ACCOUNTS, outDir });
  return outDir;
}

/** Number of connected components among `members` over the given edges. */
function components(members: readonly string[], edges: Iterable<readonly [string, string]>): number {
  const parent = new Map(members.map((m) => [m, m]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const [a, b] of edges) if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  return new Set(members.map(find)).size;
}

describe('catalogue scenario generator', () => {
  let dir: string;
  let truth: CatalogueTruth;
  let accounts: ValidRecord<'accounts'>[];
  let links: NormalizedLink[];
  let payments: ValidRecord<'payments'>[];
  let issues: Issue[];
  /** `kind:key` → accounts holding it; account → its links. */
  let holders: Map<string, Set<string>>;
  let linksOf: Map<string, NormalizedLink[]>;
  const key = linkKey;

  beforeAll(async () => {
    dir = await generate(11);
    truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as CatalogueTruth;
    ({ accounts, links, payments, issues, holders, linksOf } = await readGenerated(dir));
  }, SLOW);

  it(
    'is deterministic: the same seed gives byte-identical files, another seed different ones',
    () => expectReproducible(dir, generate, 11, 12, FILES),
    SLOW,
  );

  it('writes only rows RingLens validation accepts, and never a card number', async () => {
    expect(issues).toEqual([]);
    expect(accounts).toHaveLength(ACCOUNTS);
    const text = await readFile(join(dir, 'links.csv'), 'utf8');
    expect((text.match(/\d[\d -]{11,}\d/g) ?? []).filter(looksLikePan)).toEqual([]);
  });

  it('plants at least three groups of every typology and at least one confounder of every kind', () => {
    for (const t of TYPOLOGIES)
      expect(truth.groups.filter((g) => g.typology === t).length, t).toBeGreaterThanOrEqual(3);
    for (const k of CONFOUNDER_KINDS)
      expect(
        truth.confounders.some((c) => c.kind === k),
        k,
      ).toBe(true);
    const members = truth.groups.flatMap((g) => g.members);
    expect(new Set(members).size).toBe(members.length);
    const ids = new Set(accounts.map((a) => a.id));
    expect(members.every((m) => ids.has(m))).toBe(true);
    expect(members.length / ACCOUNTS).toBeLessThan(0.2);
  });

  it('gives every shared identifier of the ground truth to exactly the members it names', () => {
    for (const g of truth.groups)
      for (const s of g.shared) {
        expect([...(holders.get(key(s.kind, s.value)) ?? [])].sort(), `${g.id} ${s.kind} ${s.value}`).toEqual(
          s.members,
        );
        expect(s.members.every((m) => g.members.includes(m))).toBe(true);
      }
  });

  it('makes every group but templated identities one component over its shared identifiers and payments', () => {
    const paid = payments.map((p) => [p.payer, p.payee] as const);
    for (const g of truth.groups) {
      if (g.typology === 'templated_identity' && g.variant.density === 'bare') continue;
      const edges = g.shared.flatMap((s) => s.members.slice(1).map((m) => [s.members[0]!, m] as const));
      expect(components(g.members, [...edges, ...paid]), g.id).toBe(1);
    }
  });

  it('labels known-fraud members in accounts.csv as the ground truth says', () => {
    const label = new Map(accounts.map((a) => [a.id, a.label]));
    for (const g of truth.groups) for (const m of g.known_fraud) expect(label.get(m), g.id).toBe('known_fraud');
    for (const g of truth.groups.filter((x) => x.typology === 'fraud_adjacent')) expect(g.known_fraud).toHaveLength(1);
  });

  it('builds chains link by link: each identifier held by 2–3 consecutive members, kinds changing along the chain', () => {
    for (const g of truth.groups.filter((x) => x.typology === 'chain')) {
      expect(g.shared).toHaveLength(g.members.length - 1);
      for (const s of g.shared) expect(s.members.length === 2 || s.members.length === 3).toBe(true);
      for (let i = 1; i < g.shared.length; i++) expect(g.shared[i]!.kind, g.id).not.toBe(g.shared[i - 1]!.kind);
      expect(new Set(g.shared.map((s) => s.kind)).size).toBe(Math.min(4, g.shared.length));
    }
  });

  it('gives controller rings one device over 3–5 accounts that each pay with a card of their own', () => {
    for (const g of truth.groups.filter((x) => x.typology === 'controller_ring')) {
      expect(g.members.length).toBeGreaterThanOrEqual(3);
      expect(g.members.length).toBeLessThanOrEqual(5);
      expect(g.shared.filter((s) => s.kind === 'device' && s.members.length === g.members.length)).toHaveLength(1);
      for (const m of g.members) {
        const ownCards = linksOf
          .get(m)!
          .filter((l) => l.kind === 'payment' && holders.get(`payment:${l.key}`)!.size === 1);
        expect(ownCards.length, `${g.id} ${m}`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('opens sleepers months apart and has them share one card and one device within two days', () => {
    const created = new Map(accounts.map((a) => [a.id, Date.parse(a.created_at!)]));
    for (const g of truth.groups.filter((x) => x.typology === 'sleeper')) {
      const times = g.members.map((m) => created.get(m)!);
      expect(Math.max(...times) - Math.min(...times), g.id).toBeGreaterThan(60 * DAY);
      for (const kind of ['payment', 'device'] as const) {
        const s = g.shared.find((x) => x.kind === kind)!;
        expect(s.members).toEqual(g.members);
        const k = key(kind, s.value);
        const seen = links.filter((l) => `${l.kind}:${l.key}` === k).map((l) => Date.parse(l.seen_at));
        expect(Math.max(...seen) - Math.min(...seen), g.id).toBeLessThanOrEqual(2 * DAY);
        expect(Math.min(...seen)).toBeGreaterThan(Math.max(...times));
      }
    }
  });

  it('sends money round a loop through every member of a collusion mesh, and along a path through a mule chain', () => {
    for (const g of truth.groups.filter((x) => x.typology === 'collusion_mesh' || x.typology === 'mule_chain')) {
      const inside = new Set(g.members);
      const internal = payments.filter((p) => inside.has(p.payer) && inside.has(p.payee));
      expect(internal.length).toBe(g.payments);
      const out = new Map<string, Set<string>>();
      for (const p of internal) out.set(p.payer, (out.get(p.payer) ?? new Set()).add(p.payee));
      // reachability from every member (a loop) or from exactly one source (a chain)
      const reach = (from: string) => {
        const seen = new Set([from]);
        const stack = [from];
        while (stack.length)
          for (const n of out.get(stack.pop()!) ?? [])
            if (!seen.has(n)) {
              seen.add(n);
              stack.push(n);
            }
        return seen.size;
      };
      const full = g.members.filter((m) => reach(m) === g.members.length).length;
      expect(full, g.id).toBe(g.typology === 'collusion_mesh' ? g.members.length : 1);
      const links = g.shared.filter((s) => s.kind !== 'ip').length;
      expect(links, g.id).toBeLessThanOrEqual(1);
    }
  });

  it('writes templated identities from one template: numbered mailboxes, consecutive phones, one address three ways', () => {
    for (const g of truth.groups.filter((x) => x.typology === 'templated_identity')) {
      const rows = g.members.map((m) => linksOf.get(m)!);
      const emails = rows.map((r) => r.find((l) => l.kind === 'email')!.value).sort();
      const parsed = emails.map((e) => /^([a-z]+\.[a-z][a-z]*)(\d{2})@(.+)$/.exec(e)!);
      expect(new Set(parsed.map((p) => `${p[1]}@${p[3]}`)).size, g.id).toBe(1);
      expect(parsed.map((p) => Number(p[2]))).toEqual(g.members.map((_, i) => i + 1));
      const phones = rows.map((r) => Number(r.find((l) => l.kind === 'phone')!.key.slice(2))).sort((a, b) => a - b);
      phones.forEach((p, i) => expect(p - phones[0]!).toBe(i));
      const addresses = rows.map((r) => r.find((l) => l.kind === 'address')!);
      expect(new Set(addresses.map((a) => a.key)).size).toBe(Math.min(3, g.members.length));
      expect(new Set(addresses.map((a) => a.value.split(' ').slice(0, 2).join(' ').toLowerCase())).size).toBe(1);
    }
  });

  it('plants duplicate pairs of two accounts sharing a device or a card, and known-fraud adjacency by device or card', () => {
    for (const g of truth.groups.filter((x) => x.typology === 'duplicate_pair')) {
      expect(g.kind).toBe('pair');
      expect(g.members).toHaveLength(2);
      expect(g.shared.some((s) => s.kind === 'device' || s.kind === 'payment')).toBe(true);
    }
    for (const g of truth.groups.filter((x) => x.typology === 'fraud_adjacent')) {
      expect(g.kind).toBe(g.members.length === 2 ? 'pair' : 'ring');
      expect(g.shared.every((s) => (s.kind === 'device' || s.kind === 'payment') && s.members.length === 2)).toBe(true);
      expect(g.shared).toHaveLength(g.members.length - 1);
    }
  });

  it('lays confounders over benign accounts as the ground truth lists them', () => {
    const planted = new Set(truth.groups.flatMap((g) => g.members));
    for (const c of truth.confounders) {
      for (const v of c.values) {
        const users = [...(holders.get(key(v.kind, v.value)) ?? [])].sort();
        if (c.kind === 'household') for (const m of users) expect(c.members, c.id).toContain(m);
        else expect(users, `${c.id} ${v.value}`).toEqual(c.members);
      }
      const fraud = c.members.filter((m) => planted.has(m)).length;
      if (c.kind === 'vpn_exit' || c.kind === 'carrier_nat' || c.kind === 'placeholder')
        expect(fraud, c.id).toBeLessThanOrEqual(3);
      else expect(fraud, c.id).toBe(0);
    }
    for (const c of truth.confounders.filter((x) => x.kind === 'generic_fingerprint')) {
      expect(c.members.length).toBeGreaterThanOrEqual(20);
      expect(c.members.length).toBeLessThanOrEqual(30);
    }
    for (const c of truth.confounders.filter((x) => x.kind === 'household')) {
      const addressKeys = c.members.map(
        (m) =>
          new Set(
            linksOf
              .get(m)!
              .filter((l) => l.kind === 'address')
              .map((l) => l.key),
          ),
      );
      const shared = [...addressKeys[0]!].filter((k) => addressKeys.every((s) => s.has(k)));
      expect(shared.length, c.id).toBeGreaterThanOrEqual(1);
    }
    // Lone known fraudsters of the background live alone: no household or family card holds one.
    const label = new Map(accounts.map((a) => [a.id, a.label]));
    const intimate = truth.confounders.filter((c) => c.kind === 'household' || c.kind === 'family_card');
    expect(intimate.flatMap((c) => c.members).filter((m) => label.get(m) === 'known_fraud')).toEqual([]);
    expect([...label.values()].filter((l) => l === 'known_fraud').length).toBeGreaterThan(
      truth.groups.reduce((n, g) => n + g.known_fraud.length, 0),
    );
    const values = truth.confounders
      .filter((c) => c.kind === 'placeholder')
      .flatMap((c) => c.values.map((v) => v.value));
    expect(values).toEqual(expect.arrayContaining(['000-000-0000', 'test@test.com', 'N/A', 'unknown']));
  });
});

/**
 * A small fictional marketplace for the investigate API and web-app tests, every account id and identifier key under
 * one unique prefix (IPs and phones cannot carry it; test-ingest-cleanup removes them once orphaned):
 *
 * - a ring of six accounts (r0 … r5; r0 is known_fraud) sharing two devices, a card, an IP and an address, with
 *   payments r1 → r2 and r3 → r4;
 * - a super-node: one device used by 80 accounts (s00 … s79) and by r5;
 * - an aliased Gmail address: `alias1` used `J.Doe+promo@gmail.com`, `alias2` used `jdoe@googlemail.com` (both
 *   become the one Email node `<prefix>jdoe@gmail.com`);
 * - a chain x1 —device— x2 —email— x3 —paid→ x4, for shortest paths.
 *
 * Sightings spread from January to June 2026 so the time filter has something to filter.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { normalizeIp } from '../../server/ingest/normalize.ts';
import { memorySource } from '../../server/ingest/sources.ts';

export const SUPER_SHARERS = 80;

export interface InvestigateFixture {
  prefix: string;
  accounts: Array<Record<string, string>>;
  links: Array<Record<string, string>>;
  payments: Array<Record<string, string>>;
  /** Account ids. */
  ring: string[];
  superSharers: string[];
  alias: [string, string];
  chain: [string, string, string, string];
  keys: {
    ringDevice1: string;
    ringDevice2: string;
    ringCard: string;
    ringIp: string;
    ringAddress: string;
    superDevice: string;
    aliasEmail: string;
    chainDevice: string;
    chainEmail: string;
  };
}

const day = (d: number, h = 9) => new Date(Date.UTC(2026, 0, 1 + d, h)).toISOString();

export function investigateFixture(prefix: string): InvestigateFixture {
  const p = prefix;
  const hex = randomBytes(2).toString('hex');
  const accounts: Array<Record<string, string>> = [];
  const links: Array<Record<string, string>> = [];
  const payments: Array<Record<string, string>> = [];
  const account = (id: string, label = 'unknown', d = 0) =>
    accounts.push({
      id,
      created_at: day(d).slice(0, 10),
      type: d % 2 ? 'client' : 'freelancer',
      country: 'US',
      status: 'active',
      label,
    });
  const link = (account_id: string, kind: string, value: string, d: number, extra: Record<string, string> = {}) =>
    links.push({ account_id, kind, value, seen_at: day(d), ...extra });

  const keys = {
    ringDevice1: `${p}ring-dev-1`,
    ringDevice2: `${p}ring-dev-2`,
    ringCard: `${p}pm_ring`,
    ringIp: normalizeIp(`2001:db8:${hex}::7`).key,
    ringAddress: `${p}12 example street, springfield`,
    superDevice: `${p}super-dev`,
    aliasEmail: `${p}jdoe@gmail.com`,
    chainDevice: `${p}chain-dev`,
    chainEmail: `${p}chain@example.com`,
  };

  const ring = Array.from({ length: 6 }, (_, i) => `${p}r${i}`);
  ring.forEach((id, i) => {
    account(id, i === 0 ? 'known_fraud' : 'unknown', 10 + i);
    if (i <= 3) link(id, 'device', keys.ringDevice1, 20 + i * 10);
    if (i >= 2) link(id, 'device', keys.ringDevice2, 40 + i * 10);
    if ([0, 1, 4].includes(i)) link(id, 'payment', keys.ringCard, 30 + i * 5, { bin: '424242', last4: '4242' });
    link(id, 'ip', keys.ringIp, 25 + i * 3);
    link(id, 'email', `${p}r${i}@example.com`, 10 + i);
    if (i === 3 || i === 4) link(id, 'address', `${p}12  Example Street,Springfield`, 60 + i);
  });
  payments.push({ payer: ring[1]!, payee: ring[2]!, amount: '120.00', currency: 'USD', at: day(70) });
  payments.push({ payer: ring[3]!, payee: ring[4]!, amount: '75.50', currency: 'USD', at: day(80) });

  const superSharers = Array.from({ length: SUPER_SHARERS }, (_, i) => `${p}s${String(i).padStart(2, '0')}`);
  superSharers.forEach((id, i) => {
    account(id, i % 20 === 0 ? 'legit' : 'unknown', i);
    link(id, 'device', `${p}SUPER-DEV`, i * 2);
    link(id, 'email', `${p}s${i}@example.org`, i * 2);
  });
  link(ring[5]!, 'device', keys.superDevice, 100);

  const alias: [string, string] = [`${p}alias1`, `${p}alias2`];
  account(alias[0], 'unknown', 50);
  account(alias[1], 'known_fraud', 51);
  link(alias[0], 'email', `${p}J.Doe+promo@gmail.com`, 90);
  link(alias[1], 'email', `${p}jdoe@googlemail.com`, 120);
  link(alias[0], 'phone', `+1 (202) 555-01${String(Number.parseInt(hex, 16) % 100).padStart(2, '0')}`, 91);

  const chain: [string, string, string, string] = [`${p}x1`, `${p}x2`, `${p}x3`, `${p}x4`];
  chain.forEach((id, i) => account(id, 'unknown', 60 + i));
  link(chain[0], 'device', keys.chainDevice, 130);
  link(chain[1], 'device', keys.chainDevice, 131);
  link(chain[1], 'email', keys.chainEmail, 140);
  link(chain[2], 'email', keys.chainEmail, 141);
  payments.push({ payer: chain[2], payee: chain[3], amount: '300.00', currency: 'EUR', at: day(150) });

  return { prefix, accounts, links, payments, ring, superSharers, alias, chain, keys };
}

function source(name: string, kind: 'accounts' | 'links' | 'payments', records: unknown[]) {
  const sha = createHash('sha256').update(JSON.stringify(records)).digest('hex');
  return memorySource(name, kind, records, sha);
}

/** Loads the fixture through the real loader (validation and normalisation included). */
export async function loadInvestigateFixture(db: Db, prefix: string): Promise<InvestigateFixture> {
  const f = investigateFixture(prefix);
  await loadSources(db, [
    source('accounts', 'accounts', f.accounts),
    source('links', 'links', f.links),
    source('payments', 'payments', f.payments),
  ]);
  return f;
}

export interface TestRing {
  id: string;
  members: string[];
  props: Record<string, unknown>;
}

/**
 * Rings in the shape detection writes (cypher/rings-write.write.cypher), created directly so web-app tests do not
 * depend on a detection run. Ring ids must look like detection's (`ring-<hex>`), so they cannot carry the prefix:
 * remove them with removeTestRings.
 */
export function fixtureRings(f: InvestigateFixture): TestRing[] {
  const runId = `run-20260701T000000Z-${randomBytes(3).toString('hex')}`;
  const ringId = `ring-${randomBytes(6).toString('hex')}`;
  const aliasRingId = `ring-${randomBytes(6).toString('hex')}`;
  const [r0, r1, r2, r3, r4, r5] = f.ring as [string, string, string, string, string, string];
  const evidence = {
    edges: [
      ...[r1, r2, r3].map((b) => ({ a: r0, b, kind: 'device', key: f.keys.ringDevice1 })),
      ...[r3, r4, r5].map((b) => ({ a: r2, b, kind: 'device', key: f.keys.ringDevice2 })),
      ...[r1, r4].map((b) => ({ a: r0, b, kind: 'payment', key: f.keys.ringCard })),
      { a: r3, b: r4, kind: 'address', key: f.keys.ringAddress },
      { a: r1, b: r2, kind: 'transfer', key: `${r1}->${r2}`, count: 1, total: 120 },
    ],
    truncated: false,
  };
  const common = { lastSeenRun: runId, firstSeenRun: runId, active: true, mergedFrom: [], splitFrom: null };
  return [
    {
      id: ringId,
      members: f.ring,
      props: {
        ...common,
        score: 99.9,
        size: 6,
        status: 'new',
        change: 'grown',
        flagged: true,
        reasons: [
          '2 devices are shared across 6 accounts',
          '1 card is used across 3 accounts',
          '1 member is labelled known_fraud',
        ],
        joined: [r5],
        left: [],
        evidence: JSON.stringify(evidence),
        features: JSON.stringify({ size: 6, density: 0.6 }),
      },
    },
    {
      id: aliasRingId,
      members: f.alias,
      props: {
        ...common,
        score: 99.8,
        size: 2,
        status: 'under_review',
        change: 'new',
        flagged: true,
        reasons: ['1 email address is shared across 2 accounts'],
        joined: f.alias,
        left: [],
        evidence: JSON.stringify({
          edges: [{ a: f.alias[0], b: f.alias[1], kind: 'email', key: f.keys.aliasEmail }],
          truncated: false,
        }),
        features: JSON.stringify({ size: 2 }),
      },
    },
  ];
}

export async function createTestRings(db: Db, rings: TestRing[]): Promise<void> {
  await db.write('test-rings-create.write', { rings });
}

export async function removeTestRings(db: Db, rings: TestRing[]): Promise<void> {
  await db.write('test-rings-delete.write', { ids: rings.map((r) => r.id) });
}

/**
 * Larger fictional rings for the workbench tests (test/e2e/workbench.test.ts) and their screenshots: a ring of `n`
 * accounts that share devices (5 accounts each), cards (4 each, with BIN and last 4), IPs (10 each) and one address,
 * with payments between neighbours in two currencies. Every id and key carries the prefix (IPs cannot: they are
 * drawn from 198.18.0.0/15, the benchmarking range, and removed once orphaned by test-ingest-cleanup).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { memorySource } from '../../server/ingest/sources.ts';
import type { TestRing } from './investigate-data.ts';

export interface BigRing {
  ring: TestRing;
  accounts: string[];
  devices: string[];
  cards: Array<{ key: string; bin: string; last4: string }>;
  ips: string[];
  address: string;
}

const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d, 9)).toISOString();

function source(name: string, kind: 'accounts' | 'links' | 'payments', records: unknown[]) {
  const sha = createHash('sha256').update(JSON.stringify(records)).digest('hex');
  return memorySource(name, kind, records, sha);
}

/** Builds and loads a ring of `n` accounts named `<prefix><tag>-NNN`; returns it with the ring to create. */
export async function loadBigRing(db: Db, prefix: string, tag: string, n: number, score: number): Promise<BigRing> {
  const p = `${prefix}${tag}-`;
  const octet = randomBytes(1)[0]!;
  const accounts = Array.from({ length: n }, (_, i) => `${p}${String(i).padStart(3, '0')}`);
  const devices = Array.from({ length: Math.ceil(n / 5) }, (_, i) => `${p}dev-${i}`);
  const cards = Array.from({ length: Math.ceil(n / 4) }, (_, i) => ({
    key: `${p}pm-${i}`,
    bin: i % 2 ? '555555' : '424242',
    last4: String(1000 + ((octet * 7 + i * 37) % 9000)).slice(-4),
  }));
  const ips = Array.from({ length: Math.ceil(n / 10) }, (_, i) => `198.${18 + (octet % 2)}.${octet}.${i + 1}`);
  const address = `${p}1 fiction lane, nowhere`;
  const links: Array<Record<string, string>> = [];
  const payments: Array<Record<string, string>> = [];
  accounts.forEach((id, i) => {
    links.push({ account_id: id, kind: 'device', value: devices[Math.floor(i / 5)]!, seen_at: day(i) });
    const card = cards[Math.floor(i / 4)]!;
    links.push({
      account_id: id,
      kind: 'payment',
      value: card.key,
      seen_at: day(i + 20),
      bin: card.bin,
      last4: card.last4,
    });
    links.push({ account_id: id, kind: 'ip', value: ips[Math.floor(i / 10)]!, seen_at: day(i + 40) });
    links.push({ account_id: id, kind: 'email', value: `${id}@example.net`, seen_at: day(i) });
    if (i % 7 === 0) links.push({ account_id: id, kind: 'address', value: address, seen_at: day(i + 60) });
    if (i > 0 && i % 3 === 0) {
      const currency = i % 2 ? 'USD' : 'INR';
      payments.push({ payer: accounts[i - 1]!, payee: id, amount: '125.00', currency, at: day(i + 80) });
      payments.push({ payer: accounts[i - 1]!, payee: id, amount: '500.00', currency, at: day(i + 81) });
    }
  });
  await loadSources(db, [
    source(
      `${tag}-accounts`,
      'accounts',
      accounts.map((id, i) => ({
        id,
        created_at: day(i).slice(0, 10),
        country: 'GB',
        label: i === 0 ? 'known_fraud' : i === 1 ? 'legit' : 'unknown',
      })),
    ),
    source(`${tag}-links`, 'links', links),
    source(`${tag}-payments`, 'payments', payments),
  ]);
  const runId = `run-20260701T000000Z-${randomBytes(3).toString('hex')}`;
  const edges = accounts.flatMap((a, i) => {
    const out: Array<Record<string, unknown>> = [];
    if (i % 5) out.push({ a: accounts[i - (i % 5)], b: a, kind: 'device', key: devices[Math.floor(i / 5)] });
    if (i % 4) out.push({ a: accounts[i - (i % 4)], b: a, kind: 'payment', key: cards[Math.floor(i / 4)]!.key });
    if (i % 10) out.push({ a: accounts[i - (i % 10)], b: a, kind: 'ip', key: ips[Math.floor(i / 10)] });
    if (i % 7 === 0 && i > 0) out.push({ a: accounts[0], b: a, kind: 'address', key: address });
    return out;
  });
  const ring: TestRing = {
    id: `ring-${randomBytes(6).toString('hex')}`,
    members: accounts,
    props: {
      lastSeenRun: runId,
      firstSeenRun: runId,
      active: true,
      mergedFrom: [],
      splitFrom: null,
      score,
      size: n,
      status: 'new',
      change: 'new',
      flagged: true,
      reasons: [
        `${devices.length} devices are shared across ${n} accounts`,
        `${cards.length} cards are used across ${n} accounts`,
        `${ips.length} IP addresses are shared across ${n} accounts`,
        '1 member is labelled known_fraud',
      ],
      joined: accounts,
      left: [],
      evidence: JSON.stringify({ edges, truncated: false }),
      features: JSON.stringify({ size: n }),
    },
  };
  return { ring, accounts, devices, cards, ips, address };
}

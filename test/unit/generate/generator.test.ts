import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digests as digestFiles, loadGenerated } from '../../support/generated-files.ts';
import { OutputDirError, generateDataset, type GroundTruth } from '../../../server/generate/dataset.ts';
import { PATTERN_TYPOLOGY, RING_PATTERNS } from '../../../server/generate/patterns.ts';
import { looksLikePan } from '../../../server/ingest/normalize.ts';
import type { Issue, NormalizedLink, ValidRecord } from '../../../server/ingest/validate.ts';

const ACCOUNTS = 3000;
const FILES = ['accounts.csv', 'links.csv', 'payments.csv', 'ground-truth.json'];

async function generate(seed: number): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), `ringlens-gen-${seed}-`));
  await generateDataset({ seed, accounts: ACCOUNTS, outDir });
  return outDir;
}

const digests = (dir: string) => digestFiles(dir, FILES);
const load = loadGenerated;

/** Union-find over account ids, to check that a ring is one connected component. */
function components(members: string[], edges: [string, string][]): number {
  const parent = new Map(members.map((m) => [m, m]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const [a, b] of edges) if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  return new Set(members.map(find)).size;
}

/** Pairs of accounts that share a normalised key of one of `kinds`. */
function sharedKeyEdges(links: NormalizedLink[], kinds: readonly string[]): [string, string][] {
  const holders = new Map<string, string[]>();
  for (const link of links) {
    if (!kinds.includes(link.kind)) continue;
    const id = `${link.kind}:${link.key}`;
    const accounts = holders.get(id);
    if (accounts) accounts.push(link.account_id);
    else holders.set(id, [link.account_id]);
  }
  return [...holders.values()].flatMap((accounts) => accounts.slice(1).map((a): [string, string] => [accounts[0]!, a]));
}

const PATTERN_KINDS = {
  device_farm: ['device'],
  card_sharing: ['payment'],
  ip_rotation: ['ip'],
  identity_reuse: ['email', 'phone'],
} as const;

describe('synthetic marketplace generator', () => {
  let dir: string;
  let truth: GroundTruth;
  let accounts: ValidRecord<'accounts'>[];
  let links: NormalizedLink[];
  let payments: ValidRecord<'payments'>[];
  let issues: Issue[];

  beforeAll(async () => {
    dir = await generate(7);
    truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
    const loaded = await Promise.all([load(dir, 'accounts'), load(dir, 'links'), load(dir, 'payments')]);
    [accounts, links, payments] = [loaded[0].records, loaded[1].records, loaded[2].records];
    issues = loaded.flatMap((l) => l.issues);
  }, 180_000); // a harness limit: generating and reading 3,000 accounts takes longer than 10 s on a busy machine

  it('is deterministic: the same seed gives byte-identical files, another seed different ones', async () => {
    const [again, other] = await Promise.all([generate(7), generate(8)]);
    const [first, second, third] = await Promise.all([digests(dir), digests(again), digests(other)]);
    expect(second).toEqual(first);
    third.forEach((digest, i) => expect(digest, FILES[i]).not.toBe(first[i]));
  });

  it('refuses to write into a folder holding files it did not make', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'ringlens-gen-foreign-'));
    await writeFile(join(outDir, 'customers.csv'), 'id\n1\n');
    await expect(generateDataset({ seed: 1, accounts: 1000, outDir })).rejects.toThrow(OutputDirError);
    expect(await readdir(outDir)).toEqual(['customers.csv']);
  });

  it('writes only rows that RingLens validation accepts with default options', () => {
    expect(issues).toEqual([]);
    expect(accounts).toHaveLength(ACCOUNTS);
    expect(links.length).toBeGreaterThan(ACCOUNTS * 5);
    expect(payments.length).toBeGreaterThan(ACCOUNTS / 2);
  });

  it('never writes a card number anywhere in links.csv', async () => {
    const text = await readFile(join(dir, 'links.csv'), 'utf8');
    const digitRuns = text.match(/\d[\d -]{11,}\d/g) ?? [];
    expect(digitRuns.filter(looksLikePan)).toEqual([]);
    expect(links.filter((l) => l.kind === 'payment').every((l) => l.value.startsWith('pm_'))).toBe(true);
  });

  it('keeps every timestamp before the fixed end of the window', () => {
    const end = '2026-11-01T00:00:00.000Z';
    expect(accounts.every((a) => a.created_at! < end)).toBe(true);
    expect(links.every((l) => l.seen_at < end)).toBe(true);
    expect(payments.every((p) => p.at < end)).toBe(true);
  });

  it('plants at least three rings of every pattern, with members that exist and belong to one ring', () => {
    for (const pattern of RING_PATTERNS) {
      expect(truth.rings.filter((r) => r.pattern === pattern).length, pattern).toBeGreaterThanOrEqual(3);
    }
    const ids = new Set(accounts.map((a) => a.id));
    const members = truth.rings.flatMap((r) => r.members);
    expect(members.every((m) => ids.has(m))).toBe(true);
    expect(new Set(members).size).toBe(members.length);
    expect(truth.rings.every((r) => r.members.length >= 3 && r.members.length <= 60)).toBe(true);
  });

  it("names each ring's typology in the vocabulary the evaluation shares with the catalogue generator", () => {
    for (const ring of truth.rings) expect(ring.typology, ring.id).toBe(PATTERN_TYPOLOGY[ring.pattern]);
    expect(truth.rings.filter((r) => r.typology === 'collusion_mesh').length).toBeGreaterThanOrEqual(3);
  });

  it('labels some ring members known_fraud and creates members within their ring window', () => {
    const byId = new Map(accounts.map((a) => [a.id, a]));
    for (const ring of truth.rings) {
      for (const id of ring.known_fraud) expect(byId.get(id)!.label).toBe('known_fraud');
      for (const id of ring.members) {
        const created = byId.get(id)!.created_at!;
        expect(created >= ring.created_between[0] && created <= ring.created_between[1], ring.id).toBe(true);
      }
    }
    expect(truth.rings.some((r) => r.known_fraud.length > 0)).toBe(true);
  });

  it('makes each ring one component on the identifiers of its pattern, after normalisation', () => {
    const edges = {
      ...Object.fromEntries(
        Object.entries(PATTERN_KINDS).map(([pattern, kinds]) => [pattern, sharedKeyEdges(links, kinds)]),
      ),
      collusion: payments.map((p): [string, string] => [p.payer, p.payee]),
    } as Record<(typeof RING_PATTERNS)[number], [string, string][]>;
    for (const ring of truth.rings) {
      expect(components(ring.members, edges[ring.pattern]), `${ring.id} (${ring.pattern})`).toBe(1);
    }
  });

  it('hides identity reuse behind different spellings that only normalisation merges', () => {
    const rings = truth.rings.filter((r) => r.pattern === 'identity_reuse');
    for (const ring of rings) {
      const members = new Set(ring.members);
      const emails = links.filter((l) => l.kind === 'email' && members.has(l.account_id));
      expect(new Set(emails.map((l) => l.value)).size, ring.id).toBe(ring.members.length);
      expect(new Set(emails.map((l) => l.key)).size, ring.id).toBeLessThan(ring.members.length);
    }
  });

  it('connects some rings to the legit background through a shared IP', () => {
    const ipHolders = new Map<string, Set<string>>();
    for (const link of links.filter((l) => l.kind === 'ip')) {
      ipHolders.set(link.key, (ipHolders.get(link.key) ?? new Set()).add(link.account_id));
    }
    const bridged = truth.rings.filter((r) => r.bridge);
    expect(bridged.length).toBeGreaterThan(0);
    for (const ring of bridged) {
      const shared = [...ipHolders.values()].some((h) => h.has(ring.bridge!.member) && h.has(ring.bridge!.background));
      expect(shared, ring.id).toBe(true);
    }
  });

  it('gives households a shared home IP and crowds the member counts the ground truth states', () => {
    const ipsOf = new Map<string, Set<string>>();
    for (const link of links.filter((l) => l.kind === 'ip')) {
      ipsOf.set(link.account_id, (ipsOf.get(link.account_id) ?? new Set()).add(link.key));
    }
    for (const household of truth.households) {
      const [first, ...rest] = household.map((id) => ipsOf.get(id)!);
      expect([...first!].some((ip) => rest.every((ips) => ips.has(ip)))).toBe(true);
    }
    for (const crowd of truth.crowds) {
      expect(links.filter((l) => l.kind === 'ip' && l.key === crowd.value)).toHaveLength(crowd.members);
    }
    expect(Math.max(...truth.crowds.map((c) => c.members))).toBeGreaterThan(100);
  });
});

/**
 * Builds a Neo4j store with `neo4j-admin database import full` instead of the loader, holding the same graph the
 * loader writes (server/ingest/loader.ts and cypher/*-upsert.write.cypher):
 *
 *   (:Account {id, label, createdAt, type, country, status})
 *   (:Device|PaymentMethod|IP|Email|Phone|Address {key, display, bin, last4, issuerCountry})
 *   (:Account)-[:USES {seen, count, firstSeen, lastSeen}]->(identifier)     one per account–identifier pair
 *   (:Account)-[:PAID {currency, keys, ats, amounts, count, total, firstAt, lastAt}]->(:Account)
 *                                                                          one per payer, payee and currency
 *
 * Every row goes through the loader's own validation and normalisation (validateRecord), so keys match. The links
 * and payments files are streamed: sightings are aggregated per account (links of one account, and payments of one
 * payer, must be consecutive — as `npm run generate` writes them; anything else is refused), so memory holds the
 * set of account ids and identifier keys, not the millions of relationships. Used by the ingest and detection
 * benchmarks; a bulk import is how a million-account bench store is built in a minute rather than in ten.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { join } from 'node:path';
import { generatedDataset } from './datasets.ts';
import { instancePaths, neo4jAdmin, stop, type LocalInstanceOptions } from '../server/db/local-neo4j.ts';
import { readRecords } from '../server/ingest/readers.ts';
import type { IdentifierKind } from '../contracts/vocabulary.ts';
import { validateRecord } from '../server/ingest/validate.ts';

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  device: 'Device',
  payment: 'PaymentMethod',
  ip: 'IP',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
};

export interface AdminImportFiles {
  nodes: Array<[label: string, file: string]>;
  relationships: Array<[type: string, file: string]>;
  counts: { accounts: number; identifiers: number; uses: number; paid: number; rejected: number };
}

const q = (s: string): string => `"${s.replaceAll('"', '""')}"`;
const opt = (s: string | undefined): string => (s === undefined ? '' : q(s));
const iso = (ms: number): string => new Date(ms).toISOString();

/** Writes with backpressure: awaits 'drain' when the stream's buffer is full. */
class Csv {
  private readonly stream: WriteStream;
  rows = 0;

  constructor(
    readonly file: string,
    header: string,
  ) {
    this.stream = createWriteStream(file);
    this.stream.write(`${header}\n`);
  }

  async row(line: string): Promise<void> {
    this.rows++;
    if (!this.stream.write(`${line}\n`)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }

  close(): Promise<void> {
    return new Promise((r) => this.stream.end(() => r()));
  }
}

class GroupedInput extends Error {
  override name = 'GroupedInputError';
}

export async function convertForAdminImport(
  files: { accounts: string; links: string; payments?: string },
  dir: string,
): Promise<AdminImportFiles> {
  const counts = { accounts: 0, identifiers: 0, uses: 0, paid: 0, rejected: 0 };
  const accounts = new Csv(join(dir, 'accounts.csv'), 'id:ID(Account),label,createdAt:datetime,type,country,status');
  const known = new Set<string>();
  for await (const row of readRecords(files.accounts)) {
    if (!row.raw) continue;
    const v = validateRecord('accounts', row.raw, { file: 'accounts.csv', line: row.line });
    if (!v.ok) {
      counts.rejected++;
      continue;
    }
    const a = v.record;
    if (known.has(a.id)) continue;
    known.add(a.id);
    await accounts.row([q(a.id), a.label, a.created_at ?? '', opt(a.type), opt(a.country), opt(a.status)].join(','));
  }
  // Links and payments may name accounts the accounts file lacks: the loader creates them labelled 'unknown'.
  const ensureAccount = async (id: string): Promise<void> => {
    if (known.has(id)) return;
    known.add(id);
    await accounts.row(`${q(id)},unknown,,,,`);
  };

  const identifierFiles = new Map<string, Csv>();
  const usesFiles = new Map<string, Csv>();
  const keys = new Map<string, Set<string>>();
  for (const label of Object.values(IDENTIFIER_LABELS)) {
    identifierFiles.set(label, new Csv(join(dir, `${label}.csv`), `key:ID(${label}),display,bin,last4,issuerCountry`));
    // END_ID names one ID space per file, hence one USES file per identifier label.
    usesFiles.set(
      label,
      new Csv(
        join(dir, `uses-${label}.csv`),
        `:START_ID(Account),:END_ID(${label}),count:long,firstSeen:datetime,lastSeen:datetime,seen:long[]`,
      ),
    );
    keys.set(label, new Set());
  }
  const done = new Set<string>();
  let current: string | undefined;
  let pending = new Map<string, { label: string; key: string; times: Set<number> }>();
  const flushLinks = async (): Promise<void> => {
    for (const { label, key, times } of pending.values()) {
      const sorted = [...times].sort((x, y) => x - y);
      await usesFiles
        .get(label)!
        .row(
          `${q(current!)},${q(key)},${sorted.length},${iso(sorted[0]!)},${iso(sorted[sorted.length - 1]!)},${sorted.join(';')}`,
        );
      counts.uses++;
    }
    pending = new Map();
  };
  for await (const row of readRecords(files.links)) {
    if (!row.raw) continue;
    const v = validateRecord('links', row.raw, { file: 'links.csv', line: row.line });
    if (!v.ok) {
      counts.rejected++;
      continue;
    }
    const l = v.record;
    if (l.account_id !== current) {
      if (current !== undefined) {
        await flushLinks();
        done.add(current);
      }
      if (done.has(l.account_id))
        throw new GroupedInput(`links.csv:${row.line}: the links of ${l.account_id} are not consecutive.`);
      current = l.account_id;
      await ensureAccount(current);
    }
    const label = IDENTIFIER_LABELS[l.kind];
    const seen = keys.get(label)!;
    if (!seen.has(l.key)) {
      seen.add(l.key);
      counts.identifiers++;
      await identifierFiles
        .get(label)!
        .row([q(l.key), opt(l.display), opt(l.bin), opt(l.last4), opt(l.issuer_country)].join(','));
    }
    const id = `${label}\u0000${l.key}`;
    let pair = pending.get(id);
    if (!pair) pending.set(id, (pair = { label, key: l.key, times: new Set() }));
    pair.times.add(Date.parse(l.seen_at));
  }
  if (current !== undefined) await flushLinks();
  done.clear();
  keys.clear();

  const paid = new Csv(
    join(dir, 'paid.csv'),
    ':START_ID(Account),:END_ID(Account),currency,count:long,total:double,firstAt:datetime,lastAt:datetime,keys:string[],ats:long[],amounts:double[]',
  );
  if (files.payments) {
    let payer: string | undefined;
    let open = new Map<string, { payee: string; currency: string; events: Map<string, [number, number]> }>();
    const flushPayments = async (): Promise<void> => {
      for (const { payee, currency, events } of open.values()) {
        const list = [...events].sort((x, y) => x[1][0] - y[1][0]);
        const ats = list.map(([, [at]]) => at);
        const amounts = list.map(([, [, amount]]) => amount);
        const total = amounts.reduce((s, x) => s + x, 0);
        await paid.row(
          [
            q(payer!),
            q(payee),
            currency,
            list.length,
            total,
            iso(ats[0]!),
            iso(ats[ats.length - 1]!),
            q(list.map(([key]) => key).join(';')),
            ats.join(';'),
            amounts.join(';'),
          ].join(','),
        );
        counts.paid++;
      }
      open = new Map();
    };
    const payers = new Set<string>();
    for await (const row of readRecords(files.payments)) {
      if (!row.raw) continue;
      const v = validateRecord('payments', row.raw, { file: 'payments.csv', line: row.line });
      if (!v.ok) {
        counts.rejected++;
        continue;
      }
      const p = v.record;
      if (p.payer !== payer) {
        if (payer !== undefined) {
          await flushPayments();
          payers.add(payer);
        }
        if (payers.has(p.payer))
          throw new GroupedInput(`payments.csv:${row.line}: the payments of ${p.payer} are not consecutive.`);
        payer = p.payer;
        await ensureAccount(payer);
      }
      await ensureAccount(p.payee);
      const id = `${p.payee}\u0000${p.currency}`;
      let rel = open.get(id);
      if (!rel) open.set(id, (rel = { payee: p.payee, currency: p.currency, events: new Map() }));
      // The loader's payment identity: the source id, else the time (a repeated identity is a replay).
      const at = Date.parse(p.at);
      const key = p.id !== undefined ? `id:${p.id}` : `t:${at}`;
      if (!rel.events.has(key)) rel.events.set(key, [at, p.amount]);
    }
    if (payer !== undefined) await flushPayments();
  }
  counts.accounts = known.size;
  await Promise.all([accounts, paid, ...identifierFiles.values(), ...usesFiles.values()].map((csv) => csv.close()));
  return {
    nodes: [
      ['Account', accounts.file],
      ...[...identifierFiles].map(([label, csv]): [string, string] => [label, csv.file]),
    ],
    relationships: [...[...usesFiles.values()].map((csv): [string, string] => ['USES', csv.file]), ['PAID', paid.file]],
    counts,
  };
}

/** Runs `neo4j-admin database import full` of the converted files into the instance's (stopped) `neo4j` database. */
export async function adminImport(
  inst: LocalInstanceOptions,
  converted: AdminImportFiles,
  reportFile: string,
): Promise<{ ms: number }> {
  const args = [
    'database',
    'import',
    'full',
    'neo4j',
    '--overwrite-destination=true',
    ...converted.nodes.map(([label, file]) => `--nodes=${label}=${file}`),
    ...converted.relationships.map(([type, file]) => `--relationships=${type}=${file}`),
    '--ignore-empty-strings=true',
    '--threads=2',
    `--report-file=${reportFile}`,
  ];
  const t0 = performance.now();
  const result = await neo4jAdmin(inst, args);
  if (result.code !== 0) throw new Error(`neo4j-admin import failed: ${(result.stderr || result.stdout).trim()}`);
  return { ms: performance.now() - t0 };
}

/**
 * The generated dataset (`npm run generate -- --accounts N --seed S`) converted for neo4j-admin, under
 * `<root>/bench/`: generated and converted on first use, then reused (both are deterministic for N and S), so the
 * detection and Louvain benchmarks work on the same files without paying the conversion twice.
 */
export async function convertedDataset(
  root: string,
  accounts: number,
  seed: number,
  log: (line: string) => void = () => {},
): Promise<{ dataDir: string; converted: AdminImportFiles; convertMs: number }> {
  const dataDir = join(root, 'bench', `gen-${accounts}-${seed}`);
  const csvDir = join(root, 'bench', `admin-csv-${accounts}-${seed}`);
  const marker = join(csvDir, 'converted.json');
  if (existsSync(marker)) {
    const cached = JSON.parse(readFileSync(marker, 'utf8')) as { converted: AdminImportFiles; convertMs: number };
    return { dataDir, ...cached };
  }
  await generatedDataset(dataDir, accounts, seed, log);
  log('Converting for neo4j-admin import …');
  rmSync(csvDir, { recursive: true, force: true });
  mkdirSync(csvDir, { recursive: true });
  const t0 = performance.now();
  const files = { accounts: 'accounts.csv', links: 'links.csv', payments: 'payments.csv' } as const;
  const converted = await convertForAdminImport(
    {
      accounts: join(dataDir, files.accounts),
      links: join(dataDir, files.links),
      payments: join(dataDir, files.payments),
    },
    csvDir,
  );
  const convertMs = performance.now() - t0;
  writeFileSync(marker, JSON.stringify({ converted, convertMs }));
  return { dataDir, converted, convertMs };
}

/**
 * The throw-away instance that holds the million-account store of the detection and neighbour-expansion
 * benchmarks (Bolt 7695), built by importStore.
 */
export function millionStoreInstance(root: string): LocalInstanceOptions & { root: string } {
  return {
    name: 'detect-bench',
    root,
    boltPort: 7695,
    httpPort: 7489,
    heapSize: '3g',
    pageCacheSize: '3g',
    log: (l) => console.error(l),
  };
}

/**
 * Replaces the instance's `neo4j` database with the generated dataset of `accounts` accounts, imported with
 * neo4j-admin (generating and converting it first when needed). Leaves the instance stopped.
 */
export async function importStore(
  inst: LocalInstanceOptions & { root: string },
  accounts: number,
  seed: number,
  log: (line: string) => void,
): Promise<{ converted: AdminImportFiles; convertMs: number; importMs: number }> {
  const { converted, convertMs } = await convertedDataset(inst.root, accounts, seed, log);
  const importDir = join(inst.root, 'bench', 'detect-e2e-import');
  mkdirSync(importDir, { recursive: true });
  await stop(inst).catch(() => {});
  rmSync(join(instancePaths(inst).home, 'data'), { recursive: true, force: true });
  log('Importing …');
  const imported = await adminImport(inst, converted, join(importDir, 'import.report'));
  return { converted, convertMs, importMs: imported.ms };
}

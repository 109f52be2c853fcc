/**
 * Builds a Neo4j store with `neo4j-admin database import full` instead of the loader, holding the same graph the
 * loader writes: the conversion is the one behind `npm run load -- --bulk` (server/ingest/bulk-convert.ts: the
 * loader's validation and normalisation, one USES per account–identifier pair, one PAID per payer, payee and
 * currency). Used by the ingest and detection benchmarks; a bulk import is how a million-account bench store is
 * built in a minute or two rather than in a quarter of an hour.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../server/config.ts';
import { generatedDataset } from './datasets.ts';
import { install, instancePaths, stop, type LocalInstanceOptions } from '../server/db/local-neo4j.ts';
import { convertSources, IDENTIFIER_LABELS } from '../server/ingest/bulk-convert.ts';
import { adminImport as runAdminImport } from '../server/ingest/bulk-load.ts';
import { fileSource } from '../server/ingest/sources.ts';

export { IDENTIFIER_LABELS };

export interface AdminImportFiles {
  nodes: Array<[label: string, file: string]>;
  relationships: Array<[type: string, file: string]>;
  multiline: boolean;
  counts: { accounts: number; identifiers: number; uses: number; paid: number; rejected: number };
}

/** The loader's graph of these files as neo4j-admin CSVs under `dir` (rejected rows are left out and counted). */
export async function convertForAdminImport(
  files: { accounts: string; links: string; payments?: string },
  dir: string,
): Promise<AdminImportFiles> {
  const sources = [
    await fileSource(files.accounts, 'accounts'),
    await fileSource(files.links, 'links'),
    ...(files.payments ? [await fileSource(files.payments, 'payments')] : []),
  ];
  const c = await convertSources(sources, dir, { skipInvalid: true });
  return { ...c.files, counts: { ...c.counts, rejected: c.rowsRejected } };
}

/** Runs `neo4j-admin database import full` of the converted files into the instance's (stopped) `neo4j` database. */
export async function adminImport(
  inst: LocalInstanceOptions,
  converted: AdminImportFiles,
  reportFile: string,
): Promise<{ ms: number }> {
  const r = await runAdminImport(inst, converted, reportFile, 2);
  return { ms: r.ms };
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
  // neo4j-admin comes with the server jars: on a fresh checkout nothing has installed them yet.
  await install({ root: inst.root, log });
  log('Importing …');
  const imported = await adminImport(inst, converted, join(importDir, 'import.report'));
  return { converted, convertMs, importMs: imported.ms };
}

/**
 * The throw-away home of the bulk-load benchmarks (bench/bulk-load.ts builds its store, bench/schema-apply.ts reuses
 * it): `<root>/bench/bulk-home`, its `main` instance on the given ports, heap 3g and page cache 3g.
 */
export function bulkBenchConfig(root: string, ports: { bolt: string; http: string }): { home: string; cfg: Config } {
  const home = join(root, 'bench', 'bulk-home');
  const cfg = loadConfig({
    ...process.env,
    NEO4J_URI: '',
    NEO4J_PASSWORD: '',
    RINGLENS_HOME: home,
    NEO4J_BOLT_PORT: ports.bolt,
    NEO4J_HTTP_PORT: ports.http,
    NEO4J_HEAP_SIZE: '3g',
    NEO4J_PAGECACHE_SIZE: '3g',
  });
  return { home, cfg };
}

/**
 * Ingest throughput: RingLens's loader against `neo4j-admin database import` (the peer ceiling) in the same run.
 *
 *   npx tsx bench/ingest-load.ts [--accounts 134000] [--seed 1] [--batch-size 10000]
 *
 * 1. Generates a dataset (134k accounts ≈ 1M link rows by default) with `npm run generate`.
 * 2. Starts a throw-away Neo4j instance (`bench`, Bolt 7697) with an empty store and the RingLens constraints.
 * 3. Loads accounts, then times the links file alone (rows/s) with the loader as a child process whose peak RSS
 *    (VmHWM) is read from /proc; then payments.
 * 4. Loads the same links file again (every MERGE hits existing data).
 * 5. Stops the server, converts the same data (normalised, one row per account–identifier pair) into
 *    neo4j-admin's CSV format and times `neo4j-admin database import full`; reports our rate as a fraction of it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Db } from '../server/db/database.ts';
import { instancePaths, start, stop, type LocalInstanceOptions } from '../server/db/local-neo4j.ts';
import { readRecords } from '../server/ingest/readers.ts';
import { adminImport, convertForAdminImport } from './admin-import.ts';
import { generatedDataset } from './datasets.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '134000' },
    seed: { type: 'string', default: '1' },
    'batch-size': { type: 'string', default: '10000' },
  },
});
const accounts = Number(values.accounts);
const root = resolve('.ringlens');
const dataDir = join(root, 'bench', `gen-${accounts}-${values.seed}`);
const inst: LocalInstanceOptions = {
  name: 'bench',
  root,
  boltPort: 7697,
  httpPort: 7484,
  heapSize: '4g',
  pageCacheSize: '4g',
  log: (l) => console.log(l),
};

function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; ms: number; peakRssMiB: number; cpuMs: number; out: string }> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let peak = 0;
    let cpuMs = 0;
    const timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
        cpuMs = cpuMsOf(child.pid!);
      } catch {
        // exited between polls
      }
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolveRun({ code: code ?? 1, ms: performance.now() - t0, peakRssMiB: peak, cpuMs, out });
    });
  });
}

/** CPU time (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The Neo4j server's CPU time so far (its pid from the instance's pid file). */
function neo4jCpuMs(): number {
  return cpuMsOf(Number(readFileSync(instancePaths(inst).pidFile, 'utf8').trim()));
}

async function countLines(path: string): Promise<number> {
  let n = -1; // header
  for await (const _ of readRecords(path)) n++;
  return n + 1;
}

async function freshStore(): Promise<{ uri: string; password: string }> {
  await stop(inst).catch(() => {});
  const p = instancePaths(inst);
  rmSync(join(p.home, 'data'), { recursive: true, force: true });
  const s = await start(inst);
  return { uri: s.uri, password: s.password };
}

const loaderArgs = (files: string[]) => [
  '--import',
  'tsx',
  'scripts/load.ts',
  '--batch-size',
  String(values['batch-size']),
  ...files,
];

async function main() {
  await generatedDataset(dataDir, accounts, Number(values.seed), (l) => console.log(l));
  const files = {
    accounts: join(dataDir, 'accounts.csv'),
    links: join(dataDir, 'links.csv'),
    payments: join(dataDir, 'payments.csv'),
  };
  const linkRows = await countLines(files.links);
  console.log(`Dataset: ${dataDir} (${linkRows} link rows)`);

  const conn = await freshStore();
  const env = { NEO4J_URI: conn.uri, NEO4J_PASSWORD: conn.password, CI: 'true' };
  // Apply the constraints first, as `npm start` does, so the timed load runs against the real schema.
  const db = await Db.connect({ uri: conn.uri, user: 'neo4j', password: conn.password, database: 'neo4j' });
  await db.applySchema();
  await db.close();

  const acc = await run(process.execPath, loaderArgs([files.accounts]), env);
  if (acc.code !== 0) throw new Error(acc.out);
  let cpu0 = neo4jCpuMs();
  const links1 = await run(process.execPath, loaderArgs([files.links]), env);
  if (links1.code !== 0) throw new Error(links1.out);
  const neo4jCpu1 = neo4jCpuMs() - cpu0;
  const pay = await run(process.execPath, loaderArgs([files.payments]), env);
  if (pay.code !== 0) throw new Error(pay.out);
  cpu0 = neo4jCpuMs();
  const links2 = await run(process.execPath, loaderArgs([files.links]), env);
  if (links2.code !== 0) throw new Error(links2.out);
  const neo4jCpu2 = neo4jCpuMs() - cpu0;
  await stop(inst);

  // Peer: neo4j-admin import of the same graph. Conversion (normalise + aggregate per pair) is timed separately.
  const importDir = join(root, 'bench', 'admin-import');
  rmSync(importDir, { recursive: true, force: true });
  mkdirSync(importDir, { recursive: true });
  const t0 = performance.now();
  // The peer imports accounts and links only: the timed loader figure is the links file's.
  const converted = await convertForAdminImport({ accounts: files.accounts, links: files.links }, importDir);
  const convertMs = performance.now() - t0;
  const p = instancePaths(inst);
  const { ms: importMs } = await adminImport(inst, converted, join(importDir, 'import.report'));
  rmSync(join(p.home, 'data'), { recursive: true, force: true });

  const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
  const perRow = (cpuMs: number) => ((cpuMs * 1000) / linkRows).toFixed(1);
  // If both processes kept every core busy and nothing else ran: the rate the machine's CPU allows at this cost.
  const ceiling = (serverMs: number, loaderMs: number) =>
    Math.round((cpus().length * 1e6) / (((serverMs + loaderMs) * 1000) / linkRows));
  const ours = rate(linkRows, links1.ms);
  const peer = rate(linkRows, importMs);
  const rows = [
    ['Link rows loaded', `${linkRows}`],
    [
      'First load of links.csv (empty store + constraints), wall time incl. validation pass',
      `${(links1.ms / 1000).toFixed(1)} s`,
    ],
    ['**First load rate**', `**${ours} link rows/s**`],
    ['Loader peak RSS (VmHWM) during the links load', `${links1.peakRssMiB.toFixed(0)} MiB`],
    [
      'Re-load of the same links.csv (all MERGEs hit existing data)',
      `${(links2.ms / 1000).toFixed(1)} s = ${rate(linkRows, links2.ms)} rows/s`,
    ],
    ['accounts.csv / payments.csv load', `${(acc.ms / 1000).toFixed(1)} s / ${(pay.ms / 1000).toFixed(1)} s`],
    [
      'Peer: `neo4j-admin database import full` of the same graph (2 threads)',
      `${(importMs / 1000).toFixed(1)} s = ${peer} link rows/s`,
    ],
    [
      'Conversion to neo4j-admin CSV (not in the peer time)',
      `${(convertMs / 1000).toFixed(1)} s (${converted.counts.uses} USES rows after aggregation)`,
    ],
    ['**Ours as a fraction of the peer**', `**${(ours / peer).toFixed(2)}×**`],
    [
      'CPU per link row, first load: Neo4j server / loader process',
      `${perRow(neo4jCpu1)} µs / ${perRow(links1.cpuMs)} µs → at most ${ceiling(neo4jCpu1, links1.cpuMs)} rows/s on ${cpus().length} cores`,
    ],
    [
      'CPU per link row, re-load: Neo4j server / loader process',
      `${perRow(neo4jCpu2)} µs / ${perRow(links2.cpuMs)} µs → at most ${ceiling(neo4jCpu2, links2.cpuMs)} rows/s on ${cpus().length} cores`,
    ],
  ];
  const table = ['| what | figure |', '| --- | --- |', ...rows.map(([x, y]) => `| ${x} | ${y} |`)].join('\n');
  console.log(`\n${table}`);
  recordResults(
    'ingest-load',
    'Ingest: loader vs neo4j-admin import',
    `npx tsx bench/ingest-load.ts --accounts ${accounts} --seed ${values.seed} --batch-size ${values['batch-size']}`,
    `Dataset: \`npm run generate -- --accounts ${accounts} --seed ${values.seed}\`. Loader run as a child process (\`scripts/load.ts\`, batch ${values['batch-size']}), Neo4j heap 4g / page cache 4g on the same 2 cores.\n\n${table}\n\nThe loader's time includes its full validation pass before the first write (the default), parsing, normalisation and the idempotent MERGE writes; neo4j-admin writes a new store offline with no MERGE and no transactions, so it is a ceiling, not a like-for-like peer. The CPU rows count all the Neo4j server's threads (query, commit, garbage collection) and the loader's (including its validation pass); the "at most" figure divides the machine's CPU by their sum.`,
  );
}

main().catch(async (err) => {
  console.error(err);
  await stop(inst).catch(() => {});
  process.exit(1);
});

/**
 * Bulk first load (`npm run load -- --bulk`) end to end against `neo4j-admin database import` alone on the same
 * files, in the same run.
 *
 *   npx tsx bench/bulk-load.ts [--accounts 1000000] [--seed 1] [--bolt-port 7787] [--http-port 7788]
 *
 * 1. Generates the dataset once (`npm run generate -- --accounts N --seed S`, reused afterwards).
 * 2. Ours: an empty throw-away home (RINGLENS_HOME=.ringlens/bench/bulk-home, its `main` instance on the given
 *    ports, heap 3g / page cache 3g) and bulkLoad() — what `npm run load -- --bulk accounts.csv links.csv
 *    payments.csv` runs: emptiness check, streaming conversion (validation, normalisation, aggregation), neo4j-admin
 *    import, start, schema (constraints and indexes online), IngestFile records. Each phase timed; peak RSS of this
 *    process (the converter) and of neo4j-admin's JVM sampled from /proc.
 * 3. The peer: the server stopped, `neo4j-admin database import full` alone on the CSVs the conversion wrote (same
 *    options, --overwrite-destination), timed the same way.
 * 4. Ratio of rates = peer time / our end-to-end time (goal ≥ 0.5, and under 3 minutes end to end).
 */
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bulkBenchConfig } from './admin-import.ts';
import { procMemMiB, processParents } from './proc.ts';
import { mainInstance } from '../server/db/instances.ts';
import { install, instancePaths, stop } from '../server/db/local-neo4j.ts';
import { adminImport, bulkLoad } from '../server/ingest/bulk-load.ts';
import { fileSource } from '../server/ingest/sources.ts';
import { generatedDataset } from './datasets.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    'bolt-port': { type: 'string', default: process.env.NEO4J_BULK_BENCH_BOLT_PORT ?? '7698' },
    'http-port': { type: 'string', default: process.env.NEO4J_BULK_BENCH_HTTP_PORT ?? '7485' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    [
      'Usage: npx tsx bench/bulk-load.ts [--accounts 1000000] [--seed 1] [--bolt-port 7698] [--http-port 7485]',
      '',
      '`npm run load -- --bulk` end to end (conversion, neo4j-admin import, start, schema, records) into a throw-away',
      'home (.ringlens/bench/bulk-home), then neo4j-admin import alone on the same CSVs; prints both, the ratio of',
      'their rates, and records them in bench/RESULTS.md (section bulk-load). Generates the dataset on first use.',
    ].join('\n'),
  );
  process.exit(0);
}
const accounts = Number(values.accounts);
const root = resolve('.ringlens');
const { home, cfg } = bulkBenchConfig(root, { bolt: values['bolt-port'], http: values['http-port'] });

/** Peak RSS (MiB) of this process and of its child JVMs, sampled every 200 ms. */
function rssSampler() {
  const peaks = { self: 0, children: 0 };
  const timer = setInterval(() => {
    peaks.self = Math.max(peaks.self, procMemMiB(process.pid, 'VmRSS'));
    for (const [pid, ppid] of processParents()) {
      if (ppid === process.pid) peaks.children = Math.max(peaks.children, procMemMiB(pid, 'VmRSS'));
    }
  }, 200);
  return {
    peaks,
    reset() {
      peaks.self = 0;
      peaks.children = 0;
    },
    stop: () => clearInterval(timer),
  };
}

async function main(): Promise<void> {
  const dataDir = await generatedDataset(
    join(root, 'bench', `gen-${accounts}-${values.seed}`),
    accounts,
    Number(values.seed),
  );
  const files = ['accounts.csv', 'links.csv', 'payments.csv'].map((f) => join(dataDir, f));
  const inst = mainInstance(cfg, (l) => console.error(l));
  // Neo4j's jars are installed before the clock starts: the install is a one-time step, not part of a load.
  await install({ root: home, log: (l) => console.error(l) });
  await stop(inst).catch(() => {});
  rmSync(join(instancePaths(inst).home, 'data'), { recursive: true, force: true });
  rmSync(instancePaths(inst).passwordFile, { force: true });

  const workDir = join(home, 'bulk-import');
  const rss = rssSampler();
  const sources = await Promise.all(files.map((f) => fileSource(f)));
  console.error('Ours: npm run load -- --bulk (in process) …');
  const loadBefore = loadavg();
  const t0 = performance.now();
  const ours = await bulkLoad(cfg, sources, { workDir, keepFiles: true, log: (l) => console.error(l) });
  const oursMs = performance.now() - t0;
  const oursPeak = { ...rss.peaks };
  await stop(inst);

  console.error('Peer: neo4j-admin database import full alone on the same CSVs …');
  rss.reset();
  const peer = await adminImport(inst, ours.convert.files, join(workDir, 'peer.report'));
  const peerPeak = { ...rss.peaks };
  rss.stop();
  rmSync(join(workDir, 'csv'), { recursive: true, force: true });

  const c = ours.convert;
  const ph = ours.phases;
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const links = c.byKind.links;
  const ratio = peer.ms / oursMs;
  const body = [
    `Dataset: \`npm run generate -- --accounts ${accounts} --seed ${values.seed}\` (${c.rowsRead} rows: ${c.byKind.accounts} accounts, ${links} links, ${c.byKind.payments} payments). Ours is \`bulkLoad()\`, the code behind \`npm run load -- --bulk\`, into an empty throw-away home (Neo4j heap 3g, page cache 3g); the peer is \`neo4j-admin database import full\` alone on the CSVs our conversion wrote (same options), right after, in the same run, on the same 2 cores.`,
    '',
    '| phase | ours (end to end) | neo4j-admin import alone |',
    '| --- | --- | --- |',
    `| check the store is empty | ${s(ph.checkMs)} | |`,
    `| convert (read, validate, normalise, aggregate, write CSV) | ${s(ph.convertMs)} | |`,
    `| neo4j-admin database import full | ${s(ph.importMs)} | ${s(peer.ms)} |`,
    `| start the server | ${s(ph.startMs)} | |`,
    `| schema: constraints and indexes created and online | ${s(ph.schemaMs)} | |`,
    `| record the loaded files (content hash + IngestFile) | ${s(ph.recordMs)} | |`,
    `| **total** | **${s(oursMs)}** | **${s(peer.ms)}** |`,
    `| link rows per second | ${Math.round(links / (oursMs / 1000))} | ${Math.round(links / (peer.ms / 1000))} |`,
    `| peak RSS: converter (this Node process) / neo4j-admin JVM | ${Math.round(oursPeak.self)} MiB / ${Math.round(oursPeak.children)} MiB | — / ${Math.round(peerPeak.children)} MiB |`,
    '',
    `**Ours as a fraction of the peer's rate: ${ratio.toFixed(2)}×** (goal ≥ 0.5×; end to end ${s(oursMs)}, goal < 180 s).`,
    '',
    `Store: ${ours.nodes} nodes (${c.counts.accounts} accounts, ${c.counts.identifiers} identifiers), ${ours.relationships} relationships (${c.counts.uses} USES, ${c.counts.paid} PAID); ${c.rowsRejected} rows rejected; relationships grouped ${c.spilled ? 'through spill files' : 'in one streaming pass (rows arrive grouped by account)'}.`,
    `Load average (1 / 5 / 15 min) on ${cpus().length} cores: ${fmtLoad(loadBefore)} when ours started, ${fmtLoad(loadavg())} when the peer finished.`,
  ].join('\n');
  console.log(body);
  recordResults(
    'bulk-load',
    'Bulk first load: npm run load -- --bulk against neo4j-admin import alone',
    `npx tsx bench/bulk-load.ts --accounts ${accounts} --seed ${values.seed}`,
    body,
  );
}

function fmtLoad(l: number[]): string {
  return l.map((x) => x.toFixed(1)).join(' / ');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

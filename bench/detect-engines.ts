/**
 * `--engine local` against `--engine spark` on one generated marketplace in Neo4j: the same rings (compared finding by
 * finding), and the partition step (stage 1) timed both ways — in-process union–find (partitionAccounts) against the
 * Spark job (JVM start, Neo4j Connector read, GraphX connected components, CSV out).
 *
 *   npx tsx bench/detect-engines.ts [--accounts 100000] [--seed 1] [--master local[2]] [--driver-memory 2g] [--keep]
 *
 * The store is built with neo4j-admin (bench/admin-import.ts) into a throw-away instance `engines-bench` on
 * NEO4J_ENGINES_BENCH_BOLT_PORT / _HTTP_PORT (default 7697 / 7491). Figures go to bench/RESULTS.md.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Db } from '../server/db/database.ts';
import { start, stop } from '../server/db/local-neo4j.ts';
import { partitionAccounts } from '../server/detect/partition.ts';
import { detectRings, type DetectRingsResult } from '../server/detect/pipeline.ts';
import { runDetection } from '../server/runs/detection-service.ts';
import { importStore } from './admin-import.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    master: { type: 'string', default: 'local[2]' },
    'driver-memory': { type: 'string', default: '2g' },
    keep: { type: 'boolean', default: false },
  },
});
const accounts = Number(values.accounts);
const inst = {
  name: 'engines-bench',
  root: resolve('.ringlens'),
  boltPort: Number(process.env.NEO4J_ENGINES_BENCH_BOLT_PORT ?? 7697),
  httpPort: Number(process.env.NEO4J_ENGINES_BENCH_HTTP_PORT ?? 7491),
  heapSize: '2g',
  pageCacheSize: '2g',
  log: (l: string) => console.error(l),
};

function findings(result: DetectRingsResult): string {
  return JSON.stringify(result.rings.map((r) => [r.id, r.kind, r.members, r.score, r.flagged, r.reasons]));
}

async function main(): Promise<void> {
  const { converted } = await importStore(inst, accounts, Number(values.seed), (l) => console.error(l));
  const conn = await start(inst);
  const db = await Db.connect({ uri: conn.uri, user: conn.user, password: conn.password, database: 'neo4j' });
  try {
    await db.applySchema();
    let localPartitionMs = 0;
    console.error('Detecting with --engine local …');
    const local = await runDetection(db, {
      detector: (input) =>
        detectRings({
          ...input,
          partition: async (projection, settings) => {
            const t0 = performance.now();
            const parts = partitionAccounts(projection, settings);
            localPartitionMs = performance.now() - t0;
            return parts;
          },
        }),
    });
    console.error(`Detecting with --engine spark (${values.master}) …`);
    let sparkJobMs = 0;
    const spark = await runDetection(db, {
      engine: {
        kind: 'spark',
        master: values.master,
        driverMemory: values['driver-memory'],
        onJob: (job) => (sparkJobMs = job.ms),
      },
    });
    const same = findings(local.result) === findings(spark.result);
    const unchanged = spark.result.rings.filter((r) => r.status === 'unchanged').length;
    const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    const rows = [
      ['rings and pairs reported', String(local.result.rings.length), String(spark.result.rings.length)],
      [
        'parts (strong-tie components of ≥ 2 accounts)',
        String(local.result.counts.partition.parts),
        String(spark.result.counts.partition.parts),
      ],
      [
        'partition step',
        `${(localPartitionMs / 1000).toFixed(3)} s (partitionAccounts, in process)`,
        `${s(sparkJobMs)} (Spark job, ${values.master})`,
      ],
      ['detection total (runDetection)', s(local.timings.total), s(spark.timings.total)],
    ];
    const table = [
      '| | `--engine local` | `--engine spark` |',
      '| --- | --- | --- |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
    const load = `Load average when done: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min) on ${cpus().length} cores.`;
    const verdict = same
      ? `Same findings from both engines: ${spark.result.rings.length} of ${spark.result.rings.length} identical (id, kind, members, score, flagged, reasons); the Spark run matched every one of the local run's as unchanged (${unchanged}).`
      : `**Findings differ** between the engines (${unchanged} of ${spark.result.rings.length} unchanged).`;
    console.log(`\n${table}\n\n${verdict}\n${load}`);
    recordResults(
      `detect-engines-${accounts}`,
      `Detection engines at ${accounts} accounts: local against Spark`,
      `npx tsx bench/detect-engines.ts --accounts ${accounts} --seed ${values.seed} --master ${values.master} --driver-memory ${values['driver-memory']}`,
      `Store: ${converted.counts.accounts} accounts, ${converted.counts.uses} USES (neo4j-admin import of \`npm run generate -- --accounts ${accounts} --seed ${values.seed}\`); default settings; the local run first, then the Spark run (which matches its findings against the local run's).\n\n${table}\n\n${verdict} ${load}`,
    );
    if (!same) process.exitCode = 1;
  } finally {
    await db.close();
    if (!values.keep) await stop(inst).catch(() => {});
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

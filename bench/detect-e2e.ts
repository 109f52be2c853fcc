/**
 * End-to-end ring detection on a generated marketplace in Neo4j: the projection streamed out of the database,
 * Louvain and the repairs, scoring, and the rings written back — `runDetection` (server/runs/detection-service.ts),
 * exactly what `npm run detect` and the API run.
 *
 *   npx tsx bench/detect-e2e.ts [--accounts 1000000] [--seed 1] [--keep] [--record detect-e2e]
 *                               [--heap MiB] [--neo4j-heap 3g] [--neo4j-pagecache 3g] [--reuse-store] [--runs 2]
 *                               [--engine local|spark] [--master local[2]] [--driver-memory 4g]
 *
 * --heap sets the detection child's V8 old space (`--max-old-space-size`; default Node's own limit); the Neo4j
 * options size the throw-away instance (10M accounts: a bigger page cache than the 1M default of 3g).
 * --reuse-store skips the import when the instance already holds the dataset (checked by its account count: a 10M
 * import takes half an hour); --runs 1 measures the cold run only. --engine spark runs stage 1 with the Spark job
 * (engine/spark, reading the links through the Neo4j Connector), as `npm run detect -- --engine spark` does; the
 * job's wall time and the peak RSS of the detection child's own children (the Spark JVM) are reported too.
 *
 * 1. Generates the dataset (`npm run generate`) and converts it for neo4j-admin, unless already done.
 * 2. Builds the store with `neo4j-admin database import` (bench/admin-import.ts: the loader's graph, the loader's
 *    normalisation; loading a million accounts through the loader takes ten times longer) into a throw-away
 *    instance `detect-bench` (Bolt 7695), starts it and applies the RingLens schema.
 * 3. Runs detection in a child process (so its peak RSS, VmHWM, is its own) and reports each phase.
 * 4. Stops the instance (unless --keep) and records the figures in bench/RESULTS.md, in the section named by --record.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addCypherDir } from '../server/db/cypher.ts';
import { Db } from '../server/db/database.ts';
import { instancePaths, start, stop } from '../server/db/local-neo4j.ts';
import { runDetection, type RunPhase } from '../server/runs/detection-service.ts';
import { convertedDataset, importStore, millionStoreInstance } from './admin-import.ts';
import { procMemMiB, processParents } from './proc.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    record: { type: 'string', default: 'detect-e2e' },
    heap: { type: 'string' },
    'neo4j-heap': { type: 'string', default: '3g' },
    'neo4j-pagecache': { type: 'string', default: '3g' },
    'reuse-store': { type: 'boolean', default: false },
    runs: { type: 'string', default: '2' },
    engine: { type: 'string', default: 'local' },
    master: { type: 'string', default: 'local[2]' },
    'driver-memory': { type: 'string', default: '4g' },
    child: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
addCypherDir(join(import.meta.dirname, 'cypher'));
const accounts = Number(values.accounts);
const root = resolve('.ringlens');
const DETECT_BENCH = {
  ...millionStoreInstance(root),
  heapSize: values['neo4j-heap'],
  pageCacheSize: values['neo4j-pagecache'],
};

interface ChildReport {
  runId: string;
  /** Wall time of the Spark partition job (--engine spark), part of the communities phase. */
  sparkJobMs?: number;
  phases: Record<string, number>;
  counts: { accounts: number; edges: number; groups: number; payments: number; rings: number; flagged: number };
  maxRssMiB: number;
}

/** Resident memory (MiB) of every descendant of `root` (not `root` itself), summed. */
function descendantsRssMiB(root: number): number {
  const parent = processParents();
  let mib = 0;
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1 && p !== root) p = parent.get(p);
    if (p === root) mib += procMemMiB(pid, 'VmRSS');
  }
  return mib;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{
    code: number;
    ms: number;
    peakRssMiB: number;
    peakChildrenRssMiB: number;
    out: string;
    err: string;
  }>((done, fail) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let peak = 0;
    let peakChildren = 0;
    let polls = 0;
    const timer = setInterval(() => {
      try {
        peak = Math.max(peak, procMemMiB(child.pid!, 'VmHWM'));
        // The Spark JVM, when there is one: a scan of /proc every second is enough for a job of minutes.
        if (++polls % 10 === 0) peakChildren = Math.max(peakChildren, descendantsRssMiB(child.pid!));
      } catch {
        // exited between two polls
      }
    }, 100);
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(timer);
      done({
        code: code ?? 1,
        ms: performance.now() - t0,
        peakRssMiB: peak,
        peakChildrenRssMiB: peakChildren,
        out,
        err,
      });
    });
  });
}

/** The child: one detection run against NEO4J_URI, phase times from its progress events. */
async function child(): Promise<void> {
  const db = await Db.connect({
    uri: process.env.NEO4J_URI!,
    user: 'neo4j',
    password: process.env.NEO4J_PASSWORD!,
    database: 'neo4j',
  });
  try {
    const t0 = performance.now();
    const lastSeen = new Map<RunPhase, number>();
    let sparkJobMs: number | undefined;
    const engine = process.env.RINGLENS_BENCH_ENGINE === 'spark' ? 'spark' : 'local';
    const run = await runDetection(db, {
      ...(engine === 'spark'
        ? {
            engine: {
              kind: 'spark' as const,
              master: process.env.RINGLENS_BENCH_MASTER,
              driverMemory: process.env.RINGLENS_BENCH_DRIVER_MEMORY,
              onJob: ({ ms }: { ms: number }) => (sparkJobMs = ms),
            },
          }
        : {}),
      onProgress: ({ phase }) => {
        const now = performance.now() - t0;
        lastSeen.set(phase, now);
      },
    });
    const wall = performance.now() - t0;
    const t = run.timings;
    // runDetection = lock + set-up (run record, previous rings) + the pipeline + write-back; the pipeline's own
    // 'project' phase is streaming the groups, streaming the payments and building the projection, told apart by the
    // last progress event of each stream.
    const pipeline = t.project + t.communities + t.lookup + t.score + t.match;
    const setup = Math.max(0, wall - t.write - pipeline);
    const groupsEnd = lastSeen.get('project') ?? setup;
    const paymentsEnd = lastSeen.get('payments') ?? groupsEnd;
    const report: ChildReport = {
      runId: run.id,
      ...(sparkJobMs !== undefined ? { sparkJobMs } : {}),
      phases: {
        'lock, run record, previous rings': setup,
        'stream identifier groups from Neo4j (projecting as they come)': groupsEnd - setup,
        'stream payments from Neo4j': paymentsEnd - groupsEnd,
        'build the projection (triangle transfers, CSR)': t.project - (paymentsEnd - setup),
        'communities (Louvain, refinement, repairs)': t.communities,
        'account lookup (ring candidates)': t.lookup,
        score: t.score,
        'match against previous rings': t.match,
        'write rings back': t.write,
        total: wall,
      },
      counts: {
        accounts: run.result.counts.accounts,
        edges: run.result.counts.edges,
        groups: run.result.counts.groups,
        payments: run.result.counts.payments,
        rings: run.result.rings.length,
        flagged: run.result.counts.flagged,
      },
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    };
    console.log(JSON.stringify(report));
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const log = (l: string): void => console.error(l);
  const seed = Number(values.seed);
  const storeThere = existsSync(join(instancePaths(DETECT_BENCH).home, 'data', 'databases', 'neo4j'));
  const reuse = values['reuse-store'] && storeThere;
  const { converted, convertMs, importMs } = reuse
    ? { ...(await convertedDataset(root, accounts, seed, log)), importMs: undefined }
    : await importStore(DETECT_BENCH, accounts, seed, log);
  const s0 = performance.now();
  const conn = await start(DETECT_BENCH);
  const startMs = performance.now() - s0;
  const db = await Db.connect({ uri: conn.uri, user: conn.user, password: conn.password, database: 'neo4j' });
  if (reuse) {
    // The store must hold this dataset: its account count is the converted files' (a 1M store is not a 10M one).
    const [{ n }] = await db.read<{ n: number }>('bench-account-count.read');
    if (Number(n) !== converted.counts.accounts) {
      await db.close();
      throw new Error(
        `--reuse-store: the detect-bench store holds ${n} accounts, not the ${converted.counts.accounts} of this dataset; run without --reuse-store to import it.`,
      );
    }
    log(`Reusing the imported store (${n} accounts).`);
  }
  const a0 = performance.now();
  await db.applySchema({ concurrency: 4 });
  // Wait for the indexes on the imported store to come online, as `npm run load -- --bulk` does: detecting while
  // they still populate measures the population (and plans made without them), not detection.
  await db.read('schema-await.read');
  const schemaMs = performance.now() - a0;
  await db.close();

  try {
    // Twice: right after the import (cold page cache, no previous rings) and again (warm; the second run matches
    // its rings against the first's and updates them), as a nightly run on a long-running server would.
    const runs: Array<{ report: ChildReport; ms: number; peakRssMiB: number; peakChildrenRssMiB: number }> = [];
    const labels = ['first run (cold)', 'second run (warm)'].slice(0, Math.max(1, Math.min(2, Number(values.runs))));
    for (const label of labels) {
      console.error(`Detecting (${label}, --engine ${values.engine}) …`);
      const heap = values.heap ? [`--max-old-space-size=${Number(values.heap)}`] : [];
      // With the young-generation size `npm run detect` and `npm run nightly` give detection (package.json).
      const flags = ['--max-semi-space-size=64', ...heap];
      const detection = await run(process.execPath, [...flags, '--import', 'tsx', 'bench/detect-e2e.ts', '--child'], {
        NEO4J_URI: conn.uri,
        NEO4J_PASSWORD: conn.password,
        RINGLENS_BENCH_ENGINE: values.engine,
        RINGLENS_BENCH_MASTER: values.master,
        RINGLENS_BENCH_DRIVER_MEMORY: values['driver-memory'],
      });
      if (detection.code !== 0) throw new Error(`Detection failed: ${detection.err || detection.out}`);
      const report = JSON.parse(detection.out.trim().split('\n').pop()!) as ChildReport;
      runs.push({
        report,
        ms: detection.ms,
        peakRssMiB: detection.peakRssMiB,
        peakChildrenRssMiB: detection.peakChildrenRssMiB,
      });
    }
    const spark = values.engine === 'spark';
    const s = (ms: number | undefined): string => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
    const n = converted.counts;
    const rows: string[][] = [
      ...Object.keys(runs[0]!.report.phases).flatMap((phase): string[][] => {
        const cells = runs.map((r) => s(r.report.phases[phase]));
        const row = phase === 'total' ? ['**runDetection total**', ...cells.map((x) => `**${x}**`)] : [phase, ...cells];
        return spark && phase.startsWith('communities')
          ? [
              row,
              [
                'of which the Spark partition job (JVM start, connector read, GraphX, parts out)',
                ...runs.map((r) => s(r.report.sparkJobMs)),
              ],
            ]
          : [row];
      }),
      ['Child process wall time (incl. tsx start-up and connecting)', ...runs.map((r) => s(r.ms))],
      ['**Peak RSS of the detection process (VmHWM)**', ...runs.map((r) => `**${r.peakRssMiB.toFixed(0)} MiB**`)],
      ...(spark
        ? [
            [
              'Peak RSS of its child processes (the Spark JVM), sampled every second',
              ...runs.map((r) => `${r.peakChildrenRssMiB.toFixed(0)} MiB`),
            ],
          ]
        : []),
    ];
    const c = runs[0]!.report.counts;
    const shape = `Projection: ${c.accounts} accounts, ${c.edges} edges from ${c.groups} identifier groups and ${c.payments} payment edges; ${c.rings} rings written (score ≥ reportThreshold), ${c.flagged} flagged.`;
    const setup: Array<[string, string]> = [
      [
        'Store',
        `${n.accounts} accounts, ${n.identifiers} identifiers, ${n.uses} USES, ${n.paid} PAID (neo4j-admin import of the loader's graph)`,
      ],
      [
        'Conversion to neo4j-admin CSV / import / start / schema',
        `${s(convertMs)} / ${reuse ? 'reused (imported by an earlier run)' : s(importMs)} / ${s(startMs)} / ${s(schemaMs)}`,
      ],
    ];
    const table = (r: string[][], head = ['what', 'figure']): string =>
      [`| ${head.join(' | ')} |`, `|${' --- |'.repeat(head.length)}`, ...r.map((x) => `| ${x.join(' | ')} |`)].join(
        '\n',
      );
    const phases = table(rows, ['phase', ...labels]);
    const load = `Load average when done: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min) on ${cpus().length} cores.`;
    console.log(`\n${phases}\n\n${shape}\n${load}\n\n${table(setup)}`);
    const opts = [
      values.record === 'detect-e2e' ? '' : ` --record ${values.record}`,
      values.heap ? ` --heap ${values.heap}` : '',
      values['neo4j-heap'] === '3g' ? '' : ` --neo4j-heap ${values['neo4j-heap']}`,
      values['neo4j-pagecache'] === '3g' ? '' : ` --neo4j-pagecache ${values['neo4j-pagecache']}`,
      reuse ? ' --reuse-store' : '',
      runs.length === 2 ? '' : ` --runs ${runs.length}`,
      spark ? ` --engine spark --master ${values.master} --driver-memory ${values['driver-memory']}` : '',
    ].join('');
    const how = spark
      ? `\`runDetection\` with the default settings and \`engine: spark\` (\`npm run detect -- --engine spark --master ${values.master}\`: stage 1 by the Spark job reading the links through the Neo4j Connector, driver \`-Xmx${values['driver-memory']}\`)`
      : '`runDetection` with the default settings';
    recordResults(
      values.record,
      `Detection end to end: Neo4j projection, ${spark ? 'Spark partition job, ' : ''}Louvain, scoring, write-back`,
      `npx tsx bench/detect-e2e.ts --accounts ${accounts} --seed ${values.seed}${opts}`,
      `Dataset: \`npm run generate -- --accounts ${accounts} --seed ${values.seed}\`, imported with neo4j-admin into a throw-away instance (heap ${DETECT_BENCH.heapSize}, page cache ${DETECT_BENCH.pageCacheSize}); ${how} in a child process${values.heap ? ` (\`--max-old-space-size=${values.heap}\`)` : ''}, on the same 2 cores as the server. Goal: ≤ 60 s and ≤ 4 GiB peak RSS.\n\n${phases}\n\n${shape} ${load}\n\nSet-up (not part of detection):\n\n${table(setup)}`,
    );
  } finally {
    if (!values.keep) await stop(DETECT_BENCH).catch(() => {});
  }
}

if (values.help) {
  console.log(
    [
      'Usage: npx tsx bench/detect-e2e.ts [--accounts 1000000] [--seed 1] [--keep] [--record detect-e2e]',
      '         [--heap MiB] [--neo4j-heap 3g] [--neo4j-pagecache 3g] [--reuse-store] [--runs 1|2]',
      '         [--engine local|spark] [--master local[2]] [--driver-memory 4g]',
    ].join('\n'),
  );
} else if (values.child) {
  child().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch(async (err: unknown) => {
    console.error(err);
    await stop(DETECT_BENCH).catch(() => {});
    process.exit(1);
  });
}

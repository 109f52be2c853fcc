/**
 * `npm run detect -- [options]`: runs ring detection over the loaded graph and stores the run and its rings.
 * Exit codes: 0 done, 1 failed, 2 bad usage, 4 another detection run holds the lock.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { settingSchema } from '../contracts/detection-settings.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { DEFAULT_SETTINGS } from '../server/detect/settings.ts';
import { countByKind, kindOf, type Finding } from '../server/rings/findings.ts';
import { runDetection } from '../server/runs/detection-service.ts';
import { DEFAULT_SPARK_MASTER } from '../server/engine/spark-engine.ts';
import { checkOptions, parseOptions, runMain, UsageError } from './lib/cli.ts';
import { progress, type Progress } from './lib/progress.ts';

const HELP = `Usage: npm run detect -- [options]

Finds suspected fraud rings: projects accounts that share identifiers into a weighted graph (crowds of more than
--max-sharers accounts are left out and reported), runs Louvain per connected component with connectivity and
resolution-limit repairs, scores each community of 3+ accounts 0–100 with reasons, keeps ring ids stable across
runs and stores everything in Neo4j. Formula and defaults: server/detect/settings.ts.

Options:
  --resolution <γ>       Louvain resolution (default ${DEFAULT_SETTINGS.resolution}; higher = smaller communities)
  --seed <n>             random seed (default ${DEFAULT_SETTINGS.seed}; same seed + same data = same rings)
  --max-sharers <n>      an identifier shared by more accounts is a crowd (default ${DEFAULT_SETTINGS.maxSharers})
  --alert-threshold <s>  score at which a ring is flagged (default ${DEFAULT_SETTINGS.alertThreshold})
  --engine <local|spark> who finds the parts (strong-tie components): local (default) in this process; spark runs
                         the Spark job (engine/spark, built on first use with Maven) against the same Neo4j. The
                         per-part analysis, scores and stored run are the same either way.
  --master <url>         Spark master for --engine spark (default ${DEFAULT_SPARK_MASTER}); the job runs under plain java
                         from this machine, so local[N] is what is tested; on YARN or Kubernetes run the job with
                         spark-submit (README, "Partitioning on Apache Spark")
  --driver-memory <size> Spark driver heap for --engine spark (default 2g)
  --incremental          read only what loads changed since the last --incremental run, from its cache of that run's
                         input under RINGLENS_HOME/cache (the same rings; the whole graph when there is no usable
                         cache yet, and the first run makes it). npm run nightly does this by default
  --full-read            with --incremental: read the whole graph and refresh the cache (after changing the graph by
                         other means than RingLens's loader)
  --workers <n>          worker threads for the per-part analysis (default 1: in this process); same rings for any n
  --max-part-accounts <n> cut parts of more accounts along their weakest ties before analysis (default: none cut);
                         the run reports how many parts were cut
  --json                 print the run summary as JSON
  -h, --help

Exit codes: 0 done, 1 failed, 2 bad usage, 4 another detection run is in progress.`;

// The bounds of the API (POST /api/detect) and of the detection code: contracts/detection-settings.ts.
const Args = z.object({
  resolution: settingSchema('resolution', { coerce: true }).optional(),
  seed: settingSchema('seed', { coerce: true }).optional(),
  'max-sharers': settingSchema('maxSharers', { coerce: true }).optional(),
  'alert-threshold': settingSchema('alertThreshold', { coerce: true }).optional(),
  engine: z.enum(['local', 'spark']).default('local'),
  master: z.string().min(1).optional(),
  'driver-memory': z
    .string()
    .regex(/^\d+[kmgKMG]?$/, 'a JVM size such as 2g or 512m')
    .optional(),
  workers: z.coerce.number().int().min(1).max(64).default(1),
  'max-part-accounts': z.coerce.number().int().min(2).optional(),
  incremental: z.boolean().default(false),
  'full-read': z.boolean().default(false),
  json: z.boolean().default(false),
});

async function main(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    resolution: { type: 'string' },
    seed: { type: 'string' },
    'max-sharers': { type: 'string' },
    'alert-threshold': { type: 'string' },
    engine: { type: 'string' },
    master: { type: 'string' },
    'driver-memory': { type: 'string' },
    workers: { type: 'string' },
    'max-part-accounts': { type: 'string' },
    incremental: { type: 'boolean' },
    'full-read': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const args = checkOptions(Args, values);
  if (args.engine !== 'spark' && (args.master !== undefined || args['driver-memory'] !== undefined)) {
    throw new UsageError('--master and --driver-memory go with --engine spark.');
  }
  if (args['full-read'] && !args.incremental) throw new UsageError('--full-read goes with --incremental.');
  const config = loadConfig();
  const db = await connect(config, (l) => console.error(l));
  const bars = new Map<string, Progress>();
  let sparkMs: number | undefined;
  try {
    const run = await runDetection(db, {
      settings: {
        ...(args.resolution !== undefined ? { resolution: args.resolution } : {}),
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args['max-sharers'] !== undefined ? { maxSharers: args['max-sharers'] } : {}),
        ...(args['alert-threshold'] !== undefined ? { alertThreshold: args['alert-threshold'] } : {}),
      },
      engine:
        args.engine === 'spark'
          ? {
              kind: 'spark',
              master: args.master,
              driverMemory: args['driver-memory'],
              onJob: (job) => (sparkMs = job.ms),
            }
          : { kind: 'local' },
      workers: args.workers,
      ...(args.incremental
        ? { inputCache: { dir: join(config.RINGLENS_HOME, 'cache'), full: args['full-read'] } }
        : {}),
      ...(args['max-part-accounts'] !== undefined ? { maxPartAccounts: args['max-part-accounts'] } : {}),
      onProgress: (p) => {
        if (args.json) return;
        let bar = bars.get(p.phase);
        if (!bar) {
          for (const b of bars.values()) b.stop();
          bar = progress(
            p.phase.padEnd(11),
            p.phase === 'project' ? 'groups' : p.phase === 'write' ? 'rings' : 'items',
          );
          bars.set(p.phase, bar);
        }
        bar.update(p.done, p.total);
      },
    });
    for (const b of bars.values()) b.stop();
    const r = run.result;
    const byKind = countByKind(r.rings as readonly Finding[]);
    const leftOut = { placeholder: 0, generic: 0, organisation: 0, 'handed-on': 0 };
    for (const e of r.excluded) leftOut[e.reason]++;
    const summary = {
      id: run.id,
      rings: r.rings.length,
      flagged: r.counts.flagged,
      byKind,
      candidates: r.counts.candidates,
      crowds: r.crowds.length,
      leftOut,
      modularity: r.modularity,
      changes: r.diff.counts,
      parts: r.counts.partition,
      input: run.input,
      timingsMs: { ...run.timings, ...(sparkMs !== undefined ? { sparkJob: sparkMs } : {}) },
    };
    if (args.json) {
      console.log(JSON.stringify(summary));
      return 0;
    }
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      [
        `Detection run ${run.id} finished in ${s(run.timings.total)}:`,
        `  ${byKind.ring.reported} rings reported, ${byKind.ring.flagged} flagged; ${byKind.pair.reported} duplicate-account pairs reported, ${byKind.pair.flagged} flagged (score ≥ ${r.settings.alertThreshold}); modularity ${r.modularity.toFixed(4)}`,
        `  changes since the last run: ${
          Object.entries(r.diff.counts)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ') || 'none'
        }`,
        `  ${r.crowds.length} crowd identifier(s) left out (more than ${r.settings.maxSharers} accounts); also left out: ${leftOut.placeholder} placeholder(s), ${leftOut.generic} generic identifier(s), ${leftOut.organisation} organisation identifier(s), ${leftOut['handed-on']} handed on (second-hand devices, reassigned numbers)`,
        `  parts: ${r.counts.partition.parts} found by ${r.counts.partition.engine}${sparkMs !== undefined ? ` (Spark job ${s(sparkMs)})` : ''}, largest ${r.counts.partition.largestPart} accounts; analysed by ${r.counts.partition.workers} worker(s)${
          r.counts.partition.splitParts > 0
            ? `; ${r.counts.partition.splitParts} part(s) over --max-part-accounts (largest ${r.counts.partition.largestSplit}) cut into ${r.counts.partition.pieces} pieces`
            : ''
        }`,
        run.input.mode === 'incremental'
          ? `  input: the cached input and what loads changed since (${run.input.changedIdentifiers} identifier(s), ${run.input.changedPayers} payer(s), ${run.input.changedAccounts} account(s)), read in ${s(run.input.readMs ?? 0)}`
          : `  input: the whole graph (${run.input.reason})`,
        ...(run.input.saveError ? [`  warning: the input was not kept for the next run: ${run.input.saveError}`] : []),
        `  phases: input ${s(run.timings.input)}, projection ${s(r.timings.project)}, communities ${s(r.timings.communities)}, lookups ${s(r.timings.lookup)}, scoring ${s(r.timings.score)}, matching ${s(r.timings.match)}, write-back ${s(run.timings.write)}${args.incremental ? `, cache save ${s(run.timings.cacheSave)}` : ''}`,
        ...r.rings
          .slice(0, 5)
          .map(
            (ring) =>
              `  ${ring.id}  ${kindOf(ring)}  score ${ring.score}  ${ring.members.length} accounts — ${ring.reasons[0] ?? ''}`,
          ),
      ].join('\n'),
    );
    return 0;
  } finally {
    for (const b of bars.values()) b.stop();
    await db.close();
  }
}

runMain(() => main(process.argv.slice(2)), {
  failed: 'Detection failed',
  retryHint: 'run it again; the next finished run replaces it.',
  exitCodes: [1, 2, 4],
});

/**
 * In-process detection at scale, offline: the generated files read without a database and `detectRings` run in a
 * CHILD process (so its peak RSS, VmHWM, is its own), with the time and the peak RSS so far at the end of every
 * phase. Several sizes in one run, so their ratio is measured on the same machine and load.
 *
 *   npx tsx bench/detect-scale.ts [--accounts 1000000,10000000] [--seed 1] [--heap 12288] [--reader compact|full]
 *                                 [--spark [--master local[2]] [--driver-memory 8g]] [--record detect-scale]
 *
 * `--spark` also runs the Spark partition job (engine/spark, `npm run spark:build` first) on the same normalised
 * links (`--links-csv`) after each detection child has exited, and checks its parts equal partitionAccounts's
 * (bench/spark-scale.ts).
 *
 * `--reader compact` (default) is server/eval/offline-input-compact.ts; `full` is server/eval/offline-input.ts (every
 * identifier a group: ~6 GiB at 1M accounts). Each size is generated (`npm run generate`) into
 * .ringlens/bench/gen-N-S unless already there. `--heap` is the child's --max-old-space-size in MiB (V8's default is
 * about 4 GiB here; typed arrays live outside that heap).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { partitionAccounts } from '../server/detect/partition.ts';
import { detectRings, type DetectPhase } from '../server/detect/pipeline.ts';
import { readOfflineInput } from '../server/eval/offline-input.ts';
import { readCompactOfflineInput } from '../server/eval/offline-input-compact.ts';
import { generatedDataset } from './datasets.ts';
import { recordResults } from './record.ts';
import { runSparkAndCompare, writeSparkInputs, type SparkComparison } from './spark-scale.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000,10000000' },
    seed: { type: 'string', default: '1' },
    heap: { type: 'string', default: '12288' },
    reader: { type: 'string', default: 'compact' },
    spark: { type: 'boolean', default: false },
    master: { type: 'string', default: 'local[2]' },
    'driver-memory': { type: 'string', default: '8g' },
    'spark-dir': { type: 'string' },
    record: { type: 'string', default: 'detect-scale' },
    child: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

interface Phase {
  name: string;
  ms: number;
  /** VmHWM at the end of the phase: the peak RSS of the process up to then. */
  peakMiB: number;
  /** VmRSS at the end of the phase. */
  rssMiB: number;
  /** Work for the Spark comparison, not part of detection (left out of the total). */
  extra?: boolean;
}
interface ChildReport {
  phases: Phase[];
  shape: string;
  rings: number;
}

function memory(): { peakMiB: number; rssMiB: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peakMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 };
}

/** The child: read the files, run detectRings, print one JSON line with the phases. */
async function child(dir: string): Promise<void> {
  const phases: Phase[] = [];
  let mark = performance.now();
  const end = (name: string, at = performance.now(), extra = false) => {
    phases.push({ name, ms: at - mark, ...memory(), ...(extra ? { extra } : {}) });
    mark = at;
  };
  const sparkDir = values['spark-dir'];
  const files = {
    accounts: join(dir, 'accounts.csv'),
    links: join(dir, 'links.csv'),
    payments: join(dir, 'payments.csv'),
  };
  const steps = {
    accounts: 'read accounts.csv',
    links: 'read links.csv (validate, normalise, count sharers per key)',
    'links-csv': 'write the normalised links for Spark (not detection)',
    groups: 'make the groups of shared keys',
    payments: 'read payments.csv and aggregate',
  };
  const input =
    values.reader === 'full'
      ? await readOfflineInput(files)
      : await readCompactOfflineInput(files, {
          onStep: (step) => end(steps[step], performance.now(), step === 'links-csv'),
          ...(sparkDir ? { linksCsv: join(sparkDir, 'links.csv') } : {}),
        });
  if (values.reader === 'full') end('read the files (offline-input.ts: validate, normalise, group)');
  const seen = new Map<DetectPhase, number>();
  const result = await detectRings({
    ...input,
    onProgress: (phase) => seen.set(phase, performance.now()),
    partition: async (projection, settings) => {
      const partitionStart = performance.now();
      // Groups streamed, payments streamed, projection built, generic identifiers marked: up to now.
      const paymentsEnd = seen.get('payments') ?? partitionStart;
      const groupsEnd = seen.get('project') ?? paymentsEnd;
      end('add identifier groups to the projection builder', groupsEnd);
      end('add payments', paymentsEnd);
      end('build the projection (CSR) and mark generic identifiers', partitionStart);
      const parts = partitionAccounts(projection, settings);
      end('stage 1: partition (partitionAccounts)');
      if (sparkDir) {
        await writeSparkInputs(sparkDir, projection, settings, parts);
        end("write the Spark job's other inputs and the local parts (not detection)", performance.now(), true);
      }
      return parts;
    },
  });
  const total = phases.reduce((sum, p) => sum + (p.extra ? 0 : p.ms), 0);
  // After the partition: stage 2 (per-part analysis), the candidates' lookup, scoring, matching (detectRings' laps).
  const t = result.timings;
  const partitionMs = phases.find((p) => p.name.startsWith('stage 1'))!.ms;
  const stage2 = t.communities - partitionMs - (sparkDir ? phases.at(-1)!.ms : 0);
  const after = memory();
  phases.push({ name: 'stage 2: per-part analysis (Louvain, repairs, modularity)', ms: stage2, ...after });
  phases.push({ name: 'account lookup, scoring, merging pieces, attaching', ms: t.lookup + t.score, ...after });
  phases.push({ name: 'match against previous rings', ms: t.match, ...after });
  phases.push({ name: 'total (read + detectRings)', ms: total + stage2 + t.lookup + t.score + t.match, ...after });
  const c = result.counts;
  const report: ChildReport = {
    phases,
    shape: `${c.accounts} accounts and ${c.edges} edges in the projection from ${c.groups} identifier groups and ${c.payments} payment edges; ${c.partition.parts} parts (largest ${c.partition.largestPart}); ${result.rings.length} findings reported, ${c.flagged} flagged`,
    rings: result.rings.length,
  };
  console.log(JSON.stringify(report));
}

function runChild(
  dir: string,
  sparkDir?: string,
): Promise<{ report?: ChildReport; code: number; err: string; peakMiB: number }> {
  return new Promise((done, fail) => {
    const args = [`--max-old-space-size=${values.heap}`, '--import', 'tsx', 'bench/detect-scale.ts'];
    args.push('--reader', values.reader, ...(sparkDir ? ['--spark-dir', sparkDir] : []), '--child', dir);
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let peak = 0;
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => {
      err += d;
      process.stderr.write(d);
    });
    const timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
        peak = Math.max(peak, Number(m?.[1] ?? 0) / 1024);
      } catch {
        // exited between two polls
      }
    }, 200);
    proc.on('error', fail);
    proc.on('close', (code) => {
      clearInterval(timer);
      const last = out.trim().split('\n').pop();
      done({
        report: code === 0 && last ? (JSON.parse(last) as ChildReport) : undefined,
        code: code ?? 1,
        err,
        peakMiB: peak,
      });
    });
  });
}

type Result = { accounts: number; report?: ChildReport; failure?: string; peakMiB: number; spark?: SparkComparison };

function report(results: Result[], sizes: number[], seed: number, load: () => string): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mib = (x: number) => `${x.toFixed(0)} MiB`;
  const names = results.find((r) => r.report)?.report?.phases.map((p) => p.name) ?? [];
  const head = `| phase | ${results.map((r) => `${r.accounts} accounts: time, peak RSS so far`).join(' | ')} |`;
  const rows = names.map(
    (name, i) =>
      `| ${name} | ${results.map((r) => (r.report ? `${s(r.report.phases[i]!.ms)}, ${mib(r.report.phases[i]!.peakMiB)}` : '—')).join(' | ')} |`,
  );
  const peaks = `| **peak RSS of the child (VmHWM, polled)** | ${results.map((r) => `**${mib(r.peakMiB)}**`).join(' | ')} |`;
  const table = [head, `|${' --- |'.repeat(results.length + 1)}`, ...rows, peaks].join('\n');
  const notes = results
    .map((r) => `- ${r.accounts} accounts: ${r.report ? r.report.shape : `**failed** (${r.failure})`}.`)
    .join('\n');
  const sparkRows = results
    .filter((r) => r.spark)
    .map((r) => {
      const local = r.report!.phases.find((p) => p.name.startsWith('stage 1'))!.ms;
      const sp = r.spark!;
      const verdict = sp.code !== 0 ? `**job failed** (exit ${sp.code})` : sp.same ? 'yes' : '**no**';
      return `| ${r.accounts} | ${s(sp.jobMs)} | ${(local / 1000).toFixed(2)} s | ${(sp.jobMs / local).toFixed(0)}× | ${sp.localParts} / ${sp.sparkParts} | ${verdict} |`;
    });
  const sparkTable = sparkRows.length
    ? `\n\nSpark partition job (\`--links-csv\` of the same normalised links, \`--master ${values.master}\`, driver \`-Xmx${values['driver-memory']}\`, run after the detection child exited) against the in-process partition step:\n\n| accounts | Spark job wall time | partitionAccounts | ratio | parts of ≥ 2 projected accounts (local / Spark) | same grouping |\n| --- | --- | --- | --- | --- | --- |\n${sparkRows.join('\n')}`
    : '';
  const summary = `${table}${sparkTable}\n\n${notes}\n\nLoad average when done: ${load()} (1 / 5 / 15 min) on ${cpus().length} cores.`;
  console.log(`\n${summary}`);
  recordResults(
    values.record,
    `In-process detection at ${sizes.join(' and ')} accounts (offline, ${values.reader} reader)`,
    `npx tsx bench/detect-scale.ts --accounts ${values.accounts} --seed ${seed} --heap ${values.heap} --reader ${values.reader}${values.spark ? ` --spark --master ${values.master} --driver-memory ${values['driver-memory']}` : ''}`,
    `Input: \`npm run generate -- --accounts N --seed ${seed}\` read by server/eval/${values.reader === 'full' ? 'offline-input.ts' : 'offline-input-compact.ts'} (no database); \`detectRings\` with the default settings and 1 worker in a child process (\`node --max-old-space-size=${values.heap}\`). Peak RSS is VmHWM at the end of each phase (so it never falls).\n\n${summary}`,
  );
}

async function main(): Promise<void> {
  const sizes = values.accounts.split(',').map(Number);
  const seed = Number(values.seed);
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ');
  const results: Result[] = [];
  for (const accounts of sizes) {
    const dir = join(resolve('.ringlens'), 'bench', `gen-${accounts}-${seed}`);
    const g0 = performance.now();
    await generatedDataset(dir, accounts, seed);
    console.error(
      `Dataset ${dir} ready (${((performance.now() - g0) / 1000).toFixed(1)} s); detecting, load ${load()} …`,
    );
    const sparkDir = values.spark ? join(resolve('.ringlens'), 'bench', `spark-${accounts}-${seed}`) : undefined;
    if (sparkDir) mkdirSync(sparkDir, { recursive: true });
    const r = await runChild(dir, sparkDir);
    const failure = r.code === 0 ? undefined : `exit ${r.code}: ${r.err.trim().split('\n').slice(-6).join(' / ')}`;
    let spark: SparkComparison | undefined;
    if (sparkDir && r.report) {
      console.error(`Spark partition job (${values.master}, driver ${values['driver-memory']}), load ${load()} …`);
      spark = await runSparkAndCompare(sparkDir, values.master, values['driver-memory']);
      if (spark.code !== 0) console.error(spark.output.slice(-3000));
    }
    results.push({ accounts, report: r.report, failure, peakMiB: r.peakMiB, spark });
    report(results, sizes, seed, load); // after every size, so a later failure loses nothing
  }
  if (results.some((r) => !r.report || (r.spark && !r.spark.same))) process.exitCode = 1;
}

if (values.help) {
  console.log(
    'Usage: npx tsx bench/detect-scale.ts [--accounts 1000000,10000000] [--seed 1] [--heap 12288] [--reader compact|full] [--record detect-scale]',
  );
} else if (values.child) {
  child(values.child).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

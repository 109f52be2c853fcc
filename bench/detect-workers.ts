/**
 * Per-part analysis (detection stage 2) in 1 and in N worker threads on one generated marketplace, offline (the
 * projection built from the generated files: server/eval/offline-input.ts, no database), with the findings compared.
 *
 *   npx tsx bench/detect-workers.ts [--accounts 1000000] [--seed 1] [--workers 2] [--rounds 2]
 *
 * Runs alternate (1, N, 1, N, …) so a change in the machine's load hits both alike; each reports stage 2 as the
 * `communities` phase minus the partition step (timed separately). Figures go to bench/RESULTS.md with the load.
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { partitionAccounts } from '../server/detect/partition.ts';
import { detectRings, type DetectRingsResult } from '../server/detect/pipeline.ts';
import { readOfflineInput } from '../server/eval/offline-input.ts';
import { generatedDataset } from './datasets.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
  },
});
const accounts = Number(values.accounts);
const workers = Number(values.workers);

function findings(result: DetectRingsResult): string {
  return JSON.stringify(result.rings.map((r) => [r.id, r.members, r.score, r.reasons]));
}

async function main(): Promise<void> {
  const dir = join(resolve('.ringlens'), 'bench', `gen-${accounts}-${values.seed}`);
  await generatedDataset(dir, accounts, Number(values.seed));
  console.error('Reading the generated files …');
  const input = await readOfflineInput({
    accounts: join(dir, 'accounts.csv'),
    links: join(dir, 'links.csv'),
    payments: join(dir, 'payments.csv'),
  });
  const loadBefore = loadavg();
  const rows: string[][] = [];
  const stage2: Record<number, number[]> = { 1: [], [workers]: [] };
  let reference: string | undefined;
  let same = true;
  let shape = '';
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const n of [1, workers]) {
      console.error(`Round ${round + 1}, ${n} worker(s) …`);
      let partitionMs = 0;
      const result = await detectRings({
        ...input,
        workers: n,
        partition: async (projection, settings) => {
          const t0 = performance.now();
          const parts = partitionAccounts(projection, settings);
          partitionMs = performance.now() - t0;
          return parts;
        },
      });
      const ms = result.timings.communities - partitionMs;
      stage2[n]!.push(ms);
      const f = findings(result);
      reference ??= f;
      same &&= f === reference;
      shape = `${result.counts.accounts} accounts, ${result.counts.partition.parts} parts (largest ${result.counts.partition.largestPart}), ${result.counts.components.louvainComponents} analysed with Louvain, ${result.rings.length} findings reported`;
      rows.push([
        String(round + 1),
        String(n),
        (ms / 1000).toFixed(2),
        (partitionMs / 1000).toFixed(2),
        (result.timings.total / 1000).toFixed(1),
      ]);
    }
  }
  const best = (n: number): number => Math.min(...stage2[n]!);
  const speedUp = best(1) / best(workers);
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  const table = [
    '| round | workers | stage 2: per-part analysis (s) | partition (s) | detectRings total (s) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const summary = `Best stage 2: ${(best(1) / 1000).toFixed(2)} s with 1 worker (in the main thread), ${(best(workers) / 1000).toFixed(2)} s with ${workers} worker threads: speed-up ${speedUp.toFixed(2)}×. Findings identical in every run: ${same ? 'yes' : '**no**'}. ${shape}. Load average before: ${load(loadBefore)}, after: ${load(loadavg())} (1 / 5 / 15 min) on ${cpus().length} cores.`;
  console.log(`\n${table}\n\n${summary}`);
  recordResults(
    `detect-workers-${accounts}`,
    `Per-part analysis in worker threads at ${accounts} accounts (offline)`,
    `npx tsx bench/detect-workers.ts --accounts ${accounts} --seed ${values.seed} --workers ${workers} --rounds ${values.rounds}`,
    `Input: \`npm run generate -- --accounts ${accounts} --seed ${values.seed}\` read by server/eval/offline-input.ts (no database); default settings. Stage 2 with ${workers} workers includes copying the projection's arrays into shared memory and starting the threads.\n\n${table}\n\n${summary}`,
  );
  if (!same) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

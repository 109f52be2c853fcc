/**
 * The Spark partition job (engine/spark) against the in-process partition step on the same data, for
 * bench/detect-scale.ts --spark: the detection child writes the job's inputs next to its own parts (writeSparkInputs);
 * once it has exited (so the two never hold memory at once), the job runs on them and its parts are compared with the
 * child's (runSparkAndCompare).
 */
import { createReadStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { PartitionResult } from '../server/detect/pipeline.ts';
import type { Projection } from '../server/detect/projection-graph.ts';
import type { DetectionSettings } from '../server/detect/settings.ts';
import { writeJobInputs } from '../server/engine/spark-engine.ts';
import { runPartitionJob } from '../server/engine/spark-job.ts';

/** In the child, after partitionAccounts: the job's files and options, the local parts, the projected accounts. */
export async function writeSparkInputs(
  dir: string,
  projection: Projection,
  settings: DetectionSettings,
  local: PartitionResult,
): Promise<void> {
  const files = { exclude: join(dir, 'exclude.csv'), extraTies: join(dir, 'extra-ties.csv') };
  const args = await writeJobInputs(projection, settings, files);
  writeFileSync(join(dir, 'job-args.json'), JSON.stringify(args));
  const lines: string[] = [];
  local.parts.forEach((part, p) => {
    for (const node of part) lines.push(`${projection.accountId(node)},${p}`);
  });
  writeFileSync(join(dir, 'local-parts.csv'), lines.join('\n') + '\n');
  const ids: string[] = [];
  for (let node = 0; node < projection.order; node++) ids.push(projection.accountId(node));
  writeFileSync(join(dir, 'projected.txt'), ids.join('\n') + '\n');
}

async function* rows(path: string): AsyncGenerator<[string, string]> {
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    const comma = line.lastIndexOf(',');
    if (comma > 0) yield [line.slice(0, comma), line.slice(comma + 1)];
  }
}

/** Parts of at least two projected accounts, as sorted member lists joined, sorted: one string per grouping. */
function canonical(groups: Map<string, string[]>): string[] {
  return [...groups.values()]
    .filter((m) => m.length >= 2)
    .map((m) => m.sort().join(' '))
    .sort();
}

export interface SparkComparison {
  jobMs: number;
  code: number;
  sparkParts: number;
  localParts: number;
  same: boolean;
  output: string;
}

/** Runs the job on `dir`/links.csv (the child's inputs) and compares its parts with the local ones. */
export async function runSparkAndCompare(dir: string, master: string, driverMemory: string): Promise<SparkComparison> {
  const args = JSON.parse(readFileSync(join(dir, 'job-args.json'), 'utf8')) as string[];
  const out = join(dir, 'spark-parts');
  const t0 = performance.now();
  const job = await runPartitionJob(
    ['--out', out, '--master', master, '--links-csv', join(dir, 'links.csv'), ...args],
    { stdio: 'pipe', driverMemory },
  );
  const jobMs = performance.now() - t0;
  if (job.code !== 0) return { jobMs, code: job.code, sparkParts: 0, localParts: 0, same: false, output: job.output };
  const projected = new Set<string>();
  for await (const line of createInterface({ input: createReadStream(join(dir, 'projected.txt')) })) {
    if (line) projected.add(line);
  }
  const spark = new Map<string, string[]>();
  for (const file of readdirSync(out).filter((f) => f.endsWith('.csv'))) {
    for await (const [account, part] of rows(join(out, file))) {
      if (account === 'account_id' || !projected.has(account)) continue; // header; not projected: in no part
      const list = spark.get(part);
      if (list) list.push(account);
      else spark.set(part, [account]);
    }
  }
  projected.clear();
  const local = new Map<string, string[]>();
  for await (const [account, part] of rows(join(dir, 'local-parts.csv'))) {
    const list = local.get(part);
    if (list) list.push(account);
    else local.set(part, [account]);
  }
  const [a, b] = [canonical(spark), canonical(local)];
  const same = a.length === b.length && a.every((x, i) => x === b[i]);
  return { jobMs, code: 0, sparkParts: a.length, localParts: b.length, same, output: job.output };
}

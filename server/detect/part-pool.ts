/**
 * Stage 2 of detection (per-part analysis, part-analysis.ts) over all parts, in this thread or in a pool of worker
 * threads. Workers get the projection's stage-2 arrays and the parts once, in shared memory (shared-projection.ts),
 * then pull batches of parts from a queue and send back each part's findings. Results are put back in part order, so
 * the findings equal a one-worker run exactly: every part's analysis depends on that part alone (each Louvain run
 * seeds its RNG from its own smallest account id).
 */
import { Worker } from 'node:worker_threads';
import type { ComponentStats, CommunityCounts } from './communities.ts';
import { PartAnalyser, type PartFindings } from './part-analysis.ts';
import type { Projection } from './projection-graph.ts';
import type { DetectionSettings } from './settings.ts';
import { shareProjection, type SharedProjection } from './shared-projection.ts';

export interface AnalysedParts {
  /** Findings per part, aligned with the parts given. */
  findings: number[][][];
  /** Louvain statistics of the parts too big to keep whole, in part order. */
  stats: ComponentStats[];
  pivotMerges: number;
  /** Partitioner counters summed over the workers (`components`, `pivotMerges`, `communities` left to the caller). */
  counts: CommunityCounts;
  workers: number;
}

export interface PoolOptions {
  /** Worker threads; 1 (the default) analyses in this thread. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Messages between the pool and part-worker.ts. */
export interface WorkerInit {
  shared: SharedProjection;
  settings: DetectionSettings;
  partStarts: Int32Array;
  partNodes: Int32Array;
}
export type ToWorker = { type: 'batch'; from: number; to: number } | { type: 'end' };
export type FromWorker =
  { type: 'batch'; from: number; results: PartFindings[] } | { type: 'counts'; counts: CommunityCounts };

/** Parts per batch stop growing at this many accounts (small parts are cheap; one message each would dominate). */
const BATCH_ACCOUNTS = 20_000;
const BATCH_PARTS = 2_000;

export async function analyseParts(
  projection: Projection,
  settings: DetectionSettings,
  parts: readonly number[][],
  options: PoolOptions = {},
): Promise<AnalysedParts> {
  const workers = Math.max(1, Math.min(options.workers ?? 1, parts.length));
  const results =
    workers === 1
      ? inThread(projection, settings, parts, options)
      : await inPool(projection, settings, parts, workers, options);
  return { ...collect(results.found, results.counts), workers };
}

function collect(found: PartFindings[], counts: CommunityCounts): Omit<AnalysedParts, 'workers'> {
  const stats: ComponentStats[] = [];
  let pivotMerges = 0;
  for (const f of found) {
    if (f.stats) stats.push(f.stats);
    pivotMerges += f.pivotMerges;
  }
  return { findings: found.map((f) => f.findings), stats, pivotMerges, counts };
}

function inThread(
  projection: Projection,
  settings: DetectionSettings,
  parts: readonly number[][],
  options: PoolOptions,
): { found: PartFindings[]; counts: CommunityCounts } {
  const analyser = new PartAnalyser(projection, settings);
  const found = parts.map((part, i) => {
    const f = analyser.analyse(part);
    if ((i + 1) % 10_000 === 0) options.onProgress?.(i + 1, parts.length);
    return f;
  });
  return { found, counts: { ...analyser.counts } };
}

/** The batches: runs of consecutive parts of up to BATCH_ACCOUNTS accounts (a bigger part is a batch alone). */
function batchesOf(parts: readonly number[][]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  let accounts = 0;
  parts.forEach((part, i) => {
    if (i > from && (accounts + part.length > BATCH_ACCOUNTS || i - from >= BATCH_PARTS)) {
      out.push([from, i]);
      from = i;
      accounts = 0;
    }
    accounts += part.length;
  });
  if (from < parts.length) out.push([from, parts.length]);
  return out;
}

function flatten(parts: readonly number[][]): { partStarts: Int32Array; partNodes: Int32Array } {
  const partStarts = new Int32Array(new SharedArrayBuffer(4 * (parts.length + 1)));
  let total = 0;
  parts.forEach((part, i) => (partStarts[i + 1] = total += part.length));
  const partNodes = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, total)));
  parts.forEach((part, i) => partNodes.set(part, partStarts[i]));
  return { partStarts, partNodes };
}

async function inPool(
  projection: Projection,
  settings: DetectionSettings,
  parts: readonly number[][],
  workers: number,
  options: PoolOptions,
): Promise<{ found: PartFindings[]; counts: CommunityCounts }> {
  const init: WorkerInit = { shared: shareProjection(projection), settings, ...flatten(parts) };
  const queue = batchesOf(parts);
  const found = new Array<PartFindings>(parts.length);
  const counts: CommunityCounts[] = [];
  let done = 0;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = workers;
      const next = (worker: Worker): void => {
        const batch = queue.shift();
        worker.postMessage(
          (batch ? { type: 'batch', from: batch[0], to: batch[1] } : { type: 'end' }) satisfies ToWorker,
        );
      };
      for (let w = 0; w < workers; w++) {
        const worker = new Worker(new URL('./part-worker-boot.mjs', import.meta.url), {
          workerData: { ...init, entry: new URL('./part-worker.ts', import.meta.url).href },
        });
        pool.push(worker);
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'counts') {
            counts.push(message.counts);
            if (--running === 0) resolve();
            return;
          }
          message.results.forEach((r, i) => (found[message.from + i] = r));
          done += message.results.length;
          options.onProgress?.(done, parts.length);
          next(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`A per-part analysis worker exited with code ${code}.`));
        });
        next(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return { found, counts: sumCounts(counts) };
}

function sumCounts(list: readonly CommunityCounts[]): CommunityCounts {
  const total = { ...list[0] };
  for (const c of list.slice(1)) {
    for (const key of Object.keys(total) as Array<keyof CommunityCounts>) total[key] += c[key];
  }
  return total;
}

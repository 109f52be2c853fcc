/**
 * A per-part analysis worker thread (part-pool.ts): rebuilds the projection over the shared arrays once, then
 * analyses the batches of parts it is sent with the same PartAnalyser as in-thread detection, and reports its
 * counters when told the queue is empty.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PartAnalyser } from './part-analysis.ts';
import type { FromWorker, ToWorker, WorkerInit } from './part-pool.ts';
import { projectionFromShared } from './shared-projection.ts';

const init = workerData as WorkerInit;
const analyser = new PartAnalyser(projectionFromShared(init.shared), init.settings);
const port = parentPort;
if (!port) throw new Error('part-worker.ts runs as a worker thread only.');

port.on('message', (message: ToWorker) => {
  if (message.type === 'end') {
    port.postMessage({ type: 'counts', counts: { ...analyser.counts } } satisfies FromWorker);
    port.close();
    return;
  }
  const results = [];
  for (let p = message.from; p < message.to; p++) {
    results.push(analyser.analyse(Array.from(init.partNodes.subarray(init.partStarts[p], init.partStarts[p + 1]))));
  }
  port.postMessage({ type: 'batch', from: message.from, results } satisfies FromWorker);
});

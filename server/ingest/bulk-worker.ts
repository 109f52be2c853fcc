/** Entry of a bulk conversion thread (bulk-parallel.ts): converts its share of the input. */
import { parentPort, workerData } from 'node:worker_threads';
import { runBulkWorker, type BulkWorkerData } from './bulk-parallel.ts';

const port = parentPort!;
const inbox: unknown[] = [];
let waiting: (() => void) | undefined;
port.on('message', (m: unknown) => {
  inbox.push(m);
  waiting?.();
});
await runBulkWorker(workerData as BulkWorkerData, {
  post: (m, transfer) => port.postMessage(m, transfer),
  async next() {
    while (inbox.length === 0) await new Promise<void>((r) => (waiting = r));
    waiting = undefined;
    return inbox.shift() as never;
  },
});
port.close();

/** Entry of the row-checking worker thread (checked-rows.ts): reads and checks the files it is given. */
import { parentPort, workerData } from 'node:worker_threads';
import { runRowWorker, type FromRowWorker, type RowWorkerData } from './checked-rows.ts';

const port = parentPort!;
let credits = 0;
let waiting: (() => void) | undefined;
port.on('message', () => {
  credits++;
  waiting?.();
});
const acks = {
  async wait(): Promise<void> {
    while (credits === 0) await new Promise<void>((r) => (waiting = r));
    waiting = undefined;
    credits--;
  },
};
await runRowWorker(workerData as RowWorkerData, (m: FromRowWorker) => port.postMessage(m), acks);
port.close();

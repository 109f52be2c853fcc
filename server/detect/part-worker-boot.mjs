// Entry of a per-part analysis worker thread (part-pool.ts): plain JavaScript, so a worker starts the same under tsx,
// vitest or plain node; it loads the TypeScript worker (part-worker.ts) through tsx's API.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);

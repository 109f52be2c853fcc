/**
 * The rows of a load's sources, each through the loader's check (checkRow: schemas, normalisation, issues), in
 * batches and in source order — in this thread, or in a worker thread so that reading, parsing and validating run on
 * one core while the bulk converter aggregates and writes on the other (a two-stage pipeline). The worker runs the
 * very same code on the very same files (fileSource + checkRow), so rows, verdicts, issues and their order are
 * identical either way; only sources backed by a file can go to a worker (a mapping or an in-memory source cannot be
 * sent to another thread).
 */
import { threadId, Worker } from 'node:worker_threads';
import { checkRow, type Validated } from './loader.ts';
import type { NormalizeOptions } from './normalize.ts';
import { ReaderError } from './readers.ts';
import type { RecordKind } from './schemas.ts';
import { fileSource, type Source } from './sources.ts';

/** A batch of checked rows of source `source` (its index), or the end of that source (with the checking thread). */
export type CheckedItem = { source: number; rows: Validated[] } | { source: number; end: true; checkedBy: number };

export interface CheckedRowsOptions {
  normalize?: NormalizeOptions;
  /** Check in a worker thread (only when every source is a file). */
  worker?: boolean;
  /** Rows per batch (default 2000). */
  batch?: number;
}

export interface RowWorkerData {
  files: Array<{ path: string; kind: RecordKind }>;
  normalize?: NormalizeOptions;
  batch: number;
  /** Batches the worker may send ahead of the consumer. */
  window: number;
}

export type FromRowWorker =
  | { type: 'rows'; source: number; rows: Validated[] }
  | { type: 'end'; source: number; checkedBy: number }
  | { type: 'error'; error: ErrorData }
  | { type: 'done' };

/** True when every source can be read by a worker thread. */
export function workerCapable(sources: readonly Source[]): boolean {
  return sources.every((s) => s.file !== undefined);
}

export function checkedRows(sources: readonly Source[], opts: CheckedRowsOptions = {}): AsyncGenerator<CheckedItem> {
  const batch = opts.batch ?? 2000;
  if (opts.worker && workerCapable(sources)) {
    return inWorker({ files: sources.map((s) => s.file!), normalize: opts.normalize, batch, window: 8 });
  }
  return inThread(sources, opts.normalize, batch);
}

/**
 * The rows of the sources, checked, in batches. A source that fails to read (ReaderError) first hands over the rows
 * it read before the failure, so the consumer sees exactly what a row-at-a-time loop would have seen.
 */
export async function* inThread(
  sources: readonly Source[],
  normalize: NormalizeOptions | undefined,
  batch: number,
): AsyncGenerator<CheckedItem> {
  for (let source = 0; source < sources.length; source++) {
    let rows: Validated[] = [];
    const s = sources[source]!;
    try {
      for await (const read of s.batches ? s.batches() : oneByOne(s.rows())) {
        for (const row of read) rows.push(checkRow(row, normalize));
        if (rows.length >= batch) {
          yield { source, rows };
          rows = [];
        }
      }
    } catch (err) {
      if (rows.length) yield { source, rows };
      throw err;
    }
    if (rows.length) yield { source, rows };
    yield { source, end: true, checkedBy: threadId };
  }
}

/** A source's rows as batches of one, so each row is checked as soon as it is read. */
async function* oneByOne<T>(rows: AsyncGenerator<T>): AsyncGenerator<T[]> {
  for await (const row of rows) yield [row];
}

/** Worker side (row-worker.ts): reads and checks the files, sending at most `window` batches ahead. */
export async function runRowWorker(
  data: RowWorkerData,
  post: (m: FromRowWorker) => void,
  acks: { wait(): Promise<void> },
): Promise<void> {
  const sources = await Promise.all(data.files.map((f) => fileSource(f.path, f.kind)));
  let ahead = 0;
  try {
    for await (const item of inThread(sources, data.normalize, data.batch)) {
      if ('end' in item) {
        post({ type: 'end', source: item.source, checkedBy: item.checkedBy });
        continue;
      }
      post({ type: 'rows', source: item.source, rows: item.rows });
      if (++ahead >= data.window) {
        await acks.wait();
        ahead--;
      }
    }
    post({ type: 'done' });
  } catch (err) {
    post({ type: 'error', error: errorData(err) });
  }
}

/** An error as a worker thread sends it (what a ReaderError needs to be made again on the other side). */
export interface ErrorData {
  name: string;
  message: string;
  file?: string;
  line?: number;
  reason?: string;
}

export function errorData(err: unknown): ErrorData {
  const e = err as Error & { file?: string; line?: number; reason?: string };
  return { name: e.name ?? 'Error', message: e.message ?? String(err), file: e.file, line: e.line, reason: e.reason };
}

/** The error again from what a worker thread sent: a ReaderError as such (file and line), any other by name. */
export function rebuild(e: ErrorData): Error {
  if (e.name === 'ReaderError' && e.file !== undefined && e.reason !== undefined) {
    return new ReaderError(e.file, e.line, e.reason);
  }
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

async function* inWorker(data: RowWorkerData): AsyncGenerator<CheckedItem> {
  // The boot file loads a TypeScript entry through tsx, so the worker starts the same under tsx, vitest or node.
  const worker = new Worker(new URL('../detect/part-worker-boot.mjs', import.meta.url), {
    workerData: { ...data, entry: new URL('./row-worker.ts', import.meta.url).href },
    // Parsing and checking allocate a short-lived object or three per cell: a larger young generation means fewer
    // scavenges (in one thread, --max-semi-space-size=64 took about 7 % off the CPU time of a 960k-row sample).
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
  });
  const queue: FromRowWorker[] = [];
  let failure: unknown;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (m: FromRowWorker) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    failure ??= err;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        if (exited) throw new Error('The row-checking worker thread stopped before the end of the input.');
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
      const m = queue.shift()!;
      if (m.type === 'done') return;
      if (m.type === 'error') throw rebuild(m.error);
      if (m.type === 'end') yield { source: m.source, end: true, checkedBy: m.checkedBy };
      else {
        worker.postMessage('ack');
        yield { source: m.source, rows: m.rows };
      }
    }
  } finally {
    await worker.terminate();
  }
}

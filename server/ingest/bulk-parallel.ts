// The bulk converter on both cores: the links file (most of a load's rows) is cut in two byte ranges at an account
// boundary and each range is converted from file to CSV in its own thread — read, checked, aggregated and written,
// with no rows copied between threads — while a third thread converts the other sources (accounts, payments) and
// writes the accounts file. What one thread would have decided in file order is put back together at the end:
//
//   - identifier nodes: first sighting wins. The first range writes its identifiers; the second writes candidates,
//     kept only when the first range's keys (sent over as typed arrays, not copied) do not hold them — the same
//     nodes, in the same order, as one pass over the file;
//   - USES: an account's rows are all in one range (the cut is at an account boundary), so each range's USES rows
//     are the one pass's, in order; an account found in both ranges (input not grouped by account) sends the whole
//     conversion back to the one-thread pass, which then spills;
//   - accounts: every account the links name is added after the other sources' (same accounts, same attributes;
//     only the order of the rows in accounts.csv differs);
//   - rejects and reported issues: in file order (the second range's wait until the first's are written), with the
//     second range's line numbers counted from the start of the file.
//
// Input the fast CSV reader leaves to csv-parse (readers.ts), a cut that falls inside a quoted cell, or a links file
// not grouped by account: the conversion runs again in one thread from the start, as before.
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BigSet, type BigSetData } from './big-set.ts';
import {
  identifierHeader,
  NotGrouped,
  Pass,
  Taken,
  type ConvertOptions,
  type ConvertSummary,
  type ImportFiles,
} from './bulk-convert.ts';
import { errorData, rebuild, workerCapable, type ErrorData } from './checked-rows.ts';
import { checkRow, LoadValidationError, LOAD_DEFAULTS } from './loader.ts';
import type { NormalizeOptions } from './normalize.ts';
import { formatFromPath, LeaveToCsvParse, readCsvRange, type CsvRange } from './readers.ts';
import type { RecordKind } from './schemas.ts';
import { fileSource, type Source, type SourceRow } from './sources.ts';
import type { Issue } from './validate.ts';

/** Links files below this size are converted in one thread (three threads cost more to start than they save). */
const MIN_PARALLEL_BYTES = 64 * 2 ** 20;

export interface ParallelPlan {
  /** Index of the links source among the sources. */
  links: number;
  path: string;
  /** The links file's size in bytes. */
  size: number;
  /** Byte offset of the first row of the second range (the start of an account's rows). */
  split: number;
  header: string[];
}

/**
 * Whether the conversion can go parallel, and where the links file is cut: every source a file, exactly one of
 * them links in CSV, of 64 MiB or more (any size with `force`), with a plain header naming `account_id` and an
 * account boundary within 1 MiB after the middle of the file (account ids and the cells before them unquoted).
 * Undefined otherwise.
 */
export async function planParallel(sources: readonly Source[], force: boolean): Promise<ParallelPlan | undefined> {
  if (!workerCapable(sources)) return undefined;
  const links = sources.flatMap((s, i) => (s.file!.kind === 'links' ? [i] : []));
  if (links.length !== 1) return undefined;
  const path = sources[links[0]!]!.file!.path;
  if (formatFromPath(path) !== 'csv') return undefined;
  const { size } = await stat(path);
  if (!force && size < MIN_PARALLEL_BYTES) return undefined;
  const cut = await findSplit(path, size);
  return cut && { links: links[0]!, path, size, ...cut };
}

/** The first account boundary after the middle of a CSV file (see planParallel), with the file's header. */
export async function findSplit(path: string, size: number): Promise<{ split: number; header: string[] } | undefined> {
  const fh = await open(path, 'r');
  try {
    const read = async (at: number, n: number): Promise<string> => {
      const buf = Buffer.alloc(Math.max(0, Math.min(n, size - at)));
      const { bytesRead } = await fh.read(buf, 0, buf.length, at);
      // latin1: one character per byte, so indexes are byte offsets; ids are compared byte for byte.
      return buf.subarray(0, bytesRead).toString('latin1');
    };
    let head = await read(0, 1 << 16);
    let skip = 0;
    if (head.startsWith('\u00ef\u00bb\u00bf')) {
      head = head.slice(3);
      skip = 3;
    }
    const end = head.indexOf('\n');
    if (end < 0 || /["\r]/.test(head.slice(0, end))) return undefined;
    const header = Buffer.from(head.slice(0, end), 'latin1')
      .toString('utf8')
      .split(',')
      .map((c) => c.trim());
    const column = header.indexOf('account_id');
    if (column < 0) return undefined;
    const mid = Math.max(skip + end + 1, Math.floor(size / 2));
    const text = await read(mid - 1, 1 << 20);
    // Start at the first line that begins at or after `mid` (text[0] is the byte before it).
    let p = text.indexOf('\n') + 1;
    if (p === 0) return undefined;
    let first: string | undefined;
    for (;;) {
      const e = text.indexOf('\n', p);
      if (e < 0) return undefined;
      const line = text.slice(p, e);
      if (line.includes('\r')) return undefined;
      // The cells up to account_id (later ones may be quoted: a user agent with a comma) must be plain.
      const cells = line.split(',', column + 1);
      const id = cells[column];
      if (id === undefined || cells.some((c) => c.includes('"'))) return undefined;
      if (first === undefined) first = id;
      else if (id !== first) return { split: mid - 1 + p, header };
      p = e + 1;
    }
  } finally {
    await fh.close();
  }
}

// ---- Worker side ---------------------------------------------------------------------------------------------------

interface Common {
  dir: string;
  normalize?: NormalizeOptions;
  skipInvalid?: boolean;
  max: number;
}

export type BulkWorkerData =
  | (Common & { role: 'range'; part: 0 | 1; path: string; name: string; range: CsvRange })
  | (Common & { role: 'rest'; files: Array<{ index: number; path: string; kind: RecordKind }> });

/** A stretch's counts, as a worker reports them when it has read it. */
interface Stretch {
  rows: number;
  rejected: number;
  invalid: number;
  issues: Issue[];
  byKind: Record<RecordKind, number>;
}

type FromWorker =
  | { type: 'progress'; source: number; part: number; rows: number }
  | { type: 'rejects'; source: number; part: number; items: Array<[Issue, Record<string, unknown> | undefined]> }
  | { type: 'stretch'; source: number; part: number; stretch: Stretch }
  | {
      type: 'range';
      identifiers: number;
      uses: number;
      multiline: boolean;
      keys?: Record<string, BigSetData>;
      accounts?: BigSetData;
    }
  | { type: 'filtered'; identifiers: number; accounts: [BigSetData, BigSetData] }
  | { type: 'finished'; accounts: number; paid: number; multiline: boolean }
  | { type: 'notGrouped' }
  | { type: 'unsupported' }
  | { type: 'error'; error: ErrorData };

type ToWorker =
  { type: 'filter'; keys: Record<string, BigSetData>; accounts: BigSetData } | { type: 'accounts'; sets: BigSetData[] };

interface Port {
  post(m: FromWorker, transfer?: ArrayBuffer[]): void;
  next(): Promise<ToWorker>;
}

/** Rejected rows go to the main thread in batches (in order; it writes them in file order). */
class RejectQueue {
  private items: Array<[Issue, Record<string, unknown> | undefined]> = [];
  constructor(
    private readonly port: Port,
    private readonly source: number,
    private readonly part: number,
  ) {}
  add(issue: Issue, raw: Record<string, unknown> | undefined): void {
    this.items.push([issue, raw]);
    if (this.items.length >= 1000) this.flush();
  }
  flush(): void {
    if (!this.items.length) return;
    this.port.post({ type: 'rejects', source: this.source, part: this.part, items: this.items });
    this.items = [];
  }
}

/**
 * Copies the lines of `from` (their lengths in bytes, line break included, in `lengths`) for which `keep(i)` holds to
 * `to`, under `header`; deletes `from`. Returns how many were kept.
 */
async function keepUnseen(
  from: string,
  to: string,
  header: string,
  lengths: Int32Array,
  keep: (i: number) => boolean,
): Promise<number> {
  const out = createWriteStream(to);
  const write = (b: Buffer | string): Promise<void> | undefined =>
    out.write(b) ? undefined : new Promise<void>((r) => out.once('drain', () => r()));
  write(`${header}\n`);
  let i = 0;
  let kept = 0;
  let carry: Buffer = Buffer.alloc(0);
  const total = lengths.length;
  for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let pos = 0;
    const parts: Buffer[] = [];
    while (i < total && pos + lengths[i]! <= buf.length) {
      const n = lengths[i]!;
      if (keep(i)) {
        parts.push(buf.subarray(pos, pos + n));
        kept++;
      }
      pos += n;
      i++;
    }
    carry = Buffer.from(buf.subarray(pos));
    if (parts.length) {
      const wait = write(Buffer.concat(parts));
      if (wait) await wait;
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  if (i !== total || carry.length) throw new Error(`${from}: ${i} of ${total} lines read, ${carry.length} bytes left.`);
  rmSync(from, { force: true });
  return kept;
}

/** Line breaks in the first `end` bytes of a file. */
async function countLines(path: string, end: number): Promise<number> {
  if (end <= 0) return 0;
  let n = 0;
  for await (const chunk of createReadStream(path, {
    start: 0,
    end: end - 1,
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

function stretchOf(t: Taken): Stretch {
  return { rows: t.rows, rejected: t.rejected, invalid: t.invalid, issues: t.issues, byKind: t.byKind };
}

function exportSets(sets: Iterable<[string, BigSet]>): { data: Record<string, BigSetData>; transfer: ArrayBuffer[] } {
  const data: Record<string, BigSetData> = {};
  const transfer: ArrayBuffer[] = [];
  for (const [label, set] of sets) {
    const e = set.export();
    data[label] = e.data;
    transfer.push(...e.transfer);
  }
  return { data, transfer };
}

async function runRange(data: Extract<BulkWorkerData, { role: 'range' }>, port: Port): Promise<void> {
  const pass = new Pass(data.dir, false, 0, {
    links: true,
    payments: false,
    accounts: false,
    candidates: data.part === 1,
  });
  const rejects = new RejectQueue(port, -1, data.part);
  const taken = new Taken({ skipInvalid: data.skipInvalid, max: data.max, reject: (i, raw) => rejects.add(i, raw) });
  const range = { ...data.range };
  if (range.start > 0) range.line = 1 + (await countLines(data.path, range.start));
  for await (const batch of readCsvRange(data.path, range)) {
    for (const row of batch) {
      const source: SourceRow = row.raw
        ? { kind: 'links', file: data.name, line: row.line, raw: row.raw }
        : { kind: 'links', file: data.name, line: row.line, error: row.error };
      const wait = taken.take(checkRow(source, data.normalize), pass, false);
      if (wait) await wait;
      if (taken.rows % 50_000 === 0) port.post({ type: 'progress', source: -1, part: data.part, rows: taken.rows });
    }
    rejects.flush();
  }
  port.post({ type: 'progress', source: -1, part: data.part, rows: taken.rows });
  port.post({ type: 'stretch', source: -1, part: data.part, stretch: stretchOf(taken) });
  await pass.finish();
  if (data.part === 0) {
    const keys = exportSets(pass.identifierKeys);
    const accounts = pass.linksDone.export();
    port.post(
      {
        type: 'range',
        identifiers: pass.identifiers,
        uses: pass.uses,
        multiline: pass.multiline,
        keys: keys.data,
        accounts: accounts.data,
      },
      [...keys.transfer, ...accounts.transfer],
    );
    return;
  }
  port.post({ type: 'range', identifiers: pass.identifiers, uses: pass.uses, multiline: pass.multiline });
  // The second range: its accounts must not be the first's, and its identifiers are written only when the first
  // range did not see them.
  const m = await port.next();
  if (m.type !== 'filter') throw new Error(`unexpected message ${m.type}`);
  const firstAccounts = BigSet.from(m.accounts);
  const sets = new Map<string, BigSet>();
  const theirsOf = (label: string): BigSet => {
    let set = sets.get(label);
    if (!set) sets.set(label, (set = BigSet.from(m.keys[label]!)));
    return set;
  };
  for (let i = 0; i < pass.linksDone.size; i++) {
    if (firstAccounts.hasMemberOf(pass.linksDone, i)) {
      port.post({ type: 'notGrouped' });
      return;
    }
  }
  let kept = 0;
  for (const [label, mine] of pass.identifierKeys) {
    const cand = pass.identifierOut.get(label)!;
    const lengths = cand.lengths!.subarray(0, cand.rows);
    kept += await keepUnseen(
      join(data.dir, `${label}.cand`),
      join(data.dir, `${label}.csv`),
      identifierHeader(label),
      lengths,
      (i) => !theirsOf(label).hasMemberOf(mine, i),
    );
  }
  const a = firstAccounts.export();
  const b = pass.linksDone.export();
  port.post({ type: 'filtered', identifiers: kept, accounts: [a.data, b.data] }, [...a.transfer, ...b.transfer]);
}

async function runRest(data: Extract<BulkWorkerData, { role: 'rest' }>, port: Port): Promise<void> {
  const pass = new Pass(data.dir, false, 0, { links: false, payments: true, accounts: true });
  let invalid = 0;
  for (const f of data.files) {
    const source = await fileSource(f.path, f.kind);
    const rejects = new RejectQueue(port, f.index, 0);
    const taken = new Taken({ skipInvalid: data.skipInvalid, max: data.max, reject: (i, raw) => rejects.add(i, raw) });
    for await (const batch of source.batches!()) {
      for (const row of batch) {
        const wait = taken.take(checkRow(row, data.normalize), pass, invalid > 0);
        if (wait) await wait;
        if (taken.rows % 50_000 === 0) port.post({ type: 'progress', source: f.index, part: 0, rows: taken.rows });
      }
      rejects.flush();
    }
    invalid += taken.invalid;
    port.post({ type: 'progress', source: f.index, part: 0, rows: taken.rows });
    port.post({ type: 'stretch', source: f.index, part: 0, stretch: stretchOf(taken) });
  }
  const m = await port.next();
  if (m.type !== 'accounts') throw new Error(`unexpected message ${m.type}`);
  for (const d of m.sets) {
    const set = BigSet.from(d);
    for (let i = 0; i < set.size; i++) pass.ensureAccount(set.member(i));
  }
  await pass.finish();
  port.post({ type: 'finished', accounts: pass.accountCount, paid: pass.paid, multiline: pass.multiline });
}

/** A worker thread's work (bulk-worker.ts is its entry). */
export async function runBulkWorker(data: BulkWorkerData, port: Port): Promise<void> {
  try {
    if (data.role === 'range') await runRange(data, port);
    else await runRest(data, port);
  } catch (err) {
    if (err instanceof NotGrouped) port.post({ type: 'notGrouped' });
    else if (err instanceof LeaveToCsvParse) port.post({ type: 'unsupported' });
    else port.post({ type: 'error', error: errorData(err) });
  }
}

// ---- Main side -----------------------------------------------------------------------------------------------------

type Role = 'first' | 'second' | 'rest';

/**
 * Converts `sources` under `dir` in three threads (see the top of this file). Throws NotGrouped or LeaveToCsvParse
 * when the input is not for it (convertSources then runs the one-thread pass), LoadValidationError as the one-thread
 * pass does.
 */
export async function convertParallel(
  sources: readonly Source[],
  dir: string,
  opts: ConvertOptions,
  plan: ParallelPlan,
): Promise<Omit<ConvertSummary, 'durationMs'>> {
  rmSync(dir, { recursive: true, force: true });
  const dirs = [join(dir, 'links-1'), join(dir, 'links-2')];
  for (const d of [dir, ...dirs]) mkdirSync(d, { recursive: true });
  const max = opts.maxReportedErrors ?? LOAD_DEFAULTS.maxReportedErrors;
  const common = { normalize: opts.normalize, skipInvalid: opts.skipInvalid, max };
  const linkSource = sources[plan.links]!;
  const datas: Record<Role, BulkWorkerData> = {
    first: {
      ...common,
      role: 'range',
      part: 0,
      dir: dirs[0]!,
      path: plan.path,
      name: linkSource.name,
      range: { start: 0, end: plan.split - 1, line: 1 },
    },
    second: {
      ...common,
      role: 'range',
      part: 1,
      dir: dirs[1]!,
      path: plan.path,
      name: linkSource.name,
      range: { start: plan.split, end: plan.size - 1, header: plan.header, line: 0 },
    },
    rest: {
      ...common,
      role: 'rest',
      dir,
      files: sources.flatMap((s, index) => (index === plan.links ? [] : [{ index, ...s.file! }])),
    },
  };

  // Stretches in file order: each source, the links source as its two ranges. Rejects are written in this order.
  const stretches: Array<{ source: number; part: number }> = sources.flatMap((_, i) =>
    i === plan.links
      ? [
          { source: i, part: 0 },
          { source: i, part: 1 },
        ]
      : [{ source: i, part: 0 }],
  );
  const stretchIndex = (source: number, part: number): number =>
    stretches.findIndex((s) => s.source === (source < 0 ? plan.links : source) && s.part === part);
  const read: Array<Stretch | undefined> = stretches.map(() => undefined);
  const pending: Array<Array<[Issue, Record<string, unknown> | undefined]>> = stretches.map(() => []);
  let head = 0;
  const writeRejects = (k: number, items: Array<[Issue, Record<string, unknown> | undefined]>): void => {
    if (k === head) for (const [i, raw] of items) opts.rejects?.write(i, raw);
    else pending[k]!.push(...items);
  };
  const advance = (): void => {
    while (head < stretches.length && read[head]) {
      head++;
      if (head < stretches.length) {
        for (const [i, raw] of pending[head]!) opts.rejects?.write(i, raw);
        pending[head] = [];
      }
    }
  };
  const progress = stretches.map(() => 0);
  const report = (source: number): void => {
    let rows = 0;
    stretches.forEach((s, k) => s.source === source && (rows += progress[k]!));
    opts.onProgress?.({ source: sources[source]!.name, rows });
  };

  const queue: Array<[Role, FromWorker]> = [];
  // Threads whose last message came: one that exits without it has failed.
  const finishedRoles = new Set<Role>();
  let failure: unknown;
  let wake: (() => void) | undefined;
  const workers = {} as Record<Role, Worker>;
  const exited = new Set<Role>();
  for (const role of ['first', 'second', 'rest'] as const) {
    const w = new Worker(new URL('../detect/part-worker-boot.mjs', import.meta.url), {
      workerData: { ...datas[role], entry: new URL('./bulk-worker.ts', import.meta.url).href },
      // Reading, checking and aggregating allocate short-lived strings and objects per cell: with a young generation
      // of 96 MiB the 1M set converted in 66.7 s, with 16 MiB in 71.2 s (192 MiB: 67.5 s).
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    w.on('message', (m: FromWorker) => {
      queue.push([role, m]);
      wake?.();
    });
    w.on('error', (err) => {
      failure ??= err;
      wake?.();
    });
    w.on('exit', () => {
      exited.add(role);
      wake?.();
    });
    workers[role] = w;
  }
  const next = async (): Promise<[Role, FromWorker]> => {
    for (;;) {
      if (queue.length) return queue.shift()!;
      if (failure) throw failure;
      for (const role of exited) {
        if (!finishedRoles.has(role)) throw new Error(`The bulk conversion's ${role} thread stopped before its end.`);
      }
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
  };

  try {
    let first: Extract<FromWorker, { type: 'range' }> | undefined;
    let second: Extract<FromWorker, { type: 'range' }> | undefined;
    let filtered: Extract<FromWorker, { type: 'filtered' }> | undefined;
    let finished: Extract<FromWorker, { type: 'finished' }> | undefined;
    let filterSent = false;
    while (!finished) {
      const [role, m] = await next();
      switch (m.type) {
        case 'progress': {
          const k = stretchIndex(m.source, m.part);
          progress[k] = m.rows;
          report(stretches[k]!.source);
          break;
        }
        case 'rejects':
          writeRejects(stretchIndex(m.source, m.part), m.items);
          break;
        case 'stretch': {
          const k = stretchIndex(m.source, m.part);
          read[k] = m.stretch;
          advance();
          if (read.every(Boolean)) {
            const invalid = read.reduce((n, s) => n + s!.invalid, 0);
            if (invalid > 0) {
              throw new LoadValidationError(read.flatMap((s) => s!.issues).slice(0, max), invalid);
            }
          }
          break;
        }
        case 'range':
          if (role === 'first') {
            first = m;
            finishedRoles.add('first');
          } else second = m;
          break;
        case 'filtered':
          filtered = m;
          finishedRoles.add('second');
          workers.rest.postMessage(
            { type: 'accounts', sets: m.accounts } satisfies ToWorker,
            m.accounts.flatMap(BigSet.transferList),
          );
          break;
        case 'finished':
          finished = m;
          finishedRoles.add('rest');
          break;
        case 'notGrouped':
          throw new NotGrouped();
        case 'unsupported':
          throw new LeaveToCsvParse();
        case 'error':
          throw rebuild(m.error);
      }
      if (first && second && !filterSent && read.every(Boolean)) {
        filterSent = true;
        const msg: ToWorker = { type: 'filter', keys: first.keys!, accounts: first.accounts! };
        workers.second.postMessage(msg, [first.accounts!, ...Object.values(first.keys!)].flatMap(BigSet.transferList));
      }
    }
    const stretchAt = (source: number): Stretch[] =>
      stretches.flatMap((s, k) => (s.source === source ? [read[k]!] : []));
    const summarySources = sources.map((source, i) => {
      const parts = stretchAt(i);
      return {
        source,
        rows: parts.reduce((n, s) => n + s.rows, 0),
        rejected: parts.reduce((n, s) => n + s.rejected, 0),
      };
    });
    const byKind: Record<RecordKind, number> = { accounts: 0, links: 0, payments: 0 };
    for (const s of read) for (const k of Object.keys(byKind) as RecordKind[]) byKind[k] += s!.byKind[k];
    const labels = Object.keys(first!.keys ?? {});
    const files: ImportFiles = {
      nodes: [
        ['Account', join(dir, 'accounts.csv')],
        ...labels.flatMap((l) => dirs.map((d): [string, string] => [l, join(d, `${l}.csv`)])),
      ],
      relationships: [
        ...labels.flatMap((l) => dirs.map((d): [string, string] => ['USES', join(d, `uses-${l}.csv`)])),
        ['PAID', join(dir, 'paid.csv')],
      ],
      multiline: first!.multiline || second!.multiline || finished.multiline,
    };
    return {
      files,
      sources: summarySources,
      rowsRead: summarySources.reduce((n, s) => n + s.rows, 0),
      rowsRejected: summarySources.reduce((n, s) => n + s.rejected, 0),
      byKind,
      counts: {
        accounts: finished.accounts,
        identifiers: first!.identifiers + filtered!.identifiers,
        uses: first!.uses + second!.uses,
        paid: finished.paid,
      },
      spilled: false,
      parallel: true,
    };
  } finally {
    await Promise.all(Object.values(workers).map((w) => w.terminate()));
  }
}

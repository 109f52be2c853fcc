// Streaming record readers for CSV and NDJSON. Files can hold tens of millions of rows, so records are pulled one at a
// time from node streams and never collected. Every record carries the 1-based line it starts on, because a rejected
// row is only useful to a user who can find it in the file.
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse, type Info, type Parser } from 'csv-parse';
import type { RecordKind } from './schemas.ts';

export type RecordFormat = 'csv' | 'ndjson';

/** One row: either its fields, or why the row could not be read (the rest of the file is still read). */
export type ReadRow =
  { line: number; raw: Record<string, unknown>; error?: undefined } | { line: number; raw?: undefined; error: string };

export interface ReadOptions {
  format?: RecordFormat;
}

/** The file itself cannot be read further (unterminated quote, unreadable file): fatal for this file. */
export class ReaderError extends Error {
  override readonly name = 'ReaderError';
  readonly exitCode = 1;
  readonly retriable = false;
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
  }
}

export function formatFromPath(path: string): RecordFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return undefined;
}

function resolveFormat(path: string, options: ReadOptions): RecordFormat {
  const format = options.format ?? formatFromPath(path);
  if (!format) {
    throw new ReaderError(
      basename(path),
      undefined,
      'unknown file type: use .csv, .ndjson or .jsonl, or pass a format.',
    );
  }
  return format;
}

export function readRecords(path: string, options: ReadOptions = {}): AsyncGenerator<ReadRow> {
  return resolveFormat(path, options) === 'csv' ? flatten(readCsvBatches(path)) : readNdjson(path);
}

/**
 * The same rows as readRecords, in arrays of up to a few thousand: one await per batch instead of one per row (an
 * async generator step costs about as much as checking a simple row).
 */
export function readRecordBatches(path: string, options: ReadOptions = {}): AsyncGenerator<ReadRow[]> {
  return resolveFormat(path, options) === 'csv' ? readCsvBatches(path) : batched(readNdjson(path), 2000);
}

/** The rows of batches, one by one. */
export async function* flatten<T>(batches: AsyncGenerator<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** Rows gathered into arrays of `size` (the last one shorter). */
export async function* batched<T>(rows: AsyncGenerator<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

type CsvChunk = { record: string[]; info: Info };

// `pipe` does not forward source errors, which would leave the consumer waiting forever on a missing file.
function pipeFile(path: string, parser: Parser): Parser {
  const source = createReadStream(path);
  source.on('error', (err) => parser.destroy(err));
  return source.pipe(parser);
}

/**
 * Thrown inside the fast CSV reader at the first input it leaves to csv-parse (readCsvRange's callers then read the
 * whole file the usual way).
 */
export class LeaveToCsvParse extends Error {}

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;

/**
 * CSV rows in batches. A hand-written reader covers the CSV that exports and RingLens itself write — `\n` line ends,
 * fields quoted with `"` (`""` inside), line breaks inside quotes — at several times csv-parse's speed. At the first
 * input it does not cover (a `\r`, a quote inside an unquoted field, text after a closing quote, a quote left open)
 * it hands over to csv-parse, which reads the file again from the start and skips the rows already given. So rows,
 * their line numbers, per-row errors and the fatal errors are csv-parse's (readCsv below) for every file: the fast
 * reader only ever gives rows csv-parse gives too (test/unit/ingest/fast-csv.test.ts compares them).
 */
async function* readCsvBatches(path: string): AsyncGenerator<ReadRow[]> {
  let given = 0;
  try {
    for await (const batch of fastCsv(path)) {
      given += batch.length;
      yield batch;
    }
    return;
  } catch (err) {
    if (!(err instanceof LeaveToCsvParse)) throw err;
  }
  // csv-parse from the start; the first `given` rows (header not counted) were already handed out.
  yield* batched(skipRows(readCsv(path), given), 2000);
}

async function* skipRows<T>(rows: AsyncGenerator<T>, n: number): AsyncGenerator<T> {
  let skip = n;
  for await (const row of rows) {
    if (skip > 0) skip--;
    else yield row;
  }
}

/**
 * A byte range of a CSV file that starts at a record: bytes `start` to `end` (inclusive), the range's first line being
 * line `line` of the file. A range from byte 0 reads the header itself; any other is given the file's `header` (its
 * cells, trimmed).
 */
export interface CsvRange {
  start: number;
  end: number;
  header?: string[];
  line: number;
}

/**
 * The rows of one byte range of a CSV file, read by the fast reader alone (the bulk converter reads a large file in
 * two ranges side by side). Throws LeaveToCsvParse at the first input the fast reader does not cover, including a
 * range that ends inside a quoted cell: the caller then reads the file whole instead.
 */
export function readCsvRange(path: string, range: CsvRange): AsyncGenerator<ReadRow[]> {
  return fastCsv(path, range);
}

async function* fastCsv(path: string, range?: CsvRange): AsyncGenerator<ReadRow[]> {
  const input = createReadStream(path, {
    encoding: 'utf8',
    highWaterMark: 1 << 20,
    ...(range && { start: range.start, end: range.end }),
  });
  input.on('error', () => {
    // The iterator below rethrows it.
  });
  let header: string[] | undefined = range?.header;
  let carry = '';
  let line = range?.line ?? 1;
  let first = (range?.start ?? 0) === 0;
  const take = (s: string, final: boolean): ReadRow[] => {
    const rows: ReadRow[] = [];
    let pos = 0;
    const n = s.length;
    let quoteAt = s.indexOf('"');
    if (quoteAt < 0) quoteAt = n;
    while (pos < n) {
      if (s.charCodeAt(pos) === NEWLINE) {
        // An empty line: skipped (skip_empty_lines), but it still counts.
        pos++;
        line++;
        continue;
      }
      let nl = s.indexOf('\n', pos);
      let cells: string[];
      let end: number;
      let lines = 1;
      if (quoteAt >= pos && (nl < 0 ? quoteAt >= n : quoteAt > nl)) {
        // No quote in this record: a plain split.
        if (nl < 0) {
          if (!final) break;
          nl = n;
        }
        cells = s.slice(pos, nl).split(',');
        end = nl;
      } else {
        const r = quotedRecord(s, pos, final);
        if (r === undefined) break;
        cells = r.cells;
        end = r.end;
        lines += r.breaks;
        quoteAt = s.indexOf('"', end);
        if (quoteAt < 0) quoteAt = n;
      }
      const at = line;
      line += lines;
      pos = end + 1;
      if (!header) {
        header = cells.map((name) => name.trim());
        continue;
      }
      if (cells.length !== header.length) {
        rows.push({ line: at, error: `expected ${header.length} cells as in the header, found ${cells.length}.` });
        continue;
      }
      const raw: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) raw[header[i]!] = cells[i];
      rows.push({ line: at, raw });
    }
    carry = pos < n ? s.slice(pos) : '';
    return rows;
  };
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      let s = carry + chunk;
      if (first) {
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
        first = false;
      }
      if (chunk.includes('\r')) throw new LeaveToCsvParse();
      const rows = take(s, false);
      if (rows.length) yield rows;
    }
    if (carry) {
      const rows = take(carry, true);
      if (carry) throw new LeaveToCsvParse();
      if (rows.length) yield rows;
    }
  } catch (err) {
    if (err instanceof LeaveToCsvParse) throw err;
    // Unreadable file and the like: csv-parse's path words the error.
    throw new LeaveToCsvParse();
  } finally {
    input.destroy();
  }
}

/**
 * One record that holds a quote, from `pos`: its cells, the index of the line break (or end of input) that ends it,
 * and how many line breaks its quoted cells hold. Undefined when the record is not complete in `s` (more input to
 * come). Throws LeaveToCsvParse at input it leaves to csv-parse.
 */
function quotedRecord(
  s: string,
  pos: number,
  final: boolean,
): { cells: string[]; end: number; breaks: number } | undefined {
  const n = s.length;
  const cells: string[] = [];
  let breaks = 0;
  let i = pos;
  for (;;) {
    if (i < n && s.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      let value = '';
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) {
          if (final) throw new LeaveToCsvParse(); // a quote left open
          return undefined;
        }
        value += s.slice(j, q);
        if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        if (q + 1 >= n && !final) return undefined; // `""` may be split between chunks
        i = q + 1;
        break;
      }
      for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) breaks++;
      cells.push(value);
      if (i >= n) {
        if (!final) return undefined;
        return { cells, end: n, breaks };
      }
      const c = s.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === NEWLINE) return { cells, end: i, breaks };
      throw new LeaveToCsvParse(); // text after a closing quote
    }
    // An unquoted cell: up to the next comma or line break; a quote inside it is left to csv-parse.
    let k = i;
    while (k < n) {
      const c = s.charCodeAt(k);
      if (c === COMMA || c === NEWLINE) break;
      if (c === QUOTE) throw new LeaveToCsvParse();
      k++;
    }
    if (k >= n && !final) return undefined;
    cells.push(s.slice(i, k));
    if (k >= n || s.charCodeAt(k) === NEWLINE) return { cells, end: k, breaks };
    i = k + 1;
  }
}

/** The rows of a CSV file read by csv-parse alone (the reference the fast reader falls back to). */
export async function* readCsv(path: string): AsyncGenerator<ReadRow> {
  const file = basename(path);
  // Arrays rather than csv-parse's `columns: true`, so a row with the wrong number of cells becomes a per-row error
  // instead of aborting the whole file.
  const parser = pipeFile(path, parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  let header: string[] | undefined;
  // csv-parse reports the line a record ends on; a quoted field can span lines, so the start line is one past the
  // previous record's end plus any blank lines skipped in between.
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    for await (const chunk of parser as AsyncIterable<CsvChunk>) {
      const { record, info } = chunk;
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      if (!header) {
        header = record.map((name) => name.trim());
        continue;
      }
      if (record.length !== header.length) {
        yield { line, error: `expected ${header.length} cells as in the header, found ${record.length}.` };
        continue;
      }
      const raw: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) raw[header[i]!] = record[i];
      yield { line, raw };
    }
  } catch (err) {
    const lines = (err as { lines?: number }).lines;
    throw new ReaderError(file, lines, err instanceof Error ? err.message : String(err));
  } finally {
    parser.destroy();
  }
}

async function* readNdjson(path: string): AsyncGenerator<ReadRow> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      const content = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (content.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (err) {
        yield { line, error: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { line, error: 'expected a JSON object with one record per line.' };
        continue;
      }
      yield { line, raw: value as Record<string, unknown> };
    }
  } catch (err) {
    throw new ReaderError(basename(path), undefined, err instanceof Error ? err.message : String(err));
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Column names of a file: the CSV header, or the keys of the first NDJSON object. Reads only the start of the file. */
export async function peekColumns(path: string, options: ReadOptions = {}): Promise<string[]> {
  if (resolveFormat(path, options) === 'csv') {
    const parser = pipeFile(path, parse({ bom: true, to_line: 1 }));
    try {
      for await (const record of parser as AsyncIterable<string[]>) return record.map((name) => name.trim());
      return [];
    } finally {
      parser.destroy();
    }
  }
  for await (const row of readNdjson(path)) if (row.raw) return Object.keys(row.raw);
  return [];
}

const KIND_BY_FILE_PREFIX: [prefix: string, kind: RecordKind][] = [
  ['accounts', 'accounts'],
  ['links', 'links'],
  ['payments', 'payments'],
];

/**
 * Guess the kind of a file: first from its name (`accounts*.csv`, `links*`, `payments*`), then from the header.
 * Returns undefined when neither is conclusive, so the caller can ask the user rather than guess wrong.
 */
export function detectKind(path: string, headerColumns: readonly string[]): RecordKind | undefined {
  const name = basename(path).toLowerCase();
  for (const [prefix, kind] of KIND_BY_FILE_PREFIX) if (name.startsWith(prefix)) return kind;
  const columns = new Set(headerColumns.map((column) => column.trim().toLowerCase()));
  if (columns.has('payer') && columns.has('payee')) return 'payments';
  if (columns.has('account_id') && columns.has('kind') && columns.has('value')) return 'links';
  if (columns.has('id')) return 'accounts';
  return undefined;
}

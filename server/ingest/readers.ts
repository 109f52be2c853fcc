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
  return resolveFormat(path, options) === 'csv' ? readCsv(path) : readNdjson(path);
}

type CsvChunk = { record: string[]; info: Info };

// `pipe` does not forward source errors, which would leave the consumer waiting forever on a missing file.
function pipeFile(path: string, parser: Parser): Parser {
  const source = createReadStream(path);
  source.on('error', (err) => parser.destroy(err));
  return source.pipe(parser);
}

async function* readCsv(path: string): AsyncGenerator<ReadRow> {
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

// Where rows come from: RingLens-format files (kind detected from the name or header) or a foreign export through a
// mapping file. Both become one stream of `{ kind, file, line, raw | error }` that the loader validates and writes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { loadMapping, mapRecords, type Mapping, type SkippedRow } from './mapping.ts';
import { detectKind, flatten, peekColumns, readRecordBatches, ReaderError } from './readers.ts';
import type { NormalizeOptions } from './normalize.ts';
import type { RecordKind } from './schemas.ts';

export type SourceRow =
  | { kind: RecordKind; file: string; line: number; raw: Record<string, unknown>; error?: undefined }
  | { kind: RecordKind; file: string; line: number; raw?: undefined; error: string };

/** One input of a load: something that can be read (twice: validate, then write) and hashed. */
export interface Source {
  /** What the user named: a file, or a mapping file. */
  name: string;
  /** Files whose contents make up this source (for the content hash and the progress bar). */
  files: string[];
  rows(): AsyncGenerator<SourceRow>;
  /** The same rows in arrays, when the source can read them so faster (files). */
  batches?(): AsyncGenerator<SourceRow[]>;
  /** The content hash when known: in-memory sources (API requests) bring their own; the nightly job sets a file's. */
  sha256?: string;
  /** Normalisation options the source asks for (a mapping file's `normalize`); command-line flags override them. */
  normalize?: NormalizeOptions;
  /** A RingLens-format file: its path and kind, from which another thread can read the same rows (checked-rows.ts). */
  file?: { path: string; kind: RecordKind };
}

/** Records already in memory, e.g. the body of POST /api/ingest. Lines count from 1 in the order given. */
export function memorySource(name: string, kind: RecordKind, records: unknown[], sha256: string): Source {
  return {
    name,
    files: [],
    sha256,
    async *rows() {
      let line = 0;
      for (const raw of records) {
        line++;
        if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
          yield { kind, file: name, line, raw: raw as Record<string, unknown> };
        } else {
          yield { kind, file: name, line, error: 'expected a JSON object with one record.' };
        }
      }
    },
  };
}

export async function fileSource(path: string, kind?: RecordKind): Promise<Source> {
  const name = basename(path);
  let resolvedKind = kind;
  if (!resolvedKind) {
    const columns = await peekColumns(path);
    resolvedKind = detectKind(path, columns);
    if (!resolvedKind) {
      throw new ReaderError(
        name,
        undefined,
        'cannot tell whether it holds accounts, links or payments: name it accounts*/links*/payments*, or use --kind.',
      );
    }
  }
  const k = resolvedKind;
  async function* batches(): AsyncGenerator<SourceRow[]> {
    for await (const rows of readRecordBatches(path)) {
      yield rows.map((row): SourceRow =>
        row.raw
          ? { kind: k, file: name, line: row.line, raw: row.raw }
          : { kind: k, file: name, line: row.line, error: row.error },
      );
    }
  }
  return {
    name,
    files: [path],
    file: { path, kind: k },
    rows: () => flatten(batches()),
    batches,
  };
}

/** A foreign export described by a mapping file; its data files are resolved against `dataDir`. */
export async function mappingSource(
  mappingPath: string,
  dataDir: string,
  onSkip?: (row: SkippedRow) => void,
): Promise<Source> {
  const mapping: Mapping = await loadMapping(mappingPath);
  const files = [...new Set(mapping.sources.flatMap((s) => [s.file, ...s.join.map((j) => j.file)]))].map((f) =>
    resolve(dataDir, f),
  );
  return {
    name: basename(mappingPath),
    files: [mappingPath, ...files],
    ...(mapping.normalize ? { normalize: mapping.normalize } : {}),
    rows: () => mapRecords(mapping, dataDir, { onSkip, mappingName: basename(mappingPath) }),
  };
}

/** SHA-256 over the source's files, in order: the identity that lets a nightly run skip what it loaded before. */
export async function contentHash(source: Source): Promise<string> {
  if (source.sha256) return source.sha256;
  const hash = createHash('sha256');
  for (const file of source.files) {
    hash.update(`${basename(file)}\0`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export async function totalBytes(source: Source): Promise<number> {
  let n = 0;
  for (const f of source.files) n += (await stat(f)).size;
  return n;
}

export function defaultDataDir(mappingPath: string): string {
  return dirname(resolve(mappingPath));
}

/**
 * The nightly job's input: files and folders named on the command line become loader sources, accounts first, then
 * links, then payments (each kind by file name), so an account's attributes arrive before the links that use it.
 * A folder contributes its *.csv, *.ndjson and *.jsonl files (not hidden ones, not *.rejects.ndjson): drop complete
 * files into it (write under another name, then rename).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Db } from '../db/database.ts';
import { loadSources } from '../ingest/loader.ts';
import { detectKind, peekColumns, ReaderError } from '../ingest/readers.ts';
import { RECORD_KINDS, type RecordKind } from '../ingest/schemas.ts';
import { HashMemo } from '../ingest/hash-memo.ts';
import { contentHash, fileSource, type Source } from '../ingest/sources.ts';
import type { Emit, NightlyOptions } from './nightly-service.ts';
import type { InputFile } from './report.ts';
import { ingestFiles } from './store.ts';

const EXTENSIONS = new Set(['.csv', '.ndjson', '.jsonl']);

export interface InputSource {
  source: Source;
  kind: RecordKind;
  path: string;
  sha256: string;
}

export async function listInputFiles(paths: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch(() => undefined);
    if (!info) throw new ReaderError(p, undefined, 'no such file or folder.');
    if (info.isFile()) {
      files.add(full);
      continue;
    }
    for (const entry of await readdir(full, { withFileTypes: true })) {
      const name = entry.name;
      if (name.startsWith('.') || name.endsWith('.rejects.ndjson') || !EXTENSIONS.has(extname(name).toLowerCase())) {
        continue;
      }
      // Symbolic links count when they point at a file (a drop folder often links into an archive).
      const isFile =
        entry.isFile() || (entry.isSymbolicLink() && (await stat(join(full, name)).catch(() => undefined))?.isFile());
      if (isFile) files.add(join(full, name));
    }
  }
  return [...files];
}

/**
 * The input files as loader sources with their content hashes: from `memo` when a file is unchanged since it was
 * hashed (ingest/hash-memo.ts), else read. The hash is kept on the source, so the loader does not read it again.
 */
export async function inputSources(paths: readonly string[], memo?: HashMemo): Promise<InputSource[]> {
  const out: InputSource[] = [];
  for (const path of await listInputFiles(paths)) {
    const kind = detectKind(path, await peekColumns(path));
    if (!kind) {
      throw new ReaderError(
        basename(path),
        undefined,
        'cannot tell whether it holds accounts, links or payments: name it accounts*/links*/payments*.',
      );
    }
    const source = await fileSource(path, kind);
    const sha256 = memo ? await memo.hash(source) : await contentHash(source);
    source.sha256 = sha256;
    out.push({ source, kind, path, sha256 });
  }
  const order = (k: RecordKind) => RECORD_KINDS.indexOf(k);
  return out.sort((a, b) => order(a.kind) - order(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Loads the input files not loaded before; returns every input file with what the loader recorded for it. */
export async function loadInputs(
  db: Db,
  o: Pick<NightlyOptions, 'inputs' | 'skipInvalid' | 'normalize' | 'onReject' | 'hashMemo'>,
  since: string,
  emit: Emit,
): Promise<InputFile[]> {
  const memo = o.hashMemo ? new HashMemo(o.hashMemo) : undefined;
  const sources = await inputSources(o.inputs, memo);
  if (memo) {
    emit({
      level: 'debug',
      event: 'load.hashes',
      message: `${memo.remembered} input file(s) unchanged since hashed, ${memo.read} read`,
      remembered: memo.remembered,
      read: memo.read,
    });
    try {
      memo.save();
    } catch (err) {
      emit({ level: 'warn', event: 'load.hashes', message: `could not keep the input files' hashes: ${String(err)}` });
    }
  }
  const hashes = sources.map((s) => s.sha256);
  const before = await ingestFiles(db, hashes, since);
  const fresh = sources.filter((s) => !before.has(s.sha256));
  for (const s of sources.filter((x) => before.has(x.sha256))) {
    emit({
      level: 'info',
      event: 'load.skip',
      message: `${basename(s.path)} already loaded`,
      file: s.path,
      sha256: s.sha256,
    });
  }
  if (fresh.length) {
    const summary = await loadSources(
      db,
      fresh.map((s) => s.source),
      {
        skipLoadedFiles: true,
        skipInvalid: o.skipInvalid,
        ...(o.normalize ? { normalize: o.normalize } : {}),
        ...(o.onReject ? { onReject: o.onReject } : {}),
        onProgress: (p) =>
          emit({
            level: 'debug',
            event: 'progress',
            message: '',
            phase: 'load',
            step: p.phase,
            source: p.source,
            done: p.rows,
          }),
      },
    );
    emit({
      level: 'info',
      event: 'load.done',
      message: `loaded ${summary.rowsWritten} rows from ${fresh.length} file(s)`,
      rowsRead: summary.rowsRead,
      rowsWritten: summary.rowsWritten,
      rowsRejected: summary.rowsRejected,
      durationMs: summary.durationMs,
    });
  }
  const after = await ingestFiles(db, hashes, since);
  return sources.map((s) => {
    const f = after.get(s.sha256);
    if (!f) throw new Error(`${basename(s.path)} was not recorded as loaded; run the nightly job again.`);
    return {
      name: basename(s.path),
      sha256: s.sha256,
      rows: f.rows,
      rejected: f.rejected,
      loaded: f.thisRun ? 'this-run' : 'earlier',
    };
  });
}

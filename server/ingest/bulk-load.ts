// `npm run load -- --bulk`: the first load of a large dataset into an empty project-local Neo4j through
// `neo4j-admin database import full` instead of MERGE transactions. The sources are converted by bulk-convert.ts
// (the loader's own validation, normalisation and rejects), imported offline, and the server is started again with
// the schema applied and every source recorded as loaded (IngestFile, as the loader does), so later incremental loads
// (`--skip-loaded`, nightly runs) and detection work on the result unchanged.
//
// It refuses — before reading anything — a remote NEO4J_URI (neo4j-admin writes the store files of a local server)
// and a store that holds any node (an import replaces the database; it never adds to one).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { Db } from '../db/database.ts';
import { mainInstance } from '../db/instances.ts';
import {
  install,
  instancePaths,
  neo4jAdmin,
  start,
  status,
  stop,
  type LocalInstanceOptions,
} from '../db/local-neo4j.ts';
import {
  ARRAY_DELIMITER,
  convertSources,
  type ConvertOptions,
  type ConvertSummary,
  type ImportFiles,
} from './bulk-convert.ts';
import { contentHash, type Source } from './sources.ts';

/** --bulk cannot run here: a remote database, or a store that is not empty. Nothing was written. */
export class BulkRefusedError extends Error {
  override name = 'BulkRefusedError';
  readonly exitCode = 2;
  readonly retriable = false;
}

/** neo4j-admin failed; the database may be missing or partial (it was empty before). */
export class BulkImportError extends Error {
  override name = 'BulkImportError';
  readonly exitCode = 1;
  readonly retriable = false;
}

export interface BulkPhases {
  /** Checking that the store is empty (may start the server to count). */
  checkMs: number;
  convertMs: number;
  importMs: number;
  startMs: number;
  /** Constraints and indexes created and online. */
  schemaMs: number;
  /** Content hashes of the sources and their IngestFile records. */
  recordMs: number;
}

export interface BulkSummary {
  convert: ConvertSummary;
  phases: BulkPhases;
  totalMs: number;
  nodes: number;
  relationships: number;
}

export interface BulkOptions extends ConvertOptions {
  /** Where the import CSVs are written (default <RINGLENS_HOME>/bulk-import); removed afterwards unless keepFiles. */
  workDir?: string;
  keepFiles?: boolean;
  /** neo4j-admin --threads (default: its own, the machine's cores). */
  threads?: number;
  /** neo4j-admin import's stage and progress, as it prints them. */
  onImportProgress?: (p: ImportProgress) => void;
  log?: (line: string) => void;
}

function refuseRemote(cfg: Config): void {
  if (cfg.NEO4J_URI) {
    throw new BulkRefusedError(
      `--bulk builds the store files of the project-local Neo4j with neo4j-admin, and NEO4J_URI points at ${cfg.NEO4J_URI}, a server it cannot write offline. Load without --bulk (batched transactions work against any server), or unset NEO4J_URI to bulk-load into the local instance.`,
    );
  }
}

async function nodeCount(inst: LocalInstanceOptions): Promise<number> {
  const s = await start(inst);
  const db = await Db.connect({ uri: s.uri, user: s.user, password: s.password, database: 'neo4j' });
  try {
    const [row] = await db.read<{ nodes: number }>('count-all-nodes.read');
    return Number(row?.nodes ?? 0);
  } finally {
    await db.close();
  }
}

/** Refuses unless the local store is empty (no store at all, or one without a single node). */
export async function checkEmptyLocalStore(cfg: Config, log?: (line: string) => void): Promise<LocalInstanceOptions> {
  refuseRemote(cfg);
  const inst = mainInstance(cfg, log);
  const p = instancePaths(inst);
  if (!existsSync(join(p.home, 'data', 'databases', 'neo4j'))) return inst;
  const nodes = await nodeCount(inst);
  if (nodes > 0) {
    throw new BulkRefusedError(
      `--bulk only loads into an empty store, and the local Neo4j (${p.home}) holds ${nodes} node(s): an import would replace them. Load without --bulk to add to it (use --skip-loaded to pass over files loaded before), or move that store away first.`,
    );
  }
  return inst;
}

export function importArgs(files: ImportFiles, reportFile: string, threads?: number): string[] {
  return [
    'database',
    'import',
    'full',
    'neo4j',
    '--overwrite-destination=true',
    ...files.nodes.map(([label, file]) => `--nodes=${label}=${file}`),
    ...files.relationships.map(([type, file]) => `--relationships=${type}=${file}`),
    `--array-delimiter=U+${ARRAY_DELIMITER.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    '--ignore-empty-strings=true',
    // The converter writes every node once and every relationship between nodes it wrote: any bad entry is a bug.
    '--bad-tolerance=0',
    ...(files.multiline ? ['--multiline-fields=true'] : []),
    ...(threads ? [`--threads=${threads}`] : []),
    `--report-file=${reportFile}`,
  ];
}

/** Where neo4j-admin import is: its stage (of four in 5.26: node import, relationship import, linking, post processing). */
export interface ImportProgress {
  stage: number;
  stages: number;
  name: string;
  percent: number;
}

/**
 * Reads one line of neo4j-admin import's output: `(2/4) Relationship import 2026-12-04 01:54:09.314+0000` starts a
 * stage, `… 35% ∆2s 16ms [14s 887ms]` is its progress, `Relationship import COMPLETED in 3m 16s` its end. Returns
 * where the import is after the line, or undefined when the line says nothing about it.
 */
export function importProgress(line: string, current?: ImportProgress): ImportProgress | undefined {
  const stage = /^\((\d+)\/(\d+)\) (.+?) \d{4}-\d\d-\d\d[ T]/.exec(line);
  if (stage) return { stage: Number(stage[1]), stages: Number(stage[2]), name: stage[3]!, percent: 0 };
  if (!current) return undefined;
  const pct = /\s(\d{1,3})% ∆/.exec(line);
  if (pct) return { ...current, percent: Math.min(100, Number(pct[1])) };
  if (line.startsWith(`${current.name} COMPLETED`)) return { ...current, percent: 100 };
  return undefined;
}

/** Runs neo4j-admin import of converted files into the (stopped) instance's `neo4j` database. */
export async function adminImport(
  inst: LocalInstanceOptions,
  files: ImportFiles,
  reportFile: string,
  threads?: number,
  onProgress?: (p: ImportProgress) => void,
): Promise<{ ms: number; nodes: number; relationships: number }> {
  const t0 = performance.now();
  let at: ImportProgress | undefined;
  const r = await neo4jAdmin(
    inst,
    importArgs(files, reportFile, threads),
    onProgress &&
      ((line) => {
        const next = importProgress(line, at);
        if (next && (next.stage !== at?.stage || next.percent !== at.percent)) onProgress(next);
        at = next ?? at;
      }),
  );
  if (r.code !== 0) {
    const tail = (r.stderr || r.stdout).trim().split('\n').slice(-6).join('\n');
    throw new BulkImportError(`neo4j-admin import failed (exit ${r.code}); see ${reportFile}:\n${tail}`);
  }
  const nodes = Number(/(\d+) nodes/.exec(r.stdout)?.[1] ?? NaN);
  const relationships = Number(/(\d+) relationships/.exec(r.stdout)?.[1] ?? NaN);
  return { ms: performance.now() - t0, nodes, relationships };
}

export async function bulkLoad(cfg: Config, sources: Source[], opts: BulkOptions = {}): Promise<BulkSummary> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  let t = t0;
  const lap = (): number => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const inst = await checkEmptyLocalStore(cfg, log);
  await install({ root: inst.root, log });
  const checkMs = lap();

  const workDir = resolve(opts.workDir ?? join(instancePaths(inst).root, 'bulk-import'));
  mkdirSync(workDir, { recursive: true });
  const csvDir = join(workDir, 'csv');
  try {
    log('Converting the input for neo4j-admin …');
    const convert = await convertSources(sources, csvDir, opts);
    const convertMs = lap();

    // The store may have been started by the check above (or by a user meanwhile): count again, then stop it.
    if ((await status(inst)).running) {
      await checkEmptyLocalStore(cfg, log);
      await stop(inst);
    }
    log('Importing with neo4j-admin database import full …');
    const imported = await adminImport(
      inst,
      convert.files,
      join(workDir, 'import.report'),
      opts.threads,
      opts.onImportProgress,
    );
    const importMs = lap();

    const s = await start(inst);
    const db = await Db.connect({ uri: s.uri, user: s.user, password: s.password, database: 'neo4j' });
    try {
      const startMs = lap();
      log('Creating constraints and indexes …');
      // Four sessions: the uniqueness constraints of different labels populate their indexes side by side.
      await db.applySchema({ concurrency: 4 });
      await db.read('schema-await.read');
      const schemaMs = lap();
      for (const { source, rows, rejected } of convert.sources) {
        const sha256 = await contentHash(source);
        await db.write('ingest-file-record.write', { sha256, name: source.name, rows, rejected });
      }
      const recordMs = lap();
      return {
        convert,
        phases: { checkMs, convertMs, importMs, startMs, schemaMs, recordMs },
        totalMs: performance.now() - t0,
        nodes: imported.nodes,
        relationships: imported.relationships,
      };
    } finally {
      await db.close();
    }
  } finally {
    if (!opts.keepFiles) rmSync(csvDir, { recursive: true, force: true });
  }
}

/**
 * The Spark detection engine (`npm run detect -- --engine spark`): stage 1 of detection (the strong-tie parts,
 * server/detect/partition.ts) computed by the Spark job (engine/spark/: GraphX connected components over the links it
 * reads from Neo4j through the Neo4j Connector for Apache Spark); stage 2 stays the TypeScript per-part analysis.
 *
 * The job sees the stored links only. What detection decides beyond them goes to it as two small files, so its parts
 * equal partitionAccounts's exactly: identifiers that tie nobody (placeholders and generic identifiers from the
 * projection, evidence of rings marked false positive) and account pairs tied by evidence that is no stored link
 * (templated mailboxes, relay transfers). Only the strong kinds tie (`--tie-kinds`), under the same crowd cut.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DbOptions } from '../db/database.ts';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../detect/input.ts';
import { isStrongIdentifier, type PartitionStats } from '../detect/partition.ts';
import type { PartitionResult } from '../detect/pipeline.ts';
import type { Projection } from '../detect/projection-graph.ts';
import { maxSharersFor, type DetectionSettings } from '../detect/settings.ts';
import { TEMPLATE_PREFIX } from '../detect/templates.ts';
import { runPartitionJob, SparkJobError } from './spark-job.ts';

export const DEFAULT_SPARK_MASTER = 'local[2]';

export interface SparkEngineOptions {
  /** Where the job reads the links (the run's own database). */
  db: DbOptions;
  /** Spark master URL (default local[2]); the job runs under plain java from here, so local[N] is what is tested. */
  master?: string;
  driverMemory?: string;
  /** `kind\0key` of identifiers the run leaves out besides placeholders and generic ones (false-positive feedback). */
  suppressed?: ReadonlySet<string>;
  /** Called with the job's output once it has finished, and with its wall time. */
  onJob?: (report: { output: string; ms: number }) => void;
}

/** A `partition` step for detectRings that runs the Spark job. */
export function sparkPartition(
  opts: SparkEngineOptions,
): (projection: Projection, settings: DetectionSettings) => Promise<PartitionResult> {
  return async (projection, settings) => {
    const dir = await mkdtemp(join(tmpdir(), 'ringlens-spark-'));
    try {
      const files = { exclude: join(dir, 'exclude.csv'), extraTies: join(dir, 'extra-ties.csv') };
      const out = join(dir, 'parts');
      const started = performance.now();
      const job = await runPartitionJob(
        [
          '--out',
          out,
          '--master',
          opts.master ?? DEFAULT_SPARK_MASTER,
          '--neo4j-url',
          opts.db.uri,
          '--neo4j-user',
          opts.db.user,
          '--neo4j-database',
          opts.db.database,
          ...(await writeJobInputs(projection, settings, files, opts.suppressed)),
        ],
        // The password goes by environment, never on a command line other users can read.
        { env: { ...process.env, NEO4J_PASSWORD: opts.db.password }, stdio: 'pipe', driverMemory: opts.driverMemory },
      );
      opts.onJob?.({ output: job.output, ms: Math.round(performance.now() - started) });
      if (job.code !== 0) {
        throw new SparkJobError(`The Spark partition job failed (exit code ${job.code}):\n${job.output.slice(-4000)}`);
      }
      return { ...(await readParts(projection, out, settings)), engine: 'spark' };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

/**
 * What the job needs besides the links so that its parts equal partitionAccounts's: the two files (written) and the
 * options naming them, the kinds that tie and the crowd cut. For any link source (`--neo4j-url` or `--links-csv`).
 */
export async function writeJobInputs(
  projection: Projection,
  settings: DetectionSettings,
  files: { exclude: string; extraTies: string },
  suppressed?: ReadonlySet<string>,
): Promise<string[]> {
  await writeFile(files.exclude, csv(['kind', 'key'], excludedIdentifiers(projection, settings, suppressed)));
  await writeFile(files.extraTies, csv(['a', 'b'], extraTies(projection, settings)));
  return [
    '--tie-kinds',
    settings.strongKinds.join(','),
    '--max-sharers',
    String(settings.maxSharers),
    ...IDENTIFIER_KINDS.flatMap((kind) => [`--max-sharers-${kind}`, String(maxSharersFor(settings, kind))]),
    '--exclude-csv',
    files.exclude,
    '--extra-ties-csv',
    files.extraTies,
  ];
}

/** Placeholders, generic identifiers and suppressed evidence of the kinds that tie. */
function excludedIdentifiers(
  projection: Projection,
  settings: DetectionSettings,
  suppressed: ReadonlySet<string> = new Set(),
): string[][] {
  const rows: string[][] = [];
  const tying = new Set<IdentifierKind>(settings.strongKinds);
  for (const e of projection.excluded) if (tying.has(e.kind)) rows.push([e.kind, e.key]);
  for (const id of suppressed) {
    const [kind, key] = id.split('\u0000') as [IdentifierKind, string];
    if (tying.has(kind)) rows.push([kind, key]);
  }
  return rows;
}

/**
 * Ties the stored links do not hold: templated mailboxes (derived identifiers), IPs found to be an intruder's network
 * (networks.ts: an IP is not a strong kind, so the job does not read it) and linking transfers.
 */
function extraTies(projection: Projection, settings: DetectionSettings): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < projection.identifierCount; i++) {
    if (!projection.identifierKey(i).startsWith(TEMPLATE_PREFIX) && !projection.isIntruderNetwork(i)) continue;
    if (!isStrongIdentifier(projection, i, settings)) continue;
    const members = projection.membersOf(i);
    const first = projection.accountId(members[0]);
    for (let k = 1; k < members.length; k++) rows.push([first, projection.accountId(members[k])]);
  }
  for (let t = 0; t < projection.transferCountTotal; t++) {
    if (!projection.transferLinks(t)) continue;
    rows.push([projection.accountId(projection.transferPayer(t)), projection.accountId(projection.transferPayee(t))]);
  }
  return rows;
}

function csv(header: string[], rows: string[][]): string {
  const cell = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

/** The job's `account_id,part_id` files as parts of the projection, ordered as partitionAccounts orders them. */
async function readParts(projection: Projection, out: string, settings: DetectionSettings): Promise<PartitionResult> {
  const byPart = new Map<string, number[]>();
  const files = (await readdir(out)).filter((f) => f.endsWith('.csv')).sort();
  for (const file of files) {
    const rows = parse(await readFile(join(out, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{
      account_id: string;
      part_id: string;
    }>;
    for (const row of rows) {
      const node = projection.indexOf(row.account_id);
      if (node < 0) continue; // linked only by identifiers that tie nobody: not projected, in no part
      const list = byPart.get(row.part_id);
      if (list) list.push(node);
      else byPart.set(row.part_id, [node]);
    }
  }
  const ids = projection.adjacency.ids;
  const parts: number[][] = [];
  for (const nodes of byPart.values()) {
    if (nodes.length < 2) continue;
    parts.push(nodes.sort((a, b) => compare(ids[a], ids[b])));
  }
  parts.sort((a, b) => compare(ids[a[0]], ids[b[0]]));
  return { parts, stats: partStats(projection, settings, parts) };
}

/** The counters partitionAccounts reports, for the same parts. */
function partStats(projection: Projection, settings: DetectionSettings, parts: number[][]): PartitionStats {
  let strongIdentifiers = 0;
  for (let i = 0; i < projection.identifierCount; i++) {
    if (isStrongIdentifier(projection, i, settings)) strongIdentifiers++;
  }
  let linkingTransfers = 0;
  for (let t = 0; t < projection.transferCountTotal; t++) if (projection.transferLinks(t)) linkingTransfers++;
  return {
    parts: parts.length,
    largestPart: parts.reduce((max, p) => Math.max(max, p.length), 0),
    strongIdentifiers,
    linkingTransfers,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

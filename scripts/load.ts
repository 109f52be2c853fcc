/**
 * `npm run load -- [options] <files…>`: validates and loads accounts, links and payments into Neo4j.
 * Exit codes: 0 loaded, 1 failed (nothing or only complete batches written; safe to run again), 2 bad usage,
 * 3 invalid rows (nothing written).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { LOAD_DEFAULTS, LoadValidationError, loadSources, validateSources } from '../server/ingest/loader.ts';
import type { Config } from '../server/config.ts';
import { bulkLoad } from '../server/ingest/bulk-load.ts';
import type { NormalizeOptions } from '../server/ingest/normalize.ts';
import { RECORD_KINDS } from '../server/ingest/schemas.ts';
import { fileSource, mappingSource, type Source } from '../server/ingest/sources.ts';
import { formatIssue } from '../server/ingest/validate.ts';
import { checkOptions, parseOptions, runMain, UsageError } from './lib/cli.ts';
import { progress } from './lib/progress.ts';

const HELP = `Usage: npm run load -- [options] <files…>

Loads RingLens input files (CSV or NDJSON) into Neo4j. The kind of each file (accounts, links, payments) comes
from its name (accounts*.csv, links*.ndjson, …) or its columns; see README.md "Input files".

By default every file is validated first: one invalid row stops the load before anything is written, with a
report naming file, line, field and reason. Loading is idempotent: loading a file again, or re-running a load
that was interrupted, ends in the same graph as one clean load.

Options:
  --map <mapping.json>     load a foreign export described by a mapping file (see examples/)
  --data-dir <dir>         where the mapping's CSV files are (default: the mapping file's folder)
  --kind <kind>            treat every file as accounts | links | payments
  --skip-invalid           write the valid rows; put rejected rows and reasons into a .rejects.ndjson file
  --rejects <path>         where rejected rows go (default: <first input>.rejects.ndjson in the current folder)
  --batch-size <n>         rows per write transaction (default ${LOAD_DEFAULTS.batchSize})
  --skip-loaded            skip files whose content hash was loaded completely before
  --default-country <CC>   country for phone numbers without a +prefix (default US)
  --lenient-phones         accept any parseable phone number (for exports with fictional numbers)
  --dry-run                validate only; write nothing
  --bulk                   first load into an EMPTY local store: convert (same validation and rejects), then
                           neo4j-admin database import, then schema; refuses a non-empty store or NEO4J_URI
  --bulk-parallel <when>   auto | on | off: convert the links file in two halves side by side, one per core, with
                           the other files in a third thread (default auto: one CSV links file of 64 MiB or more;
                           input it cannot cut goes through one thread, with the same result)
  -h, --help

Exit codes: 0 loaded, 1 failed (safe to re-run), 2 bad usage, 3 invalid rows (nothing written).`;

const Args = z.object({
  map: z.string().optional(),
  'data-dir': z.string().optional(),
  kind: z.enum(RECORD_KINDS).optional(),
  'skip-invalid': z.boolean().default(false),
  rejects: z.string().optional(),
  'batch-size': z.coerce.number().int().min(1).max(100_000).default(LOAD_DEFAULTS.batchSize),
  'skip-loaded': z.boolean().default(false),
  'default-country': z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
    .default('US'),
  'lenient-phones': z.boolean().default(false),
  'dry-run': z.boolean().default(false),
  bulk: z.boolean().default(false),
  'bulk-parallel': z.enum(['auto', 'on', 'off']).default('auto'),
});

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(
    argv,
    {
      map: { type: 'string' },
      'data-dir': { type: 'string' },
      kind: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      rejects: { type: 'string' },
      'batch-size': { type: 'string' },
      'skip-loaded': { type: 'boolean' },
      'default-country': { type: 'string' },
      'lenient-phones': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      bulk: { type: 'boolean' },
      'bulk-parallel': { type: 'string' },
    },
    true,
  );
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  const args = checkOptions(Args, parsed.values);
  const files = parsed.positionals;
  if (!args.map && files.length === 0) throw new UsageError('Name at least one file to load, or --map <mapping.json>.');

  const sources: Source[] = [];
  let skippedJoins = 0;
  if (args.map) {
    const dataDir = args['data-dir'] ?? dirname(resolve(args.map));
    sources.push(await mappingSource(args.map, dataDir, () => skippedJoins++));
  }
  for (const f of files) sources.push(await fileSource(f, args.kind));

  // A mapping's own `normalize` settings apply unless a flag says otherwise.
  const fromMapping = sources.find((s) => s.normalize)?.normalize ?? {};
  const normalize = {
    defaultCountry: args['default-country']?.toUpperCase() ?? fromMapping.defaultCountry ?? 'US',
    phoneValidation: args['lenient-phones']
      ? ('parseable' as const)
      : (fromMapping.phoneValidation ?? ('possible' as const)),
  };

  if (args['dry-run']) {
    const bar = progress('Validating');
    const v = await validateSources(sources, { normalize, onProgress: (p) => bar.update(p.allRows) });
    bar.stop();
    if (v.total) throw new LoadValidationError(v.issues, v.total);
    console.log(`All ${v.rows} rows are valid (nothing written: --dry-run).`);
    return 0;
  }

  const cfg = loadConfig();
  const rejectsPath = args.rejects ?? join(process.cwd(), `${basename(files[0] ?? args.map ?? 'load')}.rejects.ndjson`);
  if (args.bulk) {
    if (args['skip-loaded'])
      throw new UsageError('--skip-loaded means nothing with --bulk, which needs an empty store.');
    const parallel = { auto: undefined, on: true, off: false }[args['bulk-parallel']];
    return bulk(cfg, sources, normalize, args['skip-invalid'], rejectsPath, skippedJoins, parallel);
  }
  if (args['bulk-parallel'] !== 'auto') {
    throw new UsageError('--bulk-parallel means something only with --bulk.');
  }
  const db = await connect(cfg, (l) => console.error(l));
  let rejects: WriteStream | undefined;
  try {
    let total: number | undefined;
    if (!args['skip-invalid']) {
      const bar = progress('Validating');
      const v = await validateSources(sources, { normalize, onProgress: (p) => bar.update(p.allRows) });
      bar.stop();
      if (v.total) throw new LoadValidationError(v.issues, v.total);
      total = v.rows;
    }
    const bar = progress('Loading');
    const summary = await loadSources(db, sources, {
      batchSize: args['batch-size'],
      // Already validated above; loadSources would validate again otherwise.
      skipInvalid: true,
      skipLoadedFiles: args['skip-loaded'],
      normalize,
      onProgress: (p) => bar.update(p.allRows, total),
      onReject: (issue, raw) => {
        rejects ??= createWriteStream(rejectsPath, { mode: 0o600 });
        rejects.write(`${JSON.stringify({ ...issue, message: formatIssue(issue), raw })}\n`);
      },
    });
    bar.stop();
    const s = summary.stats;
    const secs = summary.durationMs / 1000;
    console.log(
      [
        `Loaded in ${secs.toFixed(1)} s (${Math.round(summary.rowsRead / Math.max(secs, 0.001))} rows/s):`,
        `  rows read ${summary.rowsRead}, written ${summary.rowsWritten} (accounts ${summary.byKind.accounts}, links ${summary.byKind.links}, payments ${summary.byKind.payments}), rejected ${summary.rowsRejected}`,
        `  nodes created ${s.nodesCreated}, relationships created ${s.relationshipsCreated}, properties set ${s.propertiesSet}`,
        ...summary.sources
          .filter((x) => x.skipped)
          .map((x) => `  skipped ${x.name}: already loaded (sha256 ${x.sha256.slice(0, 12)}…)`),
        ...(skippedJoins ? [`  ${skippedJoins} mapped row(s) skipped: a required join found no match`] : []),
        ...(summary.rowsRejected ? [`  rejected rows and reasons: ${rejectsPath}`] : []),
      ].join('\n'),
    );
    return 0;
  } finally {
    await new Promise<void>((r) => (rejects ? rejects.end(() => r()) : r()));
    await db.close();
  }
}

async function bulk(
  cfg: Config,
  sources: Source[],
  normalize: NormalizeOptions,
  skipInvalid: boolean,
  rejectsPath: string,
  skippedJoins: number,
  parallel: boolean | undefined,
): Promise<number> {
  let rejects: WriteStream | undefined;
  const bar = progress('Converting');
  // neo4j-admin import: a bar per stage (at 10M accounts it runs for half an hour).
  let importBar: ReturnType<typeof progress> | undefined;
  let importStage = 0;
  // Rows read so far per source (sources are read side by side when the conversion is parallel).
  const read = new Map<string, number>();
  try {
    const summary = await bulkLoad(cfg, sources, {
      normalize,
      skipInvalid,
      parallel,
      log: (l) => console.error(l),
      onImportProgress: (p) => {
        if (p.stage !== importStage) {
          bar.stop();
          importBar?.stop();
          importBar = progress(`Importing (${p.stage}/${p.stages}) ${p.name}`, '%');
          importStage = p.stage;
        }
        importBar!.update(p.percent, 100);
      },
      onProgress: (p) => {
        read.set(p.source, p.rows);
        let rows = 0;
        for (const n of read.values()) rows += n;
        bar.update(rows);
      },
      rejects: {
        write: (issue, raw) => {
          rejects ??= createWriteStream(rejectsPath, { mode: 0o600 });
          rejects.write(`${JSON.stringify({ ...issue, message: formatIssue(issue), raw })}\n`);
        },
        reset: () => {
          rejects?.close();
          rejects = createWriteStream(rejectsPath, { mode: 0o600 });
        },
      },
    });
    bar.stop();
    importBar?.stop();
    const c = summary.convert;
    const ph = summary.phases;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      [
        `Bulk-loaded in ${s(summary.totalMs)} (${Math.round(c.rowsRead / Math.max(summary.totalMs / 1000, 0.001))} rows/s): convert ${s(ph.convertMs)}, neo4j-admin import ${s(ph.importMs)}, start ${s(ph.startMs)}, schema ${s(ph.schemaMs)}, records ${s(ph.recordMs)}`,
        `  rows read ${c.rowsRead}, written ${c.rowsRead - c.rowsRejected} (accounts ${c.byKind.accounts}, links ${c.byKind.links}, payments ${c.byKind.payments}), rejected ${c.rowsRejected}`,
        `  nodes ${summary.nodes} (accounts ${c.counts.accounts}, identifiers ${c.counts.identifiers}), relationships ${summary.relationships} (USES ${c.counts.uses}, PAID ${c.counts.paid})`,
        ...(c.spilled
          ? ["  an account's rows were not consecutive: relationships were grouped through spill files"]
          : []),
        ...(c.parallel ? ['  converted on both cores: the links file in two halves, the other files beside them'] : []),
        ...(skippedJoins ? [`  ${skippedJoins} mapped row(s) skipped: a required join found no match`] : []),
        ...(c.rowsRejected ? [`  rejected rows and reasons: ${rejectsPath}`] : []),
      ].join('\n'),
    );
    return 0;
  } finally {
    bar.stop();
    importBar?.stop();
    await new Promise<void>((r) => (rejects ? rejects.end(() => r()) : r()));
  }
}

runMain(() => main(process.argv.slice(2)), {
  failed: 'Load failed',
  retryHint: 'nothing is lost: run the same command again.',
  exitCodes: [1, 2, 3],
});

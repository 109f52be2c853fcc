/**
 * `npm run eval -- [--generator all] [--seeds 1-5] [--accounts 20000]`: for each generator and seed, generates a
 * marketplace with planted fraud and benign confounders, loads it into a throw-away local Neo4j (instance `eval`,
 * wiped before every dataset — never your data), runs detection and scores the findings against the ground truth:
 * recall, ring- and account-level precision per typology, confounders flagged, and a calibration table.
 * Prints the tables and writes them as JSON and Markdown. Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { Db } from '../server/db/database.ts';
import { stop, type LocalInstanceOptions } from '../server/db/local-neo4j.ts';
import { detectRings } from '../server/detect/pipeline.ts';
import type { DetectionSettingsInput } from '../server/detect/settings.ts';
import { findingsOf } from '../server/eval/detection-findings.ts';
import { evaluateFindings } from '../server/eval/findings-eval.ts';
import { readOfflineInput, type OfflineInput } from '../server/eval/offline-input.ts';
import { buildReport, reportMarkdown, type DatasetResult } from '../server/eval/report.ts';
import { readTruth } from '../server/eval/truth.ts';
import { generateDataset } from '../server/generate/dataset.ts';
import { loadSources } from '../server/ingest/loader.ts';
import { fileSource } from '../server/ingest/sources.ts';
import { runDetection } from '../server/runs/detection-service.ts';
import { CATALOGUE_MAX_ACCOUNTS, generateCatalogue } from '../server/scenarios/catalogue.ts';
import { generateShop, SHOP_MAX_ACCOUNTS } from '../server/scenarios-shop/shop.ts';
import { generateWallet, WALLET_MAX_ACCOUNTS } from '../server/scenarios-wallet/wallet.ts';
import { generateSportsbook, SPORTSBOOK_MAX_ACCOUNTS } from '../server/scenarios-sportsbook/sportsbook.ts';
import { generateRides, RIDES_MAX_ACCOUNTS } from '../server/scenarios-rides/rides.ts';
import { generateStays, STAYS_MAX_ACCOUNTS } from '../server/scenarios-stays/stays.ts';
import { checkOptions, parseOptions, runMain } from './lib/cli.ts';
import { evalInstance, freshEvalInstance } from './lib/eval-instance.ts';

const GENERATORS = ['marketplace', 'catalogue', 'shop', 'wallet', 'sportsbook', 'rides', 'stays'] as const;
type Generator = (typeof GENERATORS)[number];

const HELP = `Usage: npm run eval -- [options]

For each generator and seed: generates a synthetic marketplace (npm run generate), loads it into a throw-away local
Neo4j (instance "eval", Bolt port NEO4J_EVAL_BOLT_PORT or 7699; its store deleted at the start and emptied before
every dataset), runs detection with the
default settings and scores the findings against the ground truth.

  found             a planted group (ring or duplicate-account pair) is found when a flagged finding of either kind
                    has Jaccard >= 0.5 with it
  ring precision    flagged findings that match a planted group / flagged findings; the others are fragments of
                    planted groups, confounder flags (more than half of the finding is one benign group, or Jaccard
                    >= 0.5 with it) or other false flags
  account precision flagged accounts that belong to a planted group / flagged accounts
  calibration       precision and recall of every finding (flagged or not) scoring at least 30, 40, ..., 100

Options:
  --generator <g>  marketplace, catalogue, shop, wallet, sportsbook, rides, stays or all (default all)
  --seeds <list>   seeds, e.g. 1-5 or 1,4,9 (default 1; --seed is the same)
  --accounts <n>   marketplace size (default 20000; catalogue at most ${CATALOGUE_MAX_ACCOUNTS}, shop at most
                   ${SHOP_MAX_ACCOUNTS}, wallet at most ${WALLET_MAX_ACCOUNTS}, sportsbook at most ${SPORTSBOOK_MAX_ACCOUNTS},
                   rides at most ${RIDES_MAX_ACCOUNTS}, stays at most ${STAYS_MAX_ACCOUNTS})
  --offline        skip Neo4j: read the generated files into memory and run the same pipeline (for fast
                   parameter sweeps; the figures that count are the ones through the database)
  --settings <js>  detection settings to override, as JSON (see server/detect/settings.ts)
  --out <dir>      where to write eval-report.json and eval-report.md, rewritten after every dataset
                   (default .ringlens/eval/)
  --keep           leave the eval Neo4j running afterwards (default: stop it)
  -h, --help

Prints the tables (Markdown) and ends with one line of JSON per generator and overall:
{"generator":…,"recall":…,"precision":…,"accountPrecision":…,"planted":…,"flagged":…,"confounderFlags":…}`;

function parseSeeds(text: string, ctx: z.RefinementCtx): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    const [lo, hi] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
    if (!m || hi < lo || hi - lo > 100 || hi > 4_294_967_295) {
      ctx.addIssue({ code: 'custom', message: 'must be seeds like 1-5 or 1,4,9 (at most 100 in a range)' });
      return [];
    }
    for (let s = lo; s <= hi; s++) if (!seeds.includes(s)) seeds.push(s);
  }
  return seeds;
}

const Args = z
  .object({
    generator: z
      .enum([...GENERATORS, 'all'], {
        error: 'must be marketplace, catalogue, shop, wallet, sportsbook, rides, stays or all',
      })
      .default('all'),
    seeds: z.string().default('1').transform(parseSeeds),
    seed: z.string().transform(parseSeeds).optional(),
    accounts: z.coerce.number({ error: 'must be a whole number' }).int().min(1000).max(2_000_000).default(20_000),
    keep: z.boolean().default(false),
    offline: z.boolean().default(false),
    out: z.string().min(1).default('.ringlens/eval'),
    settings: z
      .string()
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as DetectionSettingsInput;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
          return z.NEVER;
        }
      })
      .optional(),
  })
  .refine((a) => !['catalogue', 'all'].includes(a.generator) || a.accounts <= CATALOGUE_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${CATALOGUE_MAX_ACCOUNTS} when the catalogue generator runs`,
  })
  .refine((a) => !['shop', 'all'].includes(a.generator) || a.accounts <= SHOP_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${SHOP_MAX_ACCOUNTS} when the shop generator runs`,
  })
  .refine((a) => !['wallet', 'all'].includes(a.generator) || a.accounts <= WALLET_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${WALLET_MAX_ACCOUNTS} when the wallet generator runs`,
  })
  .refine((a) => !['sportsbook', 'all'].includes(a.generator) || a.accounts <= SPORTSBOOK_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${SPORTSBOOK_MAX_ACCOUNTS} when the sportsbook generator runs`,
  })
  .refine((a) => !['rides', 'all'].includes(a.generator) || a.accounts <= RIDES_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${RIDES_MAX_ACCOUNTS} when the rides generator runs`,
  })
  .refine((a) => !['stays', 'all'].includes(a.generator) || a.accounts <= STAYS_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${STAYS_MAX_ACCOUNTS} when the stays generator runs`,
  });

type Files = { accounts: string; links: string; payments: string; groundTruth: string };

async function generate(generator: Generator, seed: number, accounts: number, dir: string): Promise<Files> {
  if (generator === 'catalogue') return (await generateCatalogue({ seed, accounts, outDir: dir })).files;
  if (generator === 'shop') return (await generateShop({ seed, accounts, outDir: dir })).files;
  if (generator === 'wallet') return (await generateWallet({ seed, accounts, outDir: dir })).files;
  if (generator === 'sportsbook') return (await generateSportsbook({ seed, accounts, outDir: dir })).files;
  if (generator === 'rides') return (await generateRides({ seed, accounts, outDir: dir })).files;
  if (generator === 'stays') return (await generateStays({ seed, accounts, outDir: dir })).files;
  return (await generateDataset({ seed, accounts, outDir: dir })).files;
}

function ipHolders(input: OfflineInput): Map<string, string[]> {
  return new Map(input.groups.filter((g) => g.kind === 'ip').map((g) => [g.key, g.accounts]));
}

type Connection = Awaited<ReturnType<typeof freshEvalInstance>>;

/**
 * Empties the eval instance for the next dataset: the first time by stopping it, deleting its store and starting it
 * (freshEvalInstance); then by deleting every node in batches, which is minutes faster than a restart on a busy
 * machine. Either way detection starts with no earlier run to match rings against.
 */
async function emptyInstance(inst: LocalInstanceOptions, conn: Connection | undefined): Promise<Connection> {
  if (!conn) return freshEvalInstance(inst);
  const db = await Db.connect({ uri: conn.uri, user: conn.user, password: conn.password, database: 'neo4j' });
  try {
    for (;;) {
      const [batch] = await db.write<{ deleted: number }>('eval-wipe-batch.write', { limit: 20_000 });
      if (!batch || Number(batch.deleted) === 0) break;
    }
    const [left] = await db.read<{ nodes: number }>('count-all-nodes.read');
    if (Number(left?.nodes) !== 0) throw new Error(`The eval instance still holds ${left?.nodes} nodes after wiping.`);
  } finally {
    await db.close();
  }
  return conn;
}

async function throughDatabase(conn: Connection, files: Files, settings: DetectionSettingsInput) {
  const db = await Db.connect({ uri: conn.uri, user: conn.user, password: conn.password, database: 'neo4j' });
  try {
    await db.applySchema();
    // The generated files are valid (the generators' tests check it), so the loader's separate validation pass is
    // skipped; rows are still validated and normalised as they are written.
    const load = await loadSources(
      db,
      [await fileSource(files.accounts), await fileSource(files.links), await fileSource(files.payments)],
      { skipInvalid: true },
    );
    if (load.rowsRejected > 0) throw new Error(`The loader rejected ${load.rowsRejected} generated rows.`);
    const run = await runDetection(db, { settings });
    return { result: run.result, detectSeconds: run.timings.total / 1000, loadSeconds: load.durationMs / 1000 };
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, {
    generator: { type: 'string' },
    seeds: { type: 'string' },
    seed: { type: 'string' },
    accounts: { type: 'string' },
    keep: { type: 'boolean' },
    offline: { type: 'boolean' },
    out: { type: 'string' },
    settings: { type: 'string' },
  });
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  const args = checkOptions(Args, parsed.values);
  const seeds = args.seed ?? args.seeds;
  const generators: Generator[] = args.generator === 'all' ? [...GENERATORS] : [args.generator];
  const settings = args.settings ?? {};
  const inst = evalInstance();
  const results: DatasetResult[] = [];
  const started = Date.now();
  const outDir = resolve(args.out);
  mkdirSync(outDir, { recursive: true });
  const command = `npm run eval -- ${argv.join(' ')}`.trim();
  const meta = {
    command,
    mode: args.offline ? 'offline' : 'database',
    accounts: args.accounts,
    seeds,
    generators,
    settings,
  } as const;
  // Written after every dataset, so a long run interrupted still leaves the figures of the datasets it finished.
  const save = () => {
    const report = buildReport(results, meta);
    writeFileSync(join(outDir, 'eval-report.json'), JSON.stringify(report, null, 1) + '\n');
    writeFileSync(join(outDir, 'eval-report.md'), reportMarkdown(report));
    return report;
  };
  let conn: Connection | undefined;
  try {
    for (const generator of generators)
      for (const seed of seeds) {
        // A directory of this process's own: two evaluations at once (offline beside a database run) must not
        // rewrite each other's files while they are read.
        const dir = join(inst.root!, 'eval', `${generator}-${args.accounts}-${seed}-${process.pid}`);
        console.error(`[${generator} seed ${seed}] generating ${args.accounts} accounts …`);
        const files = await generate(generator, seed, args.accounts, dir);
        // In memory only when needed: for offline detection, and to list the members of the marketplace's crowds.
        const input = args.offline || generator === 'marketplace' ? await readOfflineInput(files) : undefined;
        const truth = readTruth(JSON.parse(readFileSync(files.groundTruth, 'utf8')), input && ipHolders(input));
        let run;
        if (args.offline) {
          const t0 = performance.now();
          const result = await detectRings({ ...input!, settings });
          run = { result, detectSeconds: (performance.now() - t0) / 1000 };
        } else {
          console.error(`[${generator} seed ${seed}] emptying the eval instance, loading and detecting …`);
          const t0 = performance.now();
          conn = await emptyInstance(inst, conn);
          const startSeconds = (performance.now() - t0) / 1000;
          run = { ...(await throughDatabase(conn, files, settings)), startSeconds };
        }
        const findings = findingsOf(run.result);
        const evaluation = evaluateFindings(truth, findings);
        results.push({ generator, seed, accounts: args.accounts, findings: findings.length, ...run, evaluation });
        console.error(
          `[${generator} seed ${seed}] ${findings.length} findings, ${evaluation.flagged} flagged, ` +
            `found ${evaluation.found}/${evaluation.planted} (detect ${run.detectSeconds.toFixed(1)} s)`,
        );
        save();
        rmSync(dir, { recursive: true, force: true });
      }
  } finally {
    if (!args.offline && !args.keep) await stop(inst).catch(() => {});
  }

  const report = save();
  console.log(`\n${reportMarkdown(report)}`);
  console.log(
    `Wrote ${join(outDir, 'eval-report.json')} and eval-report.md in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  for (const [generator, s] of Object.entries(report.summary))
    console.log(
      JSON.stringify({
        generator,
        recall: Number(s.figures.recall.toFixed(4)),
        precision: Number(s.figures.precision.toFixed(4)),
        accountPrecision: Number(s.figures.accountPrecision.toFixed(4)),
        planted: s.planted,
        flagged: s.flagged,
        confounderFlags: s.confounderFlags,
      }),
    );
  return 0;
}

runMain(() => main(process.argv.slice(2)), { failed: 'Evaluation failed', exitCodes: [1, 2] });

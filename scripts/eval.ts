/**
 * `npm run eval -- --accounts N --seed S`: generates a marketplace with planted rings, loads it into a throw-away
 * local Neo4j (instance `eval`, Bolt 7699, wiped first — never your data), runs detection and prints recall and
 * precision per pattern against the ground truth, ending with a one-line JSON summary.
 * Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Db } from '../server/db/database.ts';
import { stop, type LocalInstanceOptions } from '../server/db/local-neo4j.ts';
import { evaluateRings } from '../server/eval/ring-eval.ts';
import { generateDataset, type GroundTruth } from '../server/generate/dataset.ts';
import { loadSources } from '../server/ingest/loader.ts';
import { fileSource } from '../server/ingest/sources.ts';
import { runDetection } from '../server/runs/detection-service.ts';
import { detectRings, type DetectRingsResult } from '../server/detect/pipeline.ts';
import type { DetectionSettingsInput } from '../server/detect/settings.ts';
import { readOfflineInput } from '../server/eval/offline-input.ts';
import { checkOptions, parseOptions, runMain } from './lib/cli.ts';
import { evalInstance, freshEvalInstance } from './lib/eval-instance.ts';
import { progress } from './lib/progress.ts';

const HELP = `Usage: npm run eval -- [--accounts 20000] [--seed 1] [--keep] [--offline] [--settings '{"resolution":0.5}']

Generates a synthetic marketplace with planted rings (npm run generate), loads it into a throw-away local Neo4j
(instance "eval", Bolt 7699, wiped first), runs detection with the default settings and scores the flagged rings
against the ground truth: a planted ring is found when a flagged ring has Jaccard >= 0.5 with it.

Options:
  --accounts <n>   marketplace size (default 20000)
  --seed <n>       generator seed (default 1)
  --keep           leave the eval Neo4j running afterwards (default: stop it)
  --offline        skip Neo4j: read the generated files into memory and run the same pipeline (for fast
                   parameter sweeps; the figures that count are the ones through the database)
  --settings <js>  detection settings to override, as JSON (see server/detect/settings.ts)
  -h, --help

Prints a table per pattern and ends with one line of JSON:
{"recall":…,"precision":…,"planted":…,"flagged":…,"falseFlags":…}`;

const Args = z.object({
  accounts: z.coerce.number().int().min(1000).max(2_000_000).default(20_000),
  seed: z.coerce.number().int().min(0).default(1),
  keep: z.boolean().default(false),
  offline: z.boolean().default(false),
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
});

async function main(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    accounts: { type: 'string' },
    seed: { type: 'string' },
    keep: { type: 'boolean' },
    offline: { type: 'boolean' },
    settings: { type: 'string' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const args = checkOptions(Args, values);
  const inst = evalInstance();
  const dir = join(inst.root!, 'eval', `${args.accounts}-${args.seed}`);

  console.error(`Generating ${args.accounts} accounts (seed ${args.seed}) …`);
  const gen = await generateDataset({ seed: args.seed, accounts: args.accounts, outDir: dir });
  const truth = JSON.parse(readFileSync(gen.files.groundTruth, 'utf8')) as GroundTruth;

  let summary: { id: string; rings: DetectRingsResult['rings']; result: DetectRingsResult; totalMs: number };
  if (args.offline) {
    const input = await readOfflineInput(gen.files);
    const t0 = performance.now();
    const result = await detectRings({ ...input, settings: args.settings ?? {} });
    summary = { id: 'offline', rings: result.rings, result, totalMs: performance.now() - t0 };
  } else {
    summary = await throughDatabase(inst, gen.files, args.settings ?? {}, args.keep);
  }
  {
    const run = { id: summary.id, result: summary.result, timings: { total: summary.totalMs } };
    const rings = summary.rings.map((r) => ({ id: r.id, members: r.members, flagged: r.flagged }));
    const e = evaluateRings(truth, rings);

    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `\nDetection run ${run.id}: ${run.result.rings.length} rings reported, ${e.flagged} flagged, ${run.result.crowds.length} crowds left out, modularity ${run.result.modularity.toFixed(4)}, ${(run.timings.total / 1000).toFixed(1)} s`,
    );
    console.log('\n| pattern | planted | found | recall |\n| --- | --- | --- | --- |');
    for (const [pattern, p] of Object.entries(e.perPattern))
      console.log(`| ${pattern} | ${p.planted} | ${p.found} | ${pct(p.recall)} |`);
    console.log(`| **all** | ${e.planted} | ${e.found} | ${pct(e.recall)} |`);
    console.log(
      `\nPrecision ${pct(e.precision)} (${e.flagged - e.falseFlags}/${e.flagged} flagged rings match a planted ring); households flagged: ${e.householdsFlagged}.`,
    );
    if (e.missed.length)
      console.log(
        `Missed: ${e.missed
          .slice(0, 10)
          .map((m) => `${m.id} (${m.pattern}, ${m.size} accounts, best J ${m.bestJaccard})`)
          .join('; ')}`,
      );
    if (e.falseFlagRings.length)
      console.log(
        `False flags: ${e.falseFlagRings
          .slice(0, 10)
          .map((f) => `${f.id} (${f.size} accounts, best J ${f.bestJaccard})`)
          .join('; ')}`,
      );
    console.log(
      JSON.stringify({
        recall: Number(e.recall.toFixed(4)),
        precision: Number(e.precision.toFixed(4)),
        planted: e.planted,
        flagged: e.flagged,
        falseFlags: e.falseFlags,
        householdsFlagged: e.householdsFlagged,
      }),
    );
    return 0;
  }
}

async function throughDatabase(
  inst: LocalInstanceOptions,
  files: { accounts: string; links: string; payments: string },
  settings: DetectionSettingsInput,
  keep: boolean,
) {
  const conn = await freshEvalInstance(inst);
  const db = await Db.connect({ uri: conn.uri, user: conn.user, password: conn.password, database: 'neo4j' });
  try {
    await db.applySchema();
    const bar = progress('Loading');
    const load = await loadSources(
      db,
      [await fileSource(files.accounts), await fileSource(files.links), await fileSource(files.payments)],
      {
        onProgress: (p) => bar.update(p.rows),
      },
    );
    bar.stop();
    console.error(`Loaded ${load.rowsWritten} rows in ${(load.durationMs / 1000).toFixed(1)} s; detecting …`);
    const run = await runDetection(db, { settings });
    return { id: run.id, rings: run.result.rings, result: run.result, totalMs: run.timings.total };
  } finally {
    await db.close();
    if (!keep) await stop(inst).catch(() => {});
  }
}

runMain(() => main(process.argv.slice(2)), { failed: 'Evaluation failed', exitCodes: [1, 2] });

/**
 * `neo4j-admin database import full` of one graph with the node ids it is given as strings (how RingLens's bulk
 * converter writes them: `id:ID(Account)`, `key:ID(Device)`, …) against the same graph with ACTUAL node ids
 * (`--id-type=actual`: the ids are the node records' own numbers, so the import needs no id mapping).
 *
 *   npx tsx bench/admin-id-types.ts [--accounts 1000000] [--seed 1] [--runs 1] [--sample 500]
 *
 * 1. The generated dataset converted by the bulk converter (bench/admin-import.ts convertedDataset: generated and
 *    converted on first use, then reused).
 * 2. The same files renumbered: accounts 0 … A−1, then identifiers in file order; relationships rewritten to those
 *    numbers; the keys stay properties (`id`, `key`). Done here by a one-thread pass over every file, timed: the
 *    cost of renumbering after the fact.
 * 3. Each import, string ids then ACTUAL ids (`--runs` times each, alternating), into a throw-away home
 *    (.ringlens/bench/bulk-home, as bench/bulk-load.ts), neo4j-admin's four stages timed from its own output.
 * 4. The two stores compared: after each import the server is started and, for `--sample` accounts (every n-th of
 *    accounts.csv), each one's identifiers (label, key, USES count) and payees (id, PAID count) are read; the two
 *    imports must give the same answers, and the same node and relationship counts, or the benchmark fails.
 *
 * Figures go to bench/RESULTS.md (section admin-id-types). Why: docs/scaling.md, "The bulk first load".
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { bulkBenchConfig, convertedDataset, type AdminImportFiles } from './admin-import.ts';
import { recordResults } from './record.ts';
import { addCypherDir } from '../server/db/cypher.ts';
import { Db } from '../server/db/database.ts';
import { mainInstance } from '../server/db/instances.ts';
import { install, instancePaths, neo4jAdmin, start, stop } from '../server/db/local-neo4j.ts';
import { importArgs } from '../server/ingest/bulk-load.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
    sample: { type: 'string', default: '500' },
    'bolt-port': { type: 'string', default: process.env.NEO4J_BULK_BENCH_BOLT_PORT ?? '7698' },
    'http-port': { type: 'string', default: process.env.NEO4J_BULK_BENCH_HTTP_PORT ?? '7485' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    [
      'Usage: npx tsx bench/admin-id-types.ts [--accounts 1000000] [--seed 1] [--runs 1] [--sample 500]',
      '',
      "neo4j-admin import of the bulk converter's CSVs as they are (string ids) against the same graph renumbered",
      'with ACTUAL node ids (--id-type=actual), into a throw-away home (.ringlens/bench/bulk-home); checks that both',
      'stores hold the same graph for a sample of accounts and records the times in bench/RESULTS.md',
      '(section admin-id-types). Generates and converts the dataset on first use.',
    ].join('\n'),
  );
  process.exit(0);
}
const accounts = Number(values.accounts);
const seed = Number(values.seed);
const runs = Math.max(1, Number(values.runs));
const sampleSize = Math.max(1, Number(values.sample));
const root = resolve('.ringlens');
const { cfg } = bulkBenchConfig(root, { bolt: values['bolt-port'], http: values['http-port'] });
const log = (l: string): void => console.error(l);

/** The first CSV field of a line, unquoted, and where the rest of the line starts. */
function firstField(line: string, from = 0): [value: string, next: number] {
  if (line[from] !== '"') {
    const i = line.indexOf(',', from);
    return i < 0 ? [line.slice(from), line.length] : [line.slice(from, i), i + 1];
  }
  let i = from + 1;
  let s = '';
  for (;;) {
    const j = line.indexOf('"', i);
    if (j < 0) throw new Error(`unterminated quoted field: ${line.slice(0, 80)}`);
    if (line[j + 1] === '"') {
      s += line.slice(i, j + 1);
      i = j + 2;
      continue;
    }
    return [s + line.slice(i, j), j + 2];
  }
}

/** Writes `visit(line, n)` for every line of `file` to `out`. */
async function eachLine(file: string, visit: (line: string, n: number) => string, out: string) {
  const w = createWriteStream(out);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const next = visit(line, n++);
    if (!w.write(`${next}\n`)) await new Promise<void>((r) => w.once('drain', () => r()));
  }
  await new Promise<void>((r) => w.end(() => r()));
}

/** The converted files renumbered with ACTUAL ids under `dir` (see the header). */
async function renumber(c: AdminImportFiles, dir: string): Promise<AdminImportFiles> {
  if (c.multiline)
    throw new Error('The converted files hold line breaks in values; this benchmark reads line by line.');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const name = (f: string): string => `${basename(dirname(f))}-${basename(f)}`;
  const ids = new Map<string, Map<string, number>>();
  let next = 0;
  const nodes: AdminImportFiles['nodes'] = [];
  // Accounts first, then identifiers, each file's nodes in file order: ids ascend across the files as listed.
  for (const [label, file] of c.nodes) {
    const byKey = ids.get(label) ?? new Map<string, number>();
    ids.set(label, byKey);
    const out = join(dir, name(file));
    await eachLine(
      file,
      (line, n) => {
        if (n === 0) {
          // `id:ID(Account),label,…` → `:ID,id,label,…`: the key is kept as a plain property of the same name.
          const [head, rest] = firstField(line);
          return `:ID,${head.split(':')[0]},${line.slice(rest)}`;
        }
        const [key] = firstField(line);
        byKey.set(key, next);
        return `${next++},${line}`;
      },
      out,
    );
    nodes.push([label, out]);
  }
  const relationships: AdminImportFiles['relationships'] = [];
  for (const [type, file] of c.relationships) {
    let from: Map<string, number> | undefined;
    let to: Map<string, number> | undefined;
    const out = join(dir, name(file));
    await eachLine(
      file,
      (line, n) => {
        if (n === 0) {
          const groups = [...line.matchAll(/_ID\((\w+)\)/g)].map((m) => m[1]!);
          from = ids.get(groups[0]!);
          to = ids.get(groups[1]!);
          if (!from || !to) throw new Error(`${file}: unknown id space in ${line}`);
          return line.replace(/_ID\(\w+\)/g, '_ID');
        }
        const [a, i] = firstField(line);
        const [b, j] = firstField(line, i);
        const s = from!.get(a);
        const e = to!.get(b);
        if (s === undefined || e === undefined) throw new Error(`${file}:${n + 1}: ${a} or ${b} is no node`);
        return `${s},${e},${line.slice(j)}`;
      },
      out,
    );
    relationships.push([type, out]);
  }
  return { nodes, relationships, multiline: false, counts: c.counts };
}

interface ImportRun {
  ids: 'string' | 'actual';
  ms: number;
  stages: Array<[name: string, ms: number]>;
  fingerprint: string;
  nodes: number;
  relationships: number;
}

/** `1m 26s 731ms` → ms. */
function duration(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|h|m|s)\b/g)) {
    ms += Number(n) * ({ h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as Record<string, number>)[unit!]!;
  }
  return ms;
}

async function importOnce(files: AdminImportFiles, kind: ImportRun['ids'], sample: string[]): Promise<ImportRun> {
  const inst = mainInstance(cfg, log);
  await stop(inst).catch(() => {});
  rmSync(join(instancePaths(inst).home, 'data'), { recursive: true, force: true });
  rmSync(instancePaths(inst).passwordFile, { force: true });
  const args = [
    ...importArgs(files, join(root, 'bench', `id-types-${kind}.report`), cpus().length),
    ...(kind === 'actual' ? ['--id-type=actual'] : []),
  ];
  const stages: ImportRun['stages'] = [];
  log(`neo4j-admin import, ${kind} ids …`);
  const t0 = performance.now();
  const r = await neo4jAdmin(inst, args, (line) => {
    const done = /^(.+?) COMPLETED in (.+)$/.exec(line.trim());
    if (done) {
      stages.push([done[1]!, duration(done[2]!)]);
      log(`  ${line.trim()}`);
    }
  });
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`neo4j-admin import (${kind}) failed:\n${(r.stderr || r.stdout).slice(-2000)}`);
  const conn = await start(inst);
  const db = await Db.connect({ uri: conn.uri, user: conn.user, password: conn.password, database: 'neo4j' });
  try {
    const [counts] = await db.read<{ nodes: number; relationships: number }>('bench-store-counts.read');
    const rows = await db.read<{ id: string; uses: string[]; paid: string[] }>('bench-account-fingerprint.read', {
      ids: sample,
    });
    if (!rows.some((row) => row.uses.length > 0))
      throw new Error(`No sampled account has an identifier (${kind} ids).`);
    const fingerprint = JSON.stringify(
      rows.map((row) => [row.id, [...row.uses].sort(), [...row.paid].sort()]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    return {
      ids: kind,
      ms,
      stages,
      fingerprint,
      nodes: Number(counts!.nodes),
      relationships: Number(counts!.relationships),
    };
  } finally {
    await db.close();
    await stop(inst);
  }
}

/** Every n-th account id of the converted accounts file, `size` of them. */
async function sampleAccounts(c: AdminImportFiles, size: number): Promise<string[]> {
  const file = c.nodes.find(([label]) => label === 'Account')![1];
  const every = Math.max(1, Math.floor(c.counts.accounts / size));
  const ids: string[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (n++ === 0) continue;
    if ((n - 2) % every === 0 && ids.length < size) ids.push(firstField(line)[0]);
  }
  return ids;
}

async function main(): Promise<void> {
  addCypherDir(join(dirname(new URL(import.meta.url).pathname), 'cypher'));
  await install({ root: cfg.RINGLENS_HOME, log });
  const { converted } = await convertedDataset(root, accounts, seed, log);
  const dir = join(root, 'bench', `admin-csv-actual-${accounts}-${seed}`);
  log('Renumbering with ACTUAL ids …');
  const t0 = performance.now();
  const actual = await renumber(converted, dir);
  const renumberMs = performance.now() - t0;
  const sample = await sampleAccounts(converted, sampleSize);
  const loadBefore = loadavg();
  const done: ImportRun[] = [];
  for (let i = 0; i < runs; i++) {
    done.push(await importOnce(converted, 'string', sample));
    done.push(await importOnce(actual, 'actual', sample));
  }
  const loadAfter = loadavg();
  rmSync(dir, { recursive: true, force: true });
  const ref = done[0]!;
  for (const run of done) {
    if (run.fingerprint !== ref.fingerprint || run.nodes !== ref.nodes || run.relationships !== ref.relationships) {
      throw new Error(`The ${run.ids}-id store differs from the string-id store: not the same graph.`);
    }
  }
  const found = (JSON.parse(ref.fingerprint) as unknown[]).length;
  if (found !== sample.length) throw new Error(`Only ${found} of ${sample.length} sampled accounts were found.`);
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const names = ref.stages.map(([n]) => n);
  const body = [
    `Dataset: \`npm run generate -- --accounts ${accounts} --seed ${seed}\`, converted by the bulk converter (bench/admin-import.ts convertedDataset): ${converted.counts.accounts} accounts, ${converted.counts.identifiers} identifiers, ${converted.counts.uses} USES, ${converted.counts.paid} PAID. Each import into an empty throw-away home (\`--threads=${cpus().length}\`, the bulk loader's options); the string-id files are the converter's own, the ACTUAL-id files the same rows renumbered.`,
    '',
    `| import | ${names.join(' | ')} | total (wall, JVM start included) |`,
    `| --- | ${names.map(() => '---').join(' | ')} | --- |`,
    ...done.map(
      (run) =>
        `| ${run.ids === 'string' ? 'string ids (as converted)' : '`--id-type=actual`'} | ${names
          .map((n) => s(run.stages.find(([m]) => m === n)?.[1] ?? NaN))
          .join(' | ')} | **${s(run.ms)}** |`,
    ),
    '',
    `Same graph: ${ref.nodes} nodes, ${ref.relationships} relationships in every store, and the identifiers (label, key, sightings) and payees (id, payments) of ${sample.length} sampled accounts read back identical. Renumbering the converted files after the fact (this script, one thread, Node maps of every key): ${s(renumberMs)}.`,
    `Load average (1 / 5 / 15 min) on ${cpus().length} cores: ${loadBefore.map((x) => x.toFixed(1)).join(' / ')} before the first import, ${loadAfter.map((x) => x.toFixed(1)).join(' / ')} after the last.`,
  ].join('\n');
  console.log(body);
  recordResults(
    'admin-id-types',
    'neo4j-admin import: string ids against ACTUAL node ids, one graph',
    `npx tsx bench/admin-id-types.ts --accounts ${accounts} --seed ${seed} --runs ${runs} --sample ${sampleSize}`,
    body,
  );
}

await main();

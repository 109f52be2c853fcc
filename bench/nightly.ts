/**
 * The nightly job's cost per night: load, detection and diff phases, as the dataset grows.
 *
 *   npx tsx bench/nightly.ts [--accounts 100000,300000] [--seed 1] [--delta 0.01] [--first-load batched|bulk]
 *                            [--heap MiB] [--neo4j-heap 3g] [--neo4j-pagecache 3g] [--record nightly]
 *
 * --heap sets the V8 old space of the nightly (and bulk load) child processes (`--max-old-space-size`; default
 * Node's own limit, ~4 GiB here): 10M accounts need more.
 *
 * For each size:
 * 1. Generates a marketplace (`npm run generate`) and splits its links.csv into links-base.csv and links-delta.csv
 *    (every 1/delta-th row: 1 % of the link rows, new sightings for existing accounts).
 * 2. Starts a throw-away Neo4j instance (`nightly-bench`, Bolt 7696) with an empty store.
 * 3. Night 1: `npm run nightly` with accounts, base links and payments (the initial load). With `--first-load bulk`
 *    the first load is `npm run load -- --bulk` into an empty home of its own (.ringlens/bench/nightly-home, Bolt
 *    7696), as a deployment starts, and night 1 is then `npm run nightly` with nothing new to load.
 * 4. Night 2: links-delta.csv is dropped into the input folder — the measured night (1 % new link rows).
 * 5. Night 3: no new file (the fixed cost of a night).
 * 6. Night 4: no new file, `--full-read` (detection reads the whole graph, as before incremental nights): the same
 *    rings as night 3, and the cost incremental reading saves.
 * Nights 2 and 3 read detection's cached input plus what the night's load changed (runs/input-cache.ts); night 1 has
 * no cache yet and reads the whole graph.
 * Each night runs the CLI as a child process (as cron would); phases come from its --json log, peak RSS from /proc.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Db } from '../server/db/database.ts';
import { instancePaths, start, stop, type LocalInstanceOptions } from '../server/db/local-neo4j.ts';
import { generatedDataset } from './datasets.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000,300000' },
    seed: { type: 'string', default: '1' },
    delta: { type: 'string', default: '0.01' },
    record: { type: 'string', default: 'nightly' },
    'first-load': { type: 'string', default: 'batched' },
    heap: { type: 'string' },
    'neo4j-heap': { type: 'string', default: '3g' },
    'neo4j-pagecache': { type: 'string', default: '3g' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'Usage: npx tsx bench/nightly.ts [--accounts 100000,300000] [--seed 1] [--delta 0.01] [--first-load batched|bulk]\n' +
      '                                [--heap MiB] [--neo4j-heap 3g] [--neo4j-pagecache 3g] [--record nightly]\n' +
      '  --first-load bulk loads night 1 with `npm run load -- --bulk` (default: batched, by the nightly job).\n' +
      "  --heap sets the child processes' V8 old space in MiB (10M accounts need more than the default).\n" +
      '  --record names the section of bench/RESULTS.md the figures go to (default nightly).',
  );
  process.exit(0);
}
const sizes = values.accounts.split(',').map(Number);
const firstLoad = values['first-load'];
if (firstLoad !== 'batched' && firstLoad !== 'bulk') {
  console.error(`--first-load is batched or bulk, not ${firstLoad}.`);
  process.exit(2);
}
const every = Math.round(1 / Number(values.delta));
const heapArgs = values.heap ? [`--max-old-space-size=${Number(values.heap)}`] : [];
const root = resolve('.ringlens');
const inst: LocalInstanceOptions = {
  name: 'nightly-bench',
  root,
  boltPort: 7696,
  httpPort: 7493,
  heapSize: values['neo4j-heap'],
  pageCacheSize: values['neo4j-pagecache'],
  log: (l) => console.log(l),
};

interface Night {
  ms: number;
  peakRssMiB: number;
  phases: Record<string, number>;
  detect: Record<string, number>;
  input: Record<string, unknown>;
  rowsLoaded: number;
  rings: number;
  flagged: number;
  alerts: number;
  code: number;
}

/** The bulk home's `main` instance (its own RINGLENS_HOME, so its data, password and detection cache are apart). */
const bulkHome = join(root, 'bench', 'nightly-home');
const bulkInst: LocalInstanceOptions = { ...inst, name: 'main', root: bulkHome };
const bulkEnv: Record<string, string> = {
  RINGLENS_HOME: bulkHome,
  NEO4J_URI: '',
  NEO4J_PASSWORD: '',
  NEO4J_BOLT_PORT: String(inst.boltPort),
  NEO4J_HTTP_PORT: String(inst.httpPort),
  NEO4J_HEAP_SIZE: inst.heapSize!,
  NEO4J_PAGECACHE_SIZE: inst.pageCacheSize!,
  CI: 'true',
};

/** `npm run load -- --bulk files` as a child process: wall time. */
function bulkLoadChild(files: string[]): Promise<number> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...heapArgs, '--import', 'tsx', 'scripts/load.ts', '--bulk', ...files], {
      env: { ...process.env, ...bulkEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolveRun(performance.now() - t0) : reject(new Error(`load --bulk exited ${code}`)),
    );
  });
}

async function emptyBulkHome(): Promise<void> {
  await stop(bulkInst).catch(() => {});
  for (const p of [join(instancePaths(bulkInst).home, 'data'), instancePaths(bulkInst).passwordFile])
    rmSync(p, { recursive: true, force: true });
  for (const d of ['cache', 'bulk-import']) rmSync(join(bulkHome, d), { recursive: true, force: true });
}

function runNight(args: string[], env: Record<string, string>): Promise<Night> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    // As `npm run nightly` runs it (package.json: the young generation size).
    const child = spawn(
      process.execPath,
      ['--max-semi-space-size=64', ...heapArgs, '--import', 'tsx', 'scripts/nightly.ts', '--json', ...args],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const night: Night = {
      ms: 0,
      peakRssMiB: 0,
      phases: {},
      detect: {},
      input: {},
      rowsLoaded: 0,
      rings: 0,
      flagged: 0,
      alerts: 0,
      code: 1,
    };
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const e = JSON.parse(line) as Record<string, unknown>;
      if (e.event === 'phase.start') console.log(`    ${String(e.phase)} …`);
      if (e.event === 'load.done') night.rowsLoaded = Number(e.rowsWritten);
      if (e.event === 'detect.done') {
        night.detect = e.timingsMs as Record<string, number>;
        night.input = (e.input ?? {}) as Record<string, unknown>;
      }
      if (e.event === 'nightly.done') {
        night.phases = e.timingsMs as Record<string, number>;
        const c = e.counts as Record<string, number>;
        Object.assign(night, { rings: c.rings, flagged: c.flagged, alerts: c.alerts });
      }
    });
    const timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) night.peakRssMiB = Math.max(night.peakRssMiB, Number(m[1]) / 1024);
      } catch {
        // exited between polls
      }
    }, 200);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      night.ms = performance.now() - t0;
      night.code = code ?? 1;
      if (code !== 0 && code !== 3) reject(new Error(`nightly exited ${code}: ${err.slice(-2000)}`));
      else resolveRun(night);
    });
  });
}

/** Splits links.csv into base (all but every `every`-th row) and delta (every `every`-th row). */
async function splitLinks(dir: string): Promise<{ base: number; delta: number }> {
  const base = createWriteStream(join(dir, 'links-base.csv'));
  const delta = createWriteStream(join(dir, 'links-delta.csv'));
  let n = 0;
  const counts = { base: 0, delta: 0 };
  for await (const line of createInterface({ input: createReadStream(join(dir, 'links.csv')) })) {
    if (n++ === 0) {
      base.write(`${line}\n`);
      delta.write(`${line}\n`);
    } else if (n % every === 0) {
      delta.write(`${line}\n`);
      counts.delta++;
    } else {
      base.write(`${line}\n`);
      counts.base++;
    }
  }
  await Promise.all([new Promise((r) => base.end(r)), new Promise((r) => delta.end(r))]);
  return counts;
}

async function freshStore(): Promise<{ uri: string; password: string }> {
  await stop(inst).catch(() => {});
  rmSync(join(instancePaths(inst).home, 'data'), { recursive: true, force: true });
  const s = await start(inst);
  const db = await Db.connect({ uri: s.uri, user: 'neo4j', password: s.password, database: 'neo4j' });
  await db.applySchema();
  await db.close();
  return { uri: s.uri, password: s.password };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** How a night's detection read its input (runs/input-cache.ts). */
function inputText(n: Night): string {
  const i = n.input;
  return i.mode === 'incremental'
    ? `cache + ${String(i.changedIdentifiers)} changed identifiers, ${String(i.changedPayers)} payers (read ${s(Number(i.readMs))})`
    : `whole graph (${String(i.reason)})`;
}

async function benchSize(accounts: number) {
  const dataDir = join(root, 'bench', `nightly-gen-${accounts}-${values.seed}`);
  await generatedDataset(dataDir, accounts, Number(values.seed), (l) => console.log(l));
  const split = await splitLinks(dataDir);
  const input = join(root, 'bench', `nightly-input-${accounts}`);
  const reports = join(root, 'bench', `nightly-reports-${accounts}`);
  rmSync(input, { recursive: true, force: true });
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(input, { recursive: true });
  for (const f of ['accounts.csv', 'links-base.csv', 'payments.csv']) symlinkSync(join(dataDir, f), join(input, f));

  const args = (date: string) => ['--date', date, '--input', input, '--report-dir', reports, '--detection-wait', '0'];
  let env: Record<string, string>;
  let bulkMs = 0;
  if (firstLoad === 'bulk') {
    await stop(inst).catch(() => {}); // the same ports
    await emptyBulkHome();
    env = bulkEnv;
    console.log(`  first load, --bulk (${split.base} link rows) …`);
    bulkMs = await bulkLoadChild(['accounts.csv', 'links-base.csv', 'payments.csv'].map((f) => join(input, f)));
  } else {
    const conn = await freshStore();
    env = { NEO4J_URI: conn.uri, NEO4J_PASSWORD: conn.password, CI: 'true' };
  }
  console.log(
    `  night 1 (${firstLoad === 'bulk' ? 'after the bulk load' : `initial load: ${split.base} link rows`}) …`,
  );
  const night1 = await runNight(args('2026-01-01'), env);
  night1.ms += bulkMs;
  night1.phases.load = (night1.phases.load ?? 0) + bulkMs;
  symlinkSync(join(dataDir, 'links-delta.csv'), join(input, 'links-delta.csv'));
  console.log(`  night 2 (${split.delta} new link rows) …`);
  const night2 = await runNight(args('2026-01-02'), env);
  console.log('  night 3 (no new file) …');
  const night3 = await runNight(args('2026-01-03'), env);
  console.log('  night 4 (no new file, --full-read) …');
  const night4 = await runNight([...args('2026-01-04'), '--full-read'], env);
  if (firstLoad === 'bulk') await emptyBulkHome();
  else {
    await stop(inst);
    rmSync(join(instancePaths(inst).home, 'data'), { recursive: true, force: true });
  }
  return { accounts, linkRows: split.base + split.delta, deltaRows: split.delta, night1, night2, night3, night4 };
}

type Result = Awaited<ReturnType<typeof benchSize>>;

function table(results: Result[]): string {
  const diff = (n: Night) => (n.phases.compare ?? 0) + (n.phases.alerts ?? 0);
  const row = (label: string, f: (r: Result) => string) => `| ${label} | ${results.map(f).join(' | ')} |`;
  return [
    `| | ${results.map((r) => `${r.accounts.toLocaleString('en')} accounts`).join(' | ')} |`,
    `| --- | ${results.map(() => '---').join(' | ')} |`,
    row('link rows (base + 1 % delta)', (r) => `${r.linkRows}`),
    row(
      `night 1: initial load${firstLoad === 'bulk' ? ' (npm run load -- --bulk)' : ''} + detection (wall)`,
      (r) => `${s(r.night1.ms)} (load ${s(r.night1.phases.load!)})`,
    ),
    row('**night 2 (1 % new link rows): total wall time**', (r) => `**${s(r.night2.ms)}**`),
    row(
      '— load (new file only; others skipped by hash)',
      (r) => `${s(r.night2.phases.load!)} (${r.night2.rowsLoaded} rows)`,
    ),
    row('— detection (open input · projection · communities · lookups · score · write · cache save)', (r) => {
      const d = r.night2.detect;
      return `${s(r.night2.phases.detect!)} (${[d.input, d.project, d.communities, d.lookup, d.score, d.write, d.cacheSave].map((ms) => s(ms ?? 0)).join(' · ')})`;
    }),
    row('— detection input', (r) => inputText(r.night2)),
    row('— diff (baseline read, compare, alerts)', (r) => s(diff(r.night2))),
    row('— the rest (process start, connect, lock, report, run record)', (r) =>
      s(r.night2.ms - r.night2.phases.load! - r.night2.phases.detect! - diff(r.night2)),
    ),
    row('night 2 peak RSS of the nightly process', (r) => `${r.night2.peakRssMiB.toFixed(0)} MiB`),
    row('night 2 rings / flagged / alerts', (r) => `${r.night2.rings} / ${r.night2.flagged} / ${r.night2.alerts}`),
    row(
      'night 3 (no new file): total wall time · detection · input',
      (r) => `${s(r.night3.ms)} · ${s(r.night3.phases.detect!)} · ${inputText(r.night3)}`,
    ),
    row(
      'night 4 (no new file, --full-read): total wall time · detection',
      (r) => `${s(r.night4.ms)} · ${s(r.night4.phases.detect!)} (input ${s(r.night4.detect.project ?? 0)})`,
    ),
    row(
      'rings / flagged: night 3 (incremental) · night 4 (full read)',
      (r) =>
        `${r.night3.rings} / ${r.night3.flagged} · ${r.night4.rings} / ${r.night4.flagged}${r.night3.rings === r.night4.rings && r.night3.flagged === r.night4.flagged && r.night4.alerts === 0 ? ' (same; night 4 raised no alert)' : ' (**DIFFERENT**)'}`,
    ),
  ].join('\n');
}

async function main() {
  const results: Result[] = [];
  for (const n of sizes) {
    console.log(`\n== ${n} accounts`);
    results.push(await benchSize(n));
    console.log(`\n${table(results)}`);
  }
  let growth = '';
  if (results.length > 1) {
    const [a, b] = [results[0]!, results.at(-1)!];
    const f = (x: number, y: number) => (y / x).toFixed(2);
    growth = `\n\nFrom ${a.accounts.toLocaleString('en')} to ${b.accounts.toLocaleString('en')} accounts (×${f(a.accounts, b.accounts)}): night 2 total ×${f(a.night2.ms, b.night2.ms)}, detection ×${f(a.night2.phases.detect!, b.night2.phases.detect!)}, diff ×${f(a.night2.phases.compare! + a.night2.phases.alerts!, b.night2.phases.compare! + b.night2.phases.alerts!)}, load ×${f(a.night2.phases.load!, b.night2.phases.load!)}.`;
  }
  recordResults(
    values.record,
    'Nightly job: a night with 1 % new link rows',
    `npx tsx bench/nightly.ts --accounts ${values.accounts} --seed ${values.seed} --delta ${values.delta}${firstLoad === 'bulk' ? ' --first-load bulk' : ''}${values.heap ? ` --heap ${values.heap}` : ''}${values['neo4j-heap'] === '3g' ? '' : ` --neo4j-heap ${values['neo4j-heap']}`}${values['neo4j-pagecache'] === '3g' ? '' : ` --neo4j-pagecache ${values['neo4j-pagecache']}`}${values.record === 'nightly' ? '' : ` --record ${values.record}`}`,
    `Dataset: \`npm run generate -- --accounts N --seed ${values.seed}\`; its links.csv split into a base file and a delta of every ${every}th row. ${firstLoad === 'bulk' ? 'The base files are first loaded with `npm run load -- --bulk` (counted in night 1). ' : ''}Each night is \`npm run nightly\` as a child process against a throw-away Neo4j (heap ${inst.heapSize}, page cache ${inst.pageCacheSize})${values.heap ? ` with \`--max-old-space-size=${values.heap}\`` : ''} on the same machine; phases from its --json log.\n\n${table(results)}${growth}\n\nThe load phase of a night only reads the new file (files loaded before are recognised by content hash; the hash itself reads every input file once). Nights 2 and 3 read detection's cached input plus what their load changed (runs/input-cache.ts); night 4 reads the whole graph (\`--full-read\`).`,
  );
}

main().catch(async (err) => {
  console.error(err);
  await stop(inst).catch(() => {});
  process.exit(1);
});

/**
 * Neighbour expansion on the million-account store: the latency an investigator sees when expanding a node, over a
 * few thousand random expansions, super-nodes included.
 *
 *   npx tsx bench/expand-latency.ts [--accounts 1000000] [--seed 1] [--expansions 3000] [--keep]
 *
 * 1. Uses the million-account store of the detection benchmark (`detect-bench`, Bolt 7695): imported with
 *    neo4j-admin from `npm run generate -- --accounts N --seed S` when the instance does not hold it yet.
 * 2. Starts the real app (createApp, authentication on, a viewer's API token) in a child process and asks it, one
 *    request at a time over loopback HTTP, for `GET /api/nodes/:kind/:id/neighbors` exactly as the web app does:
 *    random accounts and random identifiers (first page of 50, sorted by kind), super-nodes (identifiers with more
 *    accounts than the threshold of 50: the first request, whose answer makes the app ask the user, and the
 *    "most shared first" page the user may then choose). Latency is client-side, until the JSON is parsed.
 * 3. A warm-up of its own random nodes first (not counted); records p50/p95/p99 per kind of expansion and overall in
 *    bench/RESULTS.md. Goal: p95 < 50 ms.
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addCypherDir } from '../server/db/cypher.ts';
import { Db, type DbOptions } from '../server/db/database.ts';
import { start, stop } from '../server/db/local-neo4j.ts';
import { INVESTIGATE_DEFAULTS as DEFAULTS } from '../contracts/investigate-requests.ts';
import { importStore, millionStoreInstance } from './admin-import.ts';
import { serveApp, type ServedApp } from './app-server.ts';
import { recordResults } from './record.ts';

addCypherDir(join(import.meta.dirname, 'cypher'));

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    expansions: { type: 'string', default: '3000' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});

const root = resolve(process.env.RINGLENS_HOME || '.ringlens');
const INSTANCE = millionStoreInstance(root);

interface Target {
  kind: string;
  key: string;
  sharers?: number;
}

interface Sample {
  accounts: string[];
  identifiers: Target[];
  superNodes: Target[];
  total: number;
}

interface Class {
  id: string;
  what: string;
  targets: Target[];
  query: string;
  times: number[];
  returned: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

async function sample(db: Db, n: number): Promise<Sample> {
  const [row] = await db.read<Sample>('bench-expand-sample.read', {
    accounts: n,
    identifiers: n,
    superNodes: n,
    threshold: DEFAULTS.superNodeThreshold,
  });
  return row!;
}

async function main(): Promise<void> {
  const accounts = Number(values.accounts);
  const seed = Number(values.seed);
  const expansions = Number(values.expansions);
  let inst = await start(INSTANCE);
  let options: DbOptions = { uri: inst.uri, user: inst.user, password: inst.password, database: 'neo4j' };
  let db = await Db.connect(options);
  let server: ServedApp | undefined;
  try {
    const [count] = await db.read<{ accounts: number }>('bench-api-data.read');
    if (count!.accounts < accounts) {
      await db.close();
      await importStore(INSTANCE, accounts, seed, (l) => console.error(l));
      inst = await start(INSTANCE);
      options = { uri: inst.uri, user: inst.user, password: inst.password, database: 'neo4j' };
      db = await Db.connect(options);
    }
    await db.applySchema();
    console.error('Sampling nodes …');
    // Split: 50 % accounts, 30 % identifiers, 10 % super-node first requests, 10 % super-node "most shared" pages.
    const share = { accounts: 0.5, identifiers: 0.3, superFirst: 0.1, superShared: 0.1 };
    const warmup = Math.min(500, Math.round(expansions / 6));
    const s = await sample(db, Math.ceil((expansions + warmup) * 0.5));
    const take = <T>(xs: T[], n: number): T[] => shuffle(xs).slice(0, n);
    const n = (f: number) => Math.round(expansions * f);
    const classes: Class[] = [
      {
        id: 'account',
        what: 'random account',
        targets: take(
          s.accounts.map((key) => ({ kind: 'account', key })),
          n(share.accounts),
        ),
        query: '',
        times: [],
        returned: [],
      },
      {
        id: 'identifier',
        what: 'random identifier (device, card, IP, email, phone)',
        targets: take(s.identifiers, n(share.identifiers)),
        query: '',
        times: [],
        returned: [],
      },
      {
        id: 'super-first',
        what: `super-node (> ${DEFAULTS.superNodeThreshold} accounts): first request, counts by kind + first page`,
        targets: take([...s.superNodes], n(share.superFirst)),
        query: '',
        times: [],
        returned: [],
      },
      {
        id: 'super-shared',
        what: 'super-node: "most shared first" page the user may choose',
        targets: take([...s.superNodes], n(share.superShared)),
        query: '?order=shared',
        times: [],
        returned: [],
      },
    ];
    const warm = take([...s.accounts.map((key) => ({ kind: 'account', key })), ...s.identifiers], warmup);

    server = await serveApp(db, options, 'expand');
    const { base, headers } = server;
    const expand = async (t: Target, query: string): Promise<{ ms: number; returned: number }> => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/nodes/${t.kind}/${encodeURIComponent(t.key)}/neighbors${query}`, {
        headers,
      });
      const body = (await res.json()) as { returned?: number };
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${t.kind} ${t.key}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return { ms, returned: body.returned ?? 0 };
    };

    console.error(`Warming up with ${warm.length} other nodes …`);
    for (const t of warm) await expand(t, '');
    // Interleave the classes so that each sees the same machine.
    const plan = shuffle(classes.flatMap((c) => c.targets.map((t) => ({ c, t }))));
    console.error(`Measuring ${plan.length} expansions …`);
    let done = 0;
    for (const { c, t } of plan) {
      const r = await expand(t, c.query);
      c.times.push(r.ms);
      c.returned.push(r.returned);
      if (++done % 500 === 0) console.error(`  ${done} / ${plan.length}`);
    }

    const all = classes.flatMap((c) => c.times).sort((a, b) => a - b);
    const ms = (v: number) => v.toFixed(1);
    const row = (what: string, times: number[], returned: number[], sharers?: number[]) => {
      const t = [...times].sort((a, b) => a - b);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      const sorted = [...(sharers ?? [])].sort((a, b) => a - b);
      const extra = sorted.length > 0 ? `${sorted[0]}–${sorted.at(-1)} (median ${percentile(sorted, 50)})` : '';
      return `| ${what} | ${t.length} | ${ms(percentile(t, 50))} | ${ms(percentile(t, 95))} | ${ms(percentile(t, 99))} | ${ms(t.at(-1) ?? NaN)} | ${mean(returned).toFixed(1)} | ${extra} |`;
    };
    const p95 = percentile(all, 95);
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ');
    const body = [
      `Store: \`npm run generate -- --accounts ${accounts} --seed ${seed}\` (${s.total} accounts) imported with neo4j-admin, rings from the detection benchmark, in the throw-away instance \`${INSTANCE.name}\` (heap ${INSTANCE.heapSize}, page cache ${INSTANCE.pageCacheSize}) on the same 2 cores as the app.`,
      `The real app (createApp, a viewer's API token) in its own process; one request at a time over loopback HTTP, as the web app expands a node (\`GET /api/nodes/:kind/:id/neighbors\`, page of ${DEFAULTS.neighborLimit}); time until the JSON is parsed. ${warm.length} other random nodes expanded first as a warm-up (not counted); the classes interleaved at random. Latencies in ms.`,
      '',
      '| expansion | n | p50 | p95 | p99 | max | neighbours returned (mean) | accounts on the node |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...classes.map((c) =>
        row(
          c.what,
          c.times,
          c.returned,
          c.targets.map((t) => t.sharers).filter((x): x is number => x !== undefined),
        ),
      ),
      row(
        '**all expansions**',
        all,
        classes.flatMap((c) => c.returned),
      ),
      '',
      `Load average when done: ${load} (1 / 5 / 15 min) on ${cpus().length} cores.`,
      p95 < 50
        ? `Goal (p95 < 50 ms over all expansions) **met**: ${ms(p95)} ms.`
        : `Goal (p95 < 50 ms over all expansions) **not met**: ${ms(p95)} ms.`,
    ].join('\n');
    console.log(`\n${body}`);
    recordResults(
      'expand-latency',
      'Neighbour expansion on the million-account store',
      `npx tsx bench/expand-latency.ts --accounts ${accounts} --seed ${seed} --expansions ${expansions}`,
      body,
    );
  } finally {
    await server?.close();
    await db.close();
    if (!values.keep) await stop(INSTANCE).catch(() => {});
  }
}

if (values.help) {
  console.log('Usage: npx tsx bench/expand-latency.ts [--accounts 1000000] [--seed 1] [--expansions 3000] [--keep]');
} else {
  main().catch(async (err: unknown) => {
    console.error(err);
    await stop(INSTANCE).catch(() => {});
    process.exit(1);
  });
}

/**
 * API latency under load: ring listing, ring detail and neighbour expansion at 50 concurrent connections over
 * loopback, on a 100k-account marketplace in a throw-away Neo4j (`api-bench`, Bolt 7693).
 *
 *   npx tsx bench/api-load.ts [--accounts 100000] [--seed 1] [--connections 50] [--seconds 13] [--warmup 8]
 *
 * 1. Generates the dataset (`scripts/generate.ts`), loads it (`scripts/load.ts`) and runs detection
 *    (`scripts/detect.ts`) into the instance — skipped when the instance already holds it.
 * 2. Starts the real app (createApp, authentication on) in a child process, so the load generator does not share
 *    its event loop, and signs every request with a viewer's API token (the per-token rate limit raised for the
 *    benchmark; everything else as in production).
 * 3. Warms the just-started server up with every scenario for --warmup seconds (not measured), then runs autocannon
 *    per scenario — authentication alone, ring listing, ring detail, neighbour expansion — with a 2 s warm-up and
 *    the measured run (≤ 60 s in all), and records throughput, p50/p95/p99 (from every response's time) and errors
 *    in bench/RESULTS.md. Stops the instance at the end.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_AUTH_SETTINGS } from '../server/auth/settings.ts';
import { addCypherDir } from '../server/db/cypher.ts';
import { Db, type DbOptions } from '../server/db/database.ts';
import { start, stop, type LocalInstanceOptions } from '../server/db/local-neo4j.ts';
import { serveApp, type ServedApp } from './app-server.ts';
import { generatedDataset } from './datasets.ts';
import { recordResults } from './record.ts';

addCypherDir(join(import.meta.dirname, 'cypher'));

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '13' },
    warmup: { type: 'string', default: '8' },
  },
});

const root = resolve(process.env.RINGLENS_HOME || '.ringlens');
const INSTANCE: LocalInstanceOptions = {
  name: 'api-bench',
  root,
  boltPort: 7693,
  httpPort: 7483,
  heapSize: '2g',
  pageCacheSize: '1g',
  startTimeoutMs: 240_000,
  log: (l) => console.error(l),
};

function run(script: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', fail);
    child.on('close', (code) => ok(code ?? 1));
  });
}

interface Scenario {
  id: string;
  what: string;
  path: () => string;
}

interface Measured {
  scenario: Scenario;
  requests: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(app: ServedApp, s: Scenario, connections: number, seconds: number) {
  const fire = (duration: number, times?: number[]) =>
    new Promise<autocannon.Result>((ok, fail) => {
      const instance = autocannon(
        {
          url: app.base,
          connections,
          duration,
          headers: app.headers,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: s.path() }) }],
        },
        (err, result) => (err ? fail(err) : ok(result)),
      );
      if (times) instance.on('response', (_client, _status, _bytes, ms: number) => times.push(ms));
    });
  await fire(2);
  const times: number[] = [];
  const result = await fire(seconds, times);
  times.sort((a, b) => a - b);
  return {
    scenario: s,
    requests: times.length,
    seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  } satisfies Measured;
}

async function main(): Promise<void> {
  const accounts = Number(values.accounts);
  const seed = Number(values.seed);
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const dataDir = join(root, 'bench', `api-gen-${accounts}-${seed}`);
  const inst = await start(INSTANCE);
  const options: DbOptions = { uri: inst.uri, user: inst.user, password: inst.password, database: 'neo4j' };
  const env = { NEO4J_URI: inst.uri, NEO4J_USER: inst.user, NEO4J_PASSWORD: inst.password, NEO4J_DATABASE: 'neo4j' };
  const db = await Db.connect(options);
  let server: ServedApp | undefined;
  try {
    await db.applySchema();
    const [present] = await db.read<{ accounts: number; runs: number }>('bench-api-data.read');
    if (present!.accounts < accounts || present!.runs === 0) {
      await generatedDataset(dataDir, accounts, seed);
      let t = performance.now();
      const files = ['accounts.csv', 'links.csv', 'payments.csv'].map((f) => join(dataDir, f));
      if ((await run('scripts/load.ts', files, env)) !== 0) throw new Error('load failed');
      console.error(`Loaded in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
      t = performance.now();
      if ((await run('scripts/detect.ts', [], env)) !== 0) throw new Error('detect failed');
      console.error(`Detection in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
    }
    const [sample] = await db.read<{ rings: string[]; members: string[]; accounts: number }>('bench-api-sample.read', {
      limit: 500,
    });
    server = await serveApp(db, options, 'api-load');
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    const pages = [1, 2, 3, 4, 5];
    const scenarios: Scenario[] = [
      {
        id: 'me',
        what: 'authentication alone `GET /api/auth/me` (remembered token, no data query)',
        path: () => '/api/auth/me',
      },
      {
        id: 'rings',
        what: 'ring listing `GET /api/rings?page=1..5&pageSize=25` (sorted by score)',
        path: () => `/api/rings?page=${pick(pages)}&pageSize=25`,
      },
      {
        id: 'ring',
        what: `ring detail \`GET /api/rings/:id\` (${sample!.rings.length} top rings)`,
        path: () => `/api/rings/${pick(sample!.rings)}`,
      },
      {
        id: 'neighbors',
        what: `neighbour expansion \`GET /api/nodes/account/:id/neighbors\` (${sample!.members.length} ring members)`,
        path: () => `/api/nodes/account/${encodeURIComponent(pick(sample!.members))}/neighbors`,
      },
    ];
    const results: Measured[] = [];
    // A freshly started Neo4j and Node compile their hot paths in the first seconds of load; a long-running server
    // has done so long ago. Warm both up with every scenario first (not measured).
    for (const s of scenarios) {
      console.error(`Warming up with ${s.id} for ${warmup} s …`);
      await measure(server, s, connections, warmup);
    }
    for (const s of scenarios) {
      console.error(`Running ${s.id} for ${seconds} s at ${connections} connections …`);
      results.push(await measure(server, s, connections, seconds));
    }

    const ms = (v: number) => v.toFixed(1);
    const row = (m: Measured) =>
      `| ${m.scenario.what} | ${(m.requests / m.seconds).toFixed(0)} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${ms(m.max)} | ${m.errors} / ${m.non2xx} |`;
    const missed = results.filter((m) => !(m.p95 < 100 && m.errors === 0 && m.non2xx === 0));
    const load = loadavg()[0]!.toFixed(1);
    recordResults(
      'api-load',
      'API under load: rings and neighbour expansion, 50 connections',
      `npx tsx bench/api-load.ts --accounts ${accounts} --seed ${seed} --connections ${connections} --seconds ${seconds} --warmup ${warmup}`,
      [
        `Dataset: \`scripts/generate.ts --accounts ${accounts} --seed ${seed}\` (${sample!.accounts} accounts), loaded with \`scripts/load.ts\`, rings from \`scripts/detect.ts\`, in a throw-away Neo4j (\`api-bench\`, heap ${INSTANCE.heapSize}, page cache ${INSTANCE.pageCacheSize}) on the same machine as the API and the load generator.`,
        `The real app (createApp) in its own process, every request authenticated with a viewer's API token (token looked up in Neo4j, then remembered for the default tokenCacheMs of ${DEFAULT_AUTH_SETTINGS.tokenCacheMs / 1000} s; role check, security headers, request timeout all on; only the per-token rate limit raised). autocannon over loopback, ${connections} connections, ${seconds} s per scenario after a 2 s warm-up; before those, a warm-up of ${warmup} s per scenario for the freshly started server (not measured); latencies in ms over every response.`,
        '',
        '| scenario | req/s | p50 | p95 | p99 | max | errors / non-2xx |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...results.map(row),
        '',
        `Load average (1 min) when the runs ended: ${load} on ${cpus().length} cores — anything else running on the machine shows up in these figures.`,
        missed.length === 0
          ? 'Goal (p95 < 100 ms, zero errors) met for every scenario.'
          : `Goal (p95 < 100 ms, zero errors) **not met** for: ${missed.map((m) => m.scenario.id).join(', ')}.`,
      ].join('\n'),
    );
  } finally {
    await server?.close();
    await db.close();
    await stop(INSTANCE);
  }
}

await main();

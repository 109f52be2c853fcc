/**
 * Louvain against a peer: graphology-communities-louvain (what RingLens runs) and python3-igraph's
 * `community_multilevel` (the C implementation of Blondel et al. 2008) on the same weighted graph, in the same run.
 *
 *   npx tsx bench/louvain-peer.ts [--accounts 1000000] [--seed 1] [--resolution 1] [--runs 3]
 *
 * The graph is RingLens's account projection of a generated marketplace — the dataset of bench/detect-e2e.ts, read
 * from its neo4j-admin CSVs (normalised keys, one row per account–identifier pair; bench/admin-import.ts) and
 * projected with the default settings — exported as an edge list. Both libraries get the whole projection, then its
 * largest connected component, at the same resolution; each is run `--runs` times with different seeds and the median time is reported. Modularity is
 * recomputed for both partitions by one function (server/detect/modularity.ts), so the two figures are comparable.
 * Times are the algorithm alone: building each library's graph is reported separately. Needs /usr/bin/python3 with
 * python3-igraph (Debian package).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import louvain from 'graphology-communities-louvain';
import {
  adjacencyFromEdges,
  connectedComponents,
  positionalSubgraph,
  NodeMarks,
  type WeightedAdjacency,
} from '../server/detect/adjacency.ts';
import { detectAdjacencyCommunities } from '../server/detect/communities.ts';
import type { IdentifierGroup, IdentifierKind } from '../server/detect/input.ts';
import { adjacencyModularity } from '../server/detect/modularity.ts';
import { ProjectionBuilder } from '../server/detect/projection.ts';
import { mulberry32 } from '../server/detect/rng.ts';
import { resolveSettings } from '../server/detect/settings.ts';
import { readRecords } from '../server/ingest/readers.ts';
import { IDENTIFIER_LABELS, convertedDataset } from './admin-import.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    resolution: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h' },
  },
});

const IGRAPH = String.raw`
import json, random, sys, time
import igraph
path, n, resolution, runs, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
t0 = time.perf_counter()
edges, weights = [], []
with open(path) as f:
    for line in f:
        u, v, w = line.split()
        edges.append((int(u), int(v)))
        weights.append(float(w))
g = igraph.Graph(n=n, edges=edges)
g.es['weight'] = weights
load = time.perf_counter() - t0
results = []
for r in range(runs):
    random.seed(r + 1)
    t = time.perf_counter()
    c = g.community_multilevel(weights='weight', resolution=resolution)
    results.append({'ms': (time.perf_counter() - t) * 1000, 'modularity': c.modularity, 'membership': c.membership})
with open(out, 'w') as f:
    json.dump({'loadMs': load * 1000, 'version': igraph.__version__, 'runs': results}, f)
`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function projectionOf(csvDir: string) {
  const settings = resolveSettings();
  const builder = new ProjectionBuilder(settings);
  for (const [kind, label] of Object.entries(IDENTIFIER_LABELS) as Array<[IdentifierKind, string]>) {
    // account ids per key: a string while one account uses it, an array once several do
    const users = new Map<string, string | string[]>();
    for await (const row of readRecords(join(csvDir, `uses-${label}.csv`), { format: 'csv' })) {
      if (!row.raw) continue;
      const account = String(row.raw[':START_ID(Account)']);
      const key = String(row.raw[`:END_ID(${label})`]);
      const seen = users.get(key);
      if (seen === undefined) users.set(key, account);
      else if (typeof seen === 'string') users.set(key, [seen, account]);
      else seen.push(account);
    }
    for (const [key, accounts] of users) {
      if (typeof accounts !== 'string') builder.addGroup({ kind, key, accounts } satisfies IdentifierGroup);
    }
  }
  const totals = new Map<string, { count: number; total: number }>();
  for await (const row of readRecords(join(csvDir, 'paid.csv'), { format: 'csv' })) {
    if (!row.raw) continue;
    const id = `${String(row.raw[':START_ID(Account)'])}\u0000${String(row.raw[':END_ID(Account)'])}`;
    const t = totals.get(id) ?? { count: 0, total: 0 };
    t.count += Number(row.raw['count:long']);
    t.total += Number(row.raw['total:double']);
    totals.set(id, t);
  }
  for (const [id, t] of totals) {
    const [payer, payee] = id.split('\u0000') as [string, string];
    builder.addPayment({ payer, payee, ...t });
  }
  return { projection: builder.build(), settings };
}

function runPython(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/python3', ['-c', IGRAPH, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`python3 igraph exited with ${code}.`))));
  });
}

interface Race {
  label: string;
  nodes: number;
  edges: number;
  ours: Array<{ ms: number; modularity: number; communities: number }>;
  theirs: Array<{ ms: number; reported: number; modularity: number; communities: number }>;
  graphologyLoadMs: number;
  igraphLoadMs: number;
  version: string;
}

/** Both libraries on one weighted graph, `runs` times each; modularity of every partition by one formula. */
async function race(label: string, adjacency: WeightedAdjacency, resolution: number, runs: number, workDir: string) {
  const n = adjacency.ids.length;
  const lines: string[] = [];
  for (let u = 0; u < n; u++) {
    for (let k = adjacency.offsets[u]!; k < adjacency.offsets[u + 1]!; k++) {
      const v = adjacency.targets[k]!;
      if (v > u) lines.push(`${u} ${v} ${adjacency.weights[k]}`);
    }
  }
  const edgeFile = join(workDir, 'edges.txt');
  writeFileSync(edgeFile, lines.join('\n') + '\n');
  const edges = lines.length;
  lines.length = 0;

  console.error(`${label}: ${n} accounts, ${edges} edges. graphology …`);
  const g0 = performance.now();
  const all = Array.from({ length: n }, (_, i) => i);
  const graph = positionalSubgraph(adjacency, all, { marks: new NodeMarks(n), position: new Int32Array(n) });
  const graphologyLoadMs = performance.now() - g0;
  const ours: Race['ours'] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const result = louvain.detailed(graph, { resolution, rng: mulberry32(r + 1), getEdgeWeight: 'weight' });
    const ms = performance.now() - t0;
    const membership = Int32Array.from(all, (i) => result.communities[String(i)]!);
    ours.push({ ms, modularity: adjacencyModularity(adjacency, membership, resolution), communities: result.count });
  }

  console.error(`${label}: igraph …`);
  const out = join(workDir, 'igraph.json');
  await runPython([edgeFile, String(n), String(resolution), String(runs), out]);
  const peer = JSON.parse(readFileSync(out, 'utf8')) as {
    loadMs: number;
    version: string;
    runs: Array<{ ms: number; modularity: number; membership: number[] }>;
  };
  const theirs: Race['theirs'] = peer.runs.map((run) => ({
    ms: run.ms,
    reported: run.modularity,
    modularity: adjacencyModularity(adjacency, Int32Array.from(run.membership), resolution),
    communities: new Set(run.membership).size,
  }));
  return { label, nodes: n, edges, ours, theirs, graphologyLoadMs, igraphLoadMs: peer.loadMs, version: peer.version };
}

/** The largest connected component as an adjacency of its own (nodes renumbered, ids kept). */
function largestComponent(adjacency: WeightedAdjacency): WeightedAdjacency {
  const biggest = connectedComponents(adjacency).reduce((a, b) => (b.length > a.length ? b : a));
  const local = new Map(biggest.map((node, i) => [node, i]));
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (const u of biggest) {
    for (let k = adjacency.offsets[u]!; k < adjacency.offsets[u + 1]!; k++) {
      const v = adjacency.targets[k]!;
      if (v > u && local.has(v)) {
        sources.push(local.get(u)!);
        targets.push(local.get(v)!);
        weights.push(adjacency.weights[k]!);
      }
    }
  }
  return adjacencyFromEdges(
    biggest.map((node) => adjacency.ids[node]!),
    Int32Array.from(sources),
    Int32Array.from(targets),
    Float64Array.from(weights),
    sources.length,
  );
}

function report(r: Race): { table: string; verdict: string } {
  const oursMs = median(r.ours.map((x) => x.ms));
  const theirsMs = median(r.theirs.map((x) => x.ms));
  const oursQ = median(r.ours.map((x) => x.modularity));
  const theirsQ = median(r.theirs.map((x) => x.modularity));
  const f = (x: number): string => x.toFixed(4);
  const s = (ms: number): string => (ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
  const rows: Array<[string, string, string]> = [
    ['Louvain time (median of runs)', `**${s(oursMs)}**`, `**${s(theirsMs)}**`],
    ['Louvain time, every run', r.ours.map((x) => s(x.ms)).join(' / '), r.theirs.map((x) => s(x.ms)).join(' / ')],
    ['Modularity (median; one formula for both)', `**${f(oursQ)}**`, `**${f(theirsQ)}**`],
    [
      'Modularity, every run',
      r.ours.map((x) => f(x.modularity)).join(' / '),
      r.theirs.map((x) => f(x.modularity)).join(' / '),
    ],
    ['igraph’s own modularity figure', '', r.theirs.map((x) => f(x.reported)).join(' / ')],
    ['Communities', r.ours.map((x) => x.communities).join(' / '), r.theirs.map((x) => x.communities).join(' / ')],
    ['Building the library’s graph (not in the time)', s(r.graphologyLoadMs), `${s(r.igraphLoadMs)} (Python)`],
  ];
  const table = [
    `| ${r.label}: ${r.nodes} accounts, ${r.edges} edges | graphology-communities-louvain | python3-igraph ${r.version} community_multilevel |`,
    '| --- | --- | --- |',
    ...rows.map((x) => `| ${x.join(' | ')} |`),
  ].join('\n');
  const verdict = `${r.label}: graphology / igraph time **${(oursMs / theirsMs).toFixed(2)}×** (goal ≤ 2×); graphology's modularity is **${(((theirsQ - oursQ) / theirsQ) * 100).toFixed(2)} %** below igraph's (goal ≤ 1 %).`;
  return { table, verdict };
}

async function main(): Promise<void> {
  const accounts = Number(values.accounts);
  const seed = Number(values.seed);
  const resolution = Number(values.resolution);
  const runs = Number(values.runs);
  const root = resolve('.ringlens');
  const { converted } = await convertedDataset(root, accounts, seed, (l) => console.error(l));
  const csvDir = resolve(converted.nodes[0]![1], '..');
  const workDir = join(root, 'bench', 'louvain-peer');
  mkdirSync(workDir, { recursive: true });

  console.error('Projecting …');
  const { projection, settings } = await projectionOf(csvDir);
  const whole = await race('whole projection', projection.adjacency, resolution, runs, workDir);
  const giant = await race('largest component', largestComponent(projection.adjacency), resolution, runs, workDir);

  // What RingLens itself runs on the same projection: per-component Louvain, refinement and trimming.
  const p0 = performance.now();
  const pipeline = detectAdjacencyCommunities(projection.adjacency, settings);
  const pipelineMs = performance.now() - p0;
  const parts = [report(whole), report(giant)];
  const context = `For context, RingLens's own community step on the same projection (per-component Louvain at γ = ${settings.resolution}, refinement, trimming): ${(pipelineMs / 1000).toFixed(2)} s, ${pipeline.counts.louvainRuns} Louvain runs.`;
  const body = [...parts.map((x) => x.table), [...parts.map((x) => x.verdict), context].join('\n')].join('\n\n');
  console.log(`\n${body}`);
  recordResults(
    'louvain-peer',
    'Louvain: graphology against igraph on the same projection',
    `npx tsx bench/louvain-peer.ts --accounts ${accounts} --seed ${seed} --resolution ${resolution} --runs ${runs}`,
    `Graph: RingLens's account projection (default settings) of \`npm run generate -- --accounts ${accounts} --seed ${seed}\`, exported as an edge list — the whole projection (mostly small components: households, rings) and its largest connected component (on a graph this small, fixed per-call costs dominate both times). Both libraries at resolution ${resolution}, ${runs} runs each with seeds 1…${runs}, in one run of the benchmark on the same 2 cores (load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}). Modularity of every partition is recomputed by server/detect/modularity.ts.\n\n${body}`,
  );
}

if (values.help)
  console.log('Usage: npx tsx bench/louvain-peer.ts [--accounts 1000000] [--seed 1] [--resolution 1] [--runs 3]');
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });

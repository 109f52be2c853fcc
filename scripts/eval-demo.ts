/**
 * `npx tsx scripts/eval-demo.ts`: RingLens on the Neo4j fraud demo export (github.com/neo4j-product-examples/
 * demo-fraud, shipped in test/fixtures/neo4j-demo-fraud). Starts the throw-away `eval` instance on an empty store, loads
 * the export with the real CLI (`scripts/load.ts --map examples/neo4j-demo-fraud.map.json`), runs detection, and
 * reports which rings hold the customers the export flags as fraud, and the NMI between RingLens's rings and the
 * export's own `louvainCommunity` column (server/eval/nmi.ts). Every customer outside a ring is a cluster of its own.
 * The bar of issue 12: every fraudFlag = True customer lands in a flagged ring or duplicate-account pair (pairs
 * counted when detection reports them, see server/eval/detection-findings.ts).
 * Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { spawn } from 'node:child_process';
import { resolve, join } from 'node:path';
import { Db } from '../server/db/database.ts';
import { stop } from '../server/db/local-neo4j.ts';
import { findingsOf } from '../server/eval/detection-findings.ts';
import { normalizedMutualInformation, withSingletons } from '../server/eval/nmi.ts';
import { readRecords } from '../server/ingest/readers.ts';
import { runDetection } from '../server/runs/detection-service.ts';
import { parseOptions, runMain } from './lib/cli.ts';
import { evalInstance, freshEvalInstance } from './lib/eval-instance.ts';

const HELP = `Usage: npx tsx scripts/eval-demo.ts [--data-dir test/fixtures/neo4j-demo-fraud] [--map examples/neo4j-demo-fraud.map.json] [--keep]

Loads the Neo4j fraud demo export into the throw-away eval instance (Bolt 7699, wiped first), runs detection and
prints where the fraudFlag=True customers ended up (and whether every one of them is in a flagged ring or pair)
and the NMI against the export's louvainCommunity column.
  --keep   leave the eval instance running afterwards`;

interface Customer {
  id: string;
  fraud: boolean;
  louvain: string;
}

function loadCli(map: string, dataDir: string, uri: string, password: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/load.ts', '--map', map, '--data-dir', dataDir], {
      env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: password, CI: 'true' },
      stdio: 'inherit',
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`scripts/load.ts exited with ${code}.`))));
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    'data-dir': { type: 'string', default: 'test/fixtures/neo4j-demo-fraud' },
    map: { type: 'string', default: 'examples/neo4j-demo-fraud.map.json' },
    keep: { type: 'boolean', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dataDir = resolve(values['data-dir']);
  const customers: Customer[] = [];
  for await (const row of readRecords(join(dataDir, 'export_transactions_Customer.csv'))) {
    if (!row.raw) continue;
    customers.push({
      id: String(row.raw.customerID),
      fraud: String(row.raw.fraudFlag) === 'True',
      louvain: String(row.raw.louvainCommunity),
    });
  }

  const inst = evalInstance();
  const conn = await freshEvalInstance(inst);
  try {
    await loadCli(resolve(values.map), dataDir, conn.uri, conn.password);
    const db = await Db.connect({ uri: conn.uri, user: conn.user, password: conn.password, database: 'neo4j' });
    try {
      const run = await runDetection(db);
      // every community of at least minRingSize, whatever its score: the partition itself, for the NMI
      const all = await runDetection(db, { settings: { reportThreshold: 0 } });
      const rings = run.result.rings;
      const flagged = rings.filter((r) => r.flagged);
      console.log(
        `\nDetection run ${run.id}: ${customers.length} customers, ${rings.length} rings reported, ${flagged.length} flagged, ${all.result.rings.length} communities of ≥ ${run.result.settings.minRingSize} accounts.\n`,
      );

      console.log('| fraud customer | louvainCommunity | RingLens ring | size | score | flagged | top reasons |');
      console.log('| --- | --- | --- | --- | --- | --- | --- |');
      const fraud = customers.filter((c) => c.fraud);
      const inFlagged = new Set<string>();
      for (const c of fraud) {
        const ring = rings.find((r) => r.members.includes(c.id));
        if (ring?.flagged) inFlagged.add(ring.id);
        const community = all.result.rings.find((r) => r.members.includes(c.id));
        const unreported = community
          ? `in no reported ring; its community of ${community.members.length} scores ${community.score}: ${community.reasons.slice(0, 2).join('; ')}`
          : 'in no community of ≥ minRingSize accounts';
        const cells = ring
          ? [ring.id, ring.members.length, ring.score, ring.flagged ? 'yes' : 'no', ring.reasons.slice(0, 3).join('; ')]
          : ['—', '', '', 'no', unreported];
        console.log(`| ${c.id} | ${c.louvain} | ${cells.join(' | ')} |`);
      }
      for (const ring of flagged) {
        const members = new Set(ring.members);
        const known = fraud.filter((c) => members.has(c.id)).length;
        console.log(
          `\nFlagged ${ring.id} (${ring.members.length} accounts, score ${ring.score}, ${known} fraudFlag=True):`,
        );
        for (const reason of ring.reasons) console.log(`  - ${reason}`);
      }

      const universe = customers.map((c) => c.id);
      const louvain = new Map(customers.map((c) => [c.id, c.louvain]));
      const nmi = (groups: ReadonlyArray<readonly string[]>) =>
        normalizedMutualInformation(withSingletons(universe, groups), louvain);
      const figures = {
        flagged: nmi(flagged.map((r) => r.members)),
        reported: nmi(rings.map((r) => r.members)),
        communities: nmi(all.result.rings.map((r) => r.members)),
      };
      console.log(
        '\n| RingLens clusters (others singletons) | clusters | NMI vs louvainCommunity |\n| --- | --- | --- |',
      );
      const label = {
        flagged: 'flagged rings',
        reported: `reported rings (score ≥ ${run.result.settings.reportThreshold})`,
        communities: `all communities of ≥ ${run.result.settings.minRingSize} accounts`,
      };
      for (const [key, f] of Object.entries(figures)) {
        console.log(`| ${label[key as keyof typeof label]} | ${f.clustersA} | ${f.nmi.toFixed(4)} |`);
      }
      // Rings and pairs alike: the bar is that every fraudFlag=True customer is in some flagged finding.
      const flaggedFindings = findingsOf(run.result).filter((f) => f.flagged);
      const covered = new Set(flaggedFindings.flatMap((f) => f.members));
      const uncovered = fraud.filter((c) => !covered.has(c.id));
      console.log(
        `\nfraudFlag=True customers in a flagged ring or pair: ${fraud.length - uncovered.length}/${fraud.length}` +
          (uncovered.length ? ` — not: ${uncovered.map((c) => c.id).join(', ')}` : ' — every one.'),
      );
      console.log(
        JSON.stringify({
          customers: customers.length,
          fraudCustomers: fraud.length,
          fraudInFlaggedRings: fraud.filter((c) => flagged.some((r) => r.members.includes(c.id))).length,
          fraudInFlaggedFindings: fraud.length - uncovered.length,
          everyFraudCustomerFlagged: uncovered.length === 0,
          flaggedPairs: flaggedFindings.filter((f) => f.kind === 'pair').length,
          flaggedRings: flagged.length,
          flaggedRingsWithFraud: inFlagged.size,
          nmi: Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, Number(f.nmi.toFixed(4))])),
        }),
      );
    } finally {
      await db.close();
    }
    return 0;
  } finally {
    if (!values.keep) await stop(inst).catch(() => {});
  }
}

runMain(() => main(process.argv.slice(2)), { failed: 'Demo evaluation failed', exitCodes: [1, 2] });

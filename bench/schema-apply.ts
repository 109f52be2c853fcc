/**
 * The schema step of a bulk first load on a full store: `applySchema` one statement at a time against several
 * sessions at once (`{ concurrency }`; bulk-load.ts uses 4), each followed by waiting for every index to come online.
 *
 *   npx tsx bench/schema-apply.ts [--sessions 1,4,8] [--repeat 2]
 *
 * Works on the store bench/bulk-load.ts leaves behind (RINGLENS_HOME=.ringlens/bench/bulk-home, its `main` instance:
 * the peer's import of the 1M set, with no schema); run that first. Before every pass all constraints and indexes but
 * the token lookups are dropped, so every pass populates the same indexes on the same store.
 */
import { existsSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Db } from '../server/db/database.ts';
import { mainInstance } from '../server/db/instances.ts';
import { instancePaths, start, stop } from '../server/db/local-neo4j.ts';
import { bulkBenchConfig } from './admin-import.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1,4,8' },
    repeat: { type: 'string', default: '2' },
    'bolt-port': { type: 'string', default: process.env.NEO4J_BULK_BENCH_BOLT_PORT ?? '7698' },
    'http-port': { type: 'string', default: process.env.NEO4J_BULK_BENCH_HTTP_PORT ?? '7485' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('Usage: npx tsx bench/schema-apply.ts [--sessions 1,4,8] [--repeat 2]   (after bench/bulk-load.ts)');
  process.exit(0);
}

async function main(): Promise<void> {
  const { cfg } = bulkBenchConfig(resolve('.ringlens'), { bolt: values['bolt-port'], http: values['http-port'] });
  const inst = mainInstance(cfg, (l) => console.error(l));
  if (!existsSync(join(instancePaths(inst).home, 'data', 'databases', 'neo4j'))) {
    console.error('No bulk-load store: run `npx tsx bench/bulk-load.ts` first.');
    process.exit(2);
  }
  const s = await start(inst);
  const db = await Db.connect({ uri: s.uri, user: s.user, password: s.password, database: 'neo4j' });
  // Dropping needs each constraint's and index's name in the statement: plain driver sessions, not named queries.
  const driver = neo4j.driver(s.uri, neo4j.auth.basic(s.user, s.password));
  const run = async (text: string) => {
    const session = driver.session({ database: 'neo4j' });
    try {
      return (await session.run(text)).records.map((r) => r.toObject() as Record<string, unknown>);
    } finally {
      await session.close();
    }
  };
  const dropAll = async () => {
    for (const { name } of await run('SHOW CONSTRAINTS YIELD name RETURN name'))
      await run(`DROP CONSTRAINT \`${String(name)}\``);
    for (const { name } of await run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"))
      await run(`DROP INDEX \`${String(name)}\``);
  };
  const rows: string[] = [];
  try {
    const nodes = Number((await run('MATCH (n) RETURN count(n) AS nodes'))[0]?.nodes ?? 0);
    for (let r = 0; r < Number(values.repeat); r++) {
      for (const sessions of values.sessions.split(',').map(Number)) {
        await dropAll();
        const t = performance.now();
        const n = await db.applySchema({ concurrency: sessions });
        await db.read('schema-await.read');
        const ms = performance.now() - t;
        console.log(`pass ${r + 1}, ${sessions} session(s): ${(ms / 1000).toFixed(1)} s (${n} statements)`);
        rows.push(`| ${r + 1} | ${sessions} | ${(ms / 1000).toFixed(1)} s |`);
      }
    }
    const body = [
      `Store: the 1M set as bench/bulk-load.ts's peer imported it (${nodes} nodes; Neo4j heap 3g, page cache 3g). Each pass: every constraint and index dropped (token lookups kept), then \`applySchema({ concurrency })\` and \`CALL db.awaitIndexes\`.`,
      '',
      '| pass | sessions | schema created and online |',
      '| ---: | ---: | ---: |',
      ...rows,
      '',
      `Load average when done: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min) on ${cpus().length} cores.`,
    ].join('\n');
    recordResults(
      'schema-apply',
      'The schema on a full store: one session against several',
      `npx tsx bench/schema-apply.ts --sessions ${values.sessions} --repeat ${values.repeat}`,
      body,
    );
  } finally {
    await driver.close();
    await db.close();
    await stop(inst);
  }
}

await main();

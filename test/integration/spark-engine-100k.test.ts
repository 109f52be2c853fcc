/**
 * `--engine spark` against `--engine local` at the size issue 16 names: a generated 100 000-account marketplace,
 * bulk-loaded (`npm run load -- --bulk`) into a throw-away local Neo4j of its own (so the shared test instance never
 * holds 750 000 links), detected once in process and once with the real Spark job in local mode (local[2]). Run by
 * `npm run spark:test` (RINGLENS_SPARK_TEST=1) after the smaller engines test; RINGLENS_SPARK_TEST_100K_ACCOUNTS
 * changes the size.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/db/database.ts';
import { start, stop } from '../../server/db/local-neo4j.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { runCli } from '../support/cli.ts';
import { findingsOf } from '../support/same-findings.ts';
import { tempDir } from '../support/ingest-data.ts';
import { generateMarketplace, shareNeo4jJars, throwawayNeo4j } from '../support/throwaway-neo4j.ts';

const ACCOUNTS = Number(process.env.RINGLENS_SPARK_TEST_100K_ACCOUNTS ?? 100_000);
const { home, inst, env } = throwawayNeo4j('NEO4J_SPARK_TEST', 9, '1g', '512m');

describe.skipIf(process.env.RINGLENS_SPARK_TEST !== '1')(
  `detection engines at ${ACCOUNTS} accounts: local and Spark (bulk-loaded Neo4j of its own, Spark local[2])`,
  () => {
    let db: Db;
    let local: DetectionRunResult;
    let spark: DetectionRunResult;
    let sparkJob: { output: string; ms: number } | undefined;
    let nodesInStore = 0;

    beforeAll(async () => {
      await shareNeo4jJars(home);
      const data = join(tempDir(), 'gen');
      await generateMarketplace(data, ACCOUNTS, 3);
      const files = ['accounts.csv', 'links.csv', 'payments.csv'].map((f) => join(data, f));
      const loaded = await runCli('scripts/load.ts', ['--bulk', ...files], env);
      expect(loaded.code, loaded.stderr).toBe(0);
      const s = await start(inst);
      db = await Db.connect({ uri: s.uri, user: s.user, password: s.password, database: 'neo4j' });
      const [row] = await db.read<{ nodes: number }>('count-all-nodes.read');
      nodesInStore = Number(row?.nodes ?? 0);
      local = await runDetection(db);
      spark = await runDetection(db, {
        engine: { kind: 'spark', master: 'local[2]', onJob: (job) => (sparkJob = job) },
      });
    }, 3_600_000);

    afterAll(async () => {
      await db?.close();
      await stop(inst).catch(() => {});
    });

    it('loaded the whole set and the Spark job found the parts', () => {
      expect(nodesInStore).toBeGreaterThan(ACCOUNTS);
      expect(sparkJob?.output).toMatch(/Wrote the parts of \d+ accounts .* \(master local\[2\]\)/);
      expect(spark.result.counts.partition.engine).toBe('spark');
      expect(local.result.counts.partition.engine).toBe('local');
    });

    it('both engines report the same findings from the same parts', () => {
      expect(local.result.rings.length).toBeGreaterThan(100);
      expect(findingsOf(spark.result)).toEqual(findingsOf(local.result));
      expect(spark.result.rings.every((r) => r.status === 'unchanged')).toBe(true);
      const { engine: _e, workers: _w, ...sparkParts } = spark.result.counts.partition;
      const { engine: _l, workers: _lw, ...localParts } = local.result.counts.partition;
      expect(sparkParts).toEqual(localParts);
      expect(spark.result.counts.components).toEqual(local.result.counts.components);
    });
  },
);
